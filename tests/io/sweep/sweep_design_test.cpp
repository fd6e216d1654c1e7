// The sampled designs: reproducible, within their distributions, latin strata each hit once.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "io/sweep/normal_quantile.hpp"
#include "io/sweep/sweep_file.hpp"
#include "io/sweep/sweep_members.hpp"
#include "tests/io/sweep/sweep_test_files.hpp"

namespace citytwin::io {
namespace {

using testing::arterial_base;
using testing::write_sweep;

SweepFile sampled(const std::string& design, int samples) {
    return load_sweep_file(write_sweep(
        design + ".sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() + "design: " + design +
                                    "\nsamples: " + std::to_string(samples) +
                                    "\nseed: 4\nparameters:\n"
                                    "  x: {distribution: uniform, low: 10, high: 20}\n"
                                    "  y: {distribution: normal, mean: 0, sd: 1}\n"
                                    "  z: [a, b, c]\n"));
}

TEST(SweepDesign, RandomIsReproducibleAndWithinRange) {
    const SweepFile a = sampled("random", 50), b = sampled("random", 50);
    ASSERT_EQ(sweep_member_count(a), 50u);
    std::set<std::string> choices;
    for (std::size_t i = 0; i < 50; ++i) {
        const auto va = combination_values(a, i);
        EXPECT_EQ(va, combination_values(b, i));
        const double x = std::stod(va[0]);
        EXPECT_GE(x, 10.0);
        EXPECT_LT(x, 20.0);
        choices.insert(va[2]);
    }
    EXPECT_EQ(choices, (std::set<std::string>{"a", "b", "c"}));
    // More samples keep the first ones: sample i is keyed by i alone.
    const SweepFile more = sampled("random", 60);
    EXPECT_EQ(combination_values(more, 7), combination_values(a, 7));
}

TEST(SweepDesign, LatinPutsOneSampleInEachStratum) {
    const int n = 37;
    const SweepFile s = sampled("latin", n);
    std::set<int> x_strata, y_strata;
    for (int i = 0; i < n; ++i) {
        const auto v = combination_values(s, static_cast<std::size_t>(i));
        x_strata.insert(static_cast<int>(std::floor((std::stod(v[0]) - 10.0) / 10.0 * n)));
        // Phi(y) is uniform over the strata for a normal parameter.
        const double p = 0.5 * std::erfc(-std::stod(v[1]) / std::sqrt(2.0));
        y_strata.insert(static_cast<int>(std::floor(p * n)));
    }
    EXPECT_EQ(x_strata.size(), static_cast<std::size_t>(n));
    EXPECT_EQ(y_strata.size(), static_cast<std::size_t>(n));
    EXPECT_EQ(*x_strata.begin(), 0);
    EXPECT_EQ(*x_strata.rbegin(), n - 1);
}

TEST(NormalQuantile, MatchesTabulatedValues) {
    EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-12);
    EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
    EXPECT_NEAR(normal_quantile(0.001), -3.090232306167814, 1e-11);
}

}  // namespace
}  // namespace citytwin::io
