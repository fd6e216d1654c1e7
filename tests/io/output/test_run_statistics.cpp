// The statistics of `citytwin compare`: differences and their intervals on hand-checked data,
// zero width for identical groups, the coverage of the 95 % interval on 1,000 synthetic
// replication sets with a known offset (paired and Welch), pairing by seed, and the
// replications a half-width needs.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "io/output/run_statistics.hpp"
#include "io/output/student_t.hpp"

namespace citytwin::io {
namespace {

TEST(RunStatistics, IdenticalGroupsGiveZeroDifferenceAndAZeroWidthInterval) {
    const std::vector<double> x = {101.5, 99.0, 104.25, 97.0};
    for (const DifferenceEstimate& e : {paired_difference(x, x, 0.95), welch_difference(x, x, 0.95)}) {
        EXPECT_EQ(e.delta, 0.0);
        EXPECT_EQ(e.delta_pct, 0.0);
        EXPECT_EQ(e.base_mean, e.variant_mean);
        EXPECT_EQ(e.n_base, 4u);
        EXPECT_EQ(e.n_variant, 4u);
    }
    const DifferenceEstimate p = paired_difference(x, x, 0.95);
    EXPECT_EQ(p.method, IntervalMethod::Paired);
    EXPECT_EQ(p.ci_low, 0.0);
    EXPECT_EQ(p.ci_high, 0.0);
}

TEST(RunStatistics, PairedIntervalOnHandCheckedData) {
    // Differences 1, 2, 1, 3: mean 1.75, s = sqrt(2.75 / 3), 3 degrees of freedom.
    const std::vector<double> base = {10, 12, 14, 16}, variant = {11, 14, 15, 19};
    const DifferenceEstimate e = paired_difference(base, variant, 0.95);
    const double half = 3.182446305284263 * std::sqrt(2.75 / 3.0) / 2.0;
    EXPECT_EQ(e.method, IntervalMethod::Paired);
    EXPECT_DOUBLE_EQ(e.delta, 1.75);
    EXPECT_DOUBLE_EQ(e.delta_pct, 100.0 * 1.75 / 13.0);
    EXPECT_DOUBLE_EQ(e.degrees_of_freedom, 3.0);
    EXPECT_NEAR(e.ci_low, 1.75 - half, 1e-12);
    EXPECT_NEAR(e.ci_high, 1.75 + half, 1e-12);
}

TEST(RunStatistics, WelchIntervalOnHandCheckedData) {
    // Equal sizes and variances (2.5): se = 1, Welch's df = 8 exactly.
    const std::vector<double> base = {1, 2, 3, 4, 5}, variant = {3, 4, 5, 6, 7};
    const DifferenceEstimate e = welch_difference(base, variant, 0.95);
    EXPECT_EQ(e.method, IntervalMethod::Welch);
    EXPECT_DOUBLE_EQ(e.delta, 2.0);
    EXPECT_NEAR(e.degrees_of_freedom, 8.0, 1e-12);
    EXPECT_NEAR(e.ci_low, 2.0 - 2.306004135204166, 1e-11);
    EXPECT_NEAR(e.ci_high, 2.0 + 2.306004135204166, 1e-11);
    // Unequal variances and sizes: df from Welch-Satterthwaite, between min(n)-1 and nb+nv-2.
    const std::vector<double> wide = {0, 10, 20, 30, 40, 50, 60};
    const DifferenceEstimate u = welch_difference(base, wide, 0.90);
    const double vb = 2.5 / 5.0, vv = (2800.0 / 6.0) / 7.0;  // s² of wide = 2800 / 6
    EXPECT_NEAR(u.degrees_of_freedom, (vb + vv) * (vb + vv) / (vb * vb / 4.0 + vv * vv / 6.0), 1e-9);
    EXPECT_NEAR(u.ci_high - u.delta, student_t_quantile(0.95, u.degrees_of_freedom) * std::sqrt(vb + vv), 1e-9);
}

TEST(RunStatistics, NoIntervalFromOneReplication) {
    const std::vector<double> one = {5.0}, two = {6.0};
    const DifferenceEstimate e = paired_difference(one, two, 0.95);
    EXPECT_EQ(e.method, IntervalMethod::None);
    EXPECT_DOUBLE_EQ(e.delta, 1.0);
    EXPECT_DOUBLE_EQ(e.delta_pct, 20.0);
    EXPECT_TRUE(std::isnan(e.ci_low));
    EXPECT_TRUE(std::isnan(e.ci_high));
    EXPECT_FALSE(replications_for_half_width(e, 1.0).has_value());
}

TEST(RunStatistics, RelativeDifferenceOfAZeroBase) {
    const std::vector<double> zero = {0.0, 0.0}, some = {1.0, 2.0};
    EXPECT_EQ(welch_difference(zero, zero, 0.95).delta_pct, 0.0);
    EXPECT_TRUE(std::isnan(welch_difference(zero, some, 0.95).delta_pct));
    EXPECT_DOUBLE_EQ(welch_difference(std::vector<double>{-4.0, -4.0}, std::vector<double>{-2.0, -2.0}, 0.95).delta_pct,
                     50.0);
}

TEST(RunStatistics, RefusesBadInput) {
    const std::vector<double> three = {1, 2, 3}, two = {1, 2};
    EXPECT_THROW(paired_difference(three, two, 0.95), std::invalid_argument);
    EXPECT_THROW(welch_difference(three, two, 1.0), std::invalid_argument);
    EXPECT_THROW(welch_difference(three, two, 0.0), std::invalid_argument);
}

// 1,000 synthetic replication sets with a known offset: the 95 % interval must cover it in
// 93-97 % of them (the binomial standard error of 1,000 trials at 95 % is 0.7 %).
TEST(RunStatistics, PairedIntervalCoversAKnownOffset) {
    std::mt19937_64 random(20240501);
    std::normal_distribution<double> common(1000.0, 50.0), noise(0.0, 4.0);
    const double offset = -7.5;
    int covered = 0;
    for (int trial = 0; trial < 1000; ++trial) {
        std::vector<double> base, variant;
        for (int i = 0; i < 5; ++i) {  // common random numbers: both share the seed's draw
            const double c = common(random);
            base.push_back(c + noise(random));
            variant.push_back(c + offset + noise(random));
        }
        const DifferenceEstimate e = paired_difference(base, variant, 0.95);
        covered += e.ci_low <= offset && offset <= e.ci_high;
    }
    EXPECT_GE(covered, 930);
    EXPECT_LE(covered, 970);
}

TEST(RunStatistics, WelchIntervalCoversAKnownOffset) {
    std::mt19937_64 random(77);
    std::normal_distribution<double> base_draw(50.0, 2.0), variant_draw(53.0, 6.0);  // unequal variances
    int covered = 0;
    for (int trial = 0; trial < 1000; ++trial) {
        std::vector<double> base, variant;
        for (int i = 0; i < 6; ++i) base.push_back(base_draw(random));
        for (int i = 0; i < 9; ++i) variant.push_back(variant_draw(random));
        const DifferenceEstimate e = welch_difference(base, variant, 0.95);
        covered += e.ci_low <= 3.0 && 3.0 <= e.ci_high;
    }
    EXPECT_GE(covered, 930);
    EXPECT_LE(covered, 970);
}

TEST(RunStatistics, PairsBySeedOnlyWhenTheSeedsMatchOneToOne) {
    using Seeds = std::vector<std::uint64_t>;
    const auto same_order = pair_by_seed(Seeds{1, 2, 3}, Seeds{1, 2, 3});
    ASSERT_TRUE(same_order.has_value());
    EXPECT_EQ(*same_order, (std::vector<std::size_t>{0, 1, 2}));
    const auto shuffled = pair_by_seed(Seeds{1, 2, 3}, Seeds{3, 1, 2});
    ASSERT_TRUE(shuffled.has_value());
    EXPECT_EQ(*shuffled, (std::vector<std::size_t>{2, 0, 1}));
    EXPECT_FALSE(pair_by_seed(Seeds{1, 2, 3}, Seeds{1, 2, 4}));     // a seed without partner
    EXPECT_FALSE(pair_by_seed(Seeds{1, 2, 3}, Seeds{1, 2}));        // different sizes
    EXPECT_FALSE(pair_by_seed(Seeds{1, 1, 2}, Seeds{1, 2, 2}));     // a seed twice
    EXPECT_FALSE(pair_by_seed(Seeds{}, Seeds{}));
}

TEST(RunStatistics, ReplicationsForAHalfWidth) {
    // Paired, s_d = 2: n must satisfy t_{0.975, n-1} * 2 / sqrt(n) <= 1.
    const std::vector<double> base = {10, 10, 10, 10}, variant = {12, 8, 12, 8};  // d = ±2: s_d = 2.309
    const DifferenceEstimate e = paired_difference(base, variant, 0.95);
    const std::size_t n = replications_for_half_width(e, 1.0).value();
    auto half = [&](std::size_t k) {
        return student_t_quantile(0.975, double(k - 1)) * e.sd_difference / std::sqrt(double(k));
    };
    EXPECT_LE(half(n), 1.0);
    EXPECT_GT(half(n - 1), 1.0);
    // Welch: both sides' variances add up.
    const DifferenceEstimate w = welch_difference(base, variant, 0.95);
    const std::size_t nw = replications_for_half_width(w, 1.0).value();
    EXPECT_GT(nw, 10u);
    EXPECT_EQ(replications_for_half_width(paired_difference(base, base, 0.95), 1.0), 2u);  // no spread
    EXPECT_FALSE(replications_for_half_width(e, 0.0).has_value());
}

}  // namespace
}  // namespace citytwin::io
