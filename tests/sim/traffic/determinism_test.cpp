// Same scenario, same seed: bitwise-identical datasets, whatever the thread count.
#include <gtest/gtest.h>

#include <filesystem>

#include "io/output/run_compare.hpp"
#include "run_to_file.hpp"

namespace citytwin {
namespace {

std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "determinism";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

TEST(Determinism, SameSeedAndThreadCountsGiveIdenticalFiles) {
    const sim::Scenario sc = test::busy_grid();
    const auto a = scratch("a.h5"), b = scratch("b.h5"), c = scratch("c.h5");
    const auto ka = test::run_to_file(sc, "cpu", 2, a);
    test::run_to_file(sc, "cpu", 2, b);
    test::run_to_file(sc, "cpu", 1, c);
    ASSERT_GT(test::kpi(ka, "trips_arrived"), 1000) << "the run should be busy enough to mean something";
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
    diffs.clear();
    EXPECT_TRUE(io::datasets_identical(a, c, &diffs)) << "--threads 1 vs 2: " << (diffs.empty() ? "" : diffs.front());
}

TEST(Determinism, ADifferentSeedGivesADifferentRun) {
    sim::Scenario sc = test::busy_grid(300, 1500);
    const auto a = scratch("s1.h5"), b = scratch("s2.h5");
    test::run_to_file(sc, "cpu", 2, a);
    sc.seed = 12;
    test::run_to_file(sc, "cpu", 2, b);
    EXPECT_FALSE(io::datasets_identical(a, b, nullptr));
}

}  // namespace
}  // namespace citytwin
