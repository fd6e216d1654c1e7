// Per-vehicle routes (traffic.routing: routes) against the next-hop tables: the same run bit for
// bit, through reroutes, closures and bans, on any thread count; and closures avoided.
#include <gtest/gtest.h>

#include <filesystem>

#include "io/output/run_compare.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "run_to_file.hpp"

namespace citytwin {
namespace {

std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "route-modes";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

void expect_same_run(sim::Scenario sc, const std::string& name, int threads_routes = 2) {
    const auto a = scratch(name + "-tables.h5"), b = scratch(name + "-routes.h5");
    sc.traffic.routing = "tables";
    const auto ka = test::run_to_file(sc, "cpu", 2, a);
    sc.traffic.routing = "routes";
    const auto kb = test::run_to_file(sc, "cpu", threads_routes, b);
    ASSERT_GT(test::kpi(ka, "trips_arrived"), 500) << "the run should be busy enough to mean something";
    EXPECT_EQ(test::kpi(ka, "trips_arrived"), test::kpi(kb, "trips_arrived"));
    EXPECT_EQ(test::kpi(ka, "mean_trip_duration_s"), test::kpi(kb, "mean_trip_duration_s"));
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
}

TEST(RouteModes, RoutesGiveTheTablesRunBitForBit) {
    expect_same_run(test::busy_grid(), "busy");
}

TEST(RouteModes, OneThreadGivesTheTwoThreadRun) {
    sim::Scenario sc = test::busy_grid(600, 4000);
    sc.traffic.routing = "routes";
    const auto a = scratch("t1.h5"), b = scratch("t2.h5");
    test::run_to_file(sc, "cpu", 1, a);
    test::run_to_file(sc, "cpu", 2, b);
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
}

TEST(RouteModes, AClosureGivesTheTablesRunBitForBit) {
    sim::Scenario sc = io::load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/whatif-closure.yaml");
    sc.duration_s = 2 * 3600;   // 06:00-08:00: the closure begins at 07:30
    sc.demand.generate->trips = 12000;
    sc.outputs.vehicles_every_s = 0;
    sc.power.reset();
    sc.air.reset();
    expect_same_run(sc, "closure");
}

TEST(RouteModes, ABanGivesTheTablesRunBitForBit) {
    sim::Scenario sc = io::load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/whatif-lez.yaml");
    sc.power.reset();
    sc.air.reset();
    expect_same_run(sc, "ban");
}

TEST(RouteModes, AutoKeepsSmallTablesAndRoutesLargeOnes) {
    sim::Scenario sc = test::busy_grid(60, 100);
    sim::TrafficSetup small = sim::build_traffic_setup(sc);
    EXPECT_TRUE(small.use_tables);
    sc.network.grid->rows = sc.network.grid->cols = 90;   // 32,040 links x thousands of destinations
    sc.demand.generate->trips = 20000;
    sim::TrafficSetup large = sim::build_traffic_setup(sc);
    EXPECT_GT(sim::next_hop_table_bytes(large), sim::kAutoTableBytes);
    EXPECT_FALSE(large.use_tables);
    sc.traffic.routing = "tables";
    EXPECT_TRUE(sim::build_traffic_setup(sc).use_tables);
}

}  // namespace
}  // namespace citytwin
