// Pairing two variants of a sweep by combination and seed: per-combination paired t intervals
// with known answers, the overall summary over the seeds paired everywhere, members without a
// partner left out with a warning, and the CSV rows.
#include <gtest/gtest.h>

#include <cmath>

#include "io/sweep/sweep_comparison.hpp"

namespace citytwin::io {
namespace {

SweepFile two_variant_sweep() {
    SweepFile s;
    s.file = "t.sweep.yaml";
    s.parameters = {SweepParameter{"demand", {"low", "high"}, std::nullopt}};
    s.variants = {SweepVariant{"a", "", "", {}}, SweepVariant{"b", "", "", {}}};
    return s;
}

SweepRun run_of(std::size_t variant, std::size_t combination, std::uint64_t seed, double x, double y) {
    SweepRun r;
    r.member.variant = variant;
    r.member.combination = combination;
    r.member.seed = seed;
    r.member.values = {combination == 0 ? "low" : "high"};
    r.summary.kpis = {sim::Kpi{"noise", x, "s", "a KPI the variant does not move"},
                      sim::Kpi{"moved", y, "1", "a KPI the variant raises"}};
    return r;
}

// Student's t quantile for 0.975 and 2 degrees of freedom.
constexpr double kT975_2 = 4.302652729749464;

TEST(SweepComparison, PairsByCombinationAndSeedWithKnownIntervals) {
    const SweepFile s = two_variant_sweep();
    // Combination 0, seeds 1..3: "noise" differs by 1, 2, -3 (mean 0, sd sqrt(7)); "moved" by
    // 10, 11, 12 (mean 11, sd 1). Combination 1: "noise" by 0, 3, 0; "moved" by 20, 20, 23.
    std::vector<SweepRun> a, b;
    const double noise0[] = {1, 2, -3}, moved0[] = {10, 11, 12}, noise1[] = {0, 3, 0}, moved1[] = {20, 20, 23};
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const std::size_t i = seed - 1;
        a.push_back(run_of(0, 0, seed, 100.0 + i, 50.0));
        b.push_back(run_of(1, 0, seed, 100.0 + i + noise0[i], 50.0 + moved0[i]));
        a.push_back(run_of(0, 1, seed, 200.0, 60.0 + i));
        b.push_back(run_of(1, 1, seed, 200.0 + noise1[i], 60.0 + i + moved1[i]));
    }
    b.push_back(run_of(1, 1, 9, 0.0, 0.0));  // no partner in "a"
    std::vector<std::string> warnings;
    const SweepPairedComparison c = compare_sweep_variants(s, a, b, 0.95, warnings);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("0 members of 'a' and 1 of 'b' have no complete partner"), std::string::npos) << warnings[0];
    ASSERT_EQ(c.combinations.size(), 2u);
    EXPECT_EQ(c.combinations[1].seeds, (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_EQ(c.overall_seeds, (std::vector<std::uint64_t>{1, 2, 3}));
    ASSERT_EQ(c.kpis.size(), 2u);

    const DifferenceEstimate& noise = c.kpis[0].combinations[0];
    EXPECT_EQ(noise.n_base, 3u);
    EXPECT_DOUBLE_EQ(noise.delta, 0.0);
    EXPECT_DOUBLE_EQ(noise.sd_difference, std::sqrt(7.0));
    EXPECT_NEAR(noise.ci_high, kT975_2 * std::sqrt(7.0 / 3.0), 1e-9);
    EXPECT_FALSE(excludes_zero(noise));  // the interval holds 0

    const DifferenceEstimate& moved = c.kpis[1].combinations[0];
    EXPECT_DOUBLE_EQ(moved.delta, 11.0);
    EXPECT_DOUBLE_EQ(moved.sd_difference, 1.0);
    EXPECT_NEAR(moved.ci_low, 11.0 - kT975_2 / std::sqrt(3.0), 1e-9);
    EXPECT_TRUE(excludes_zero(moved));
    EXPECT_DOUBLE_EQ(c.kpis[1].combinations[1].delta, 21.0);

    // Overall: per seed the mean over the two combinations, d = (10+20)/2, (11+20)/2, (12+23)/2.
    const DifferenceEstimate& all = c.kpis[1].overall;
    EXPECT_EQ(all.n_base, 3u);
    EXPECT_DOUBLE_EQ(all.delta, (15.0 + 15.5 + 17.5) / 3.0);
    EXPECT_TRUE(excludes_zero(all));
    EXPECT_FALSE(excludes_zero(c.kpis[0].overall));  // d = 0.5, 2.5, -1.5

    const std::string csv = format_sweep_comparison_csv(c);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "kpi,units,timing,combination,demand,base,variant,delta,delta_pct,sd_delta,ci_low,ci_high,pairs,excludes_zero,method");
    EXPECT_NE(csv.find("\nmoved,1,0,0,low,50,61,11,22,1,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\nmoved,1,0,all,,"), std::string::npos) << csv;
    EXPECT_NE(format_sweep_comparison_json(c, warnings).find("\"excludes_zero\":true"), std::string::npos);

    // --assert reads the overall summary.
    const KpiComparison overall = overall_as_comparison(c);
    EXPECT_TRUE(evaluate_assertion(parse_assertion("moved.ci_low > 0"), overall).holds);
    EXPECT_FALSE(evaluate_assertion(parse_assertion("noise.ci_low > 0"), overall).holds);
}

TEST(SweepComparison, OverallUsesTheSeedsPairedEverywhereAndOnePairHasNoInterval) {
    const SweepFile s = two_variant_sweep();
    std::vector<SweepRun> a = {run_of(0, 0, 1, 1, 1), run_of(0, 0, 2, 1, 1), run_of(0, 1, 1, 1, 1)};
    std::vector<SweepRun> b = {run_of(1, 0, 1, 2, 2), run_of(1, 0, 2, 2, 2), run_of(1, 1, 1, 2, 2)};
    std::vector<std::string> warnings;
    const SweepPairedComparison c = compare_sweep_variants(s, a, b, 0.95, warnings);
    EXPECT_EQ(c.overall_seeds, (std::vector<std::uint64_t>{1}));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("rests on the 1 seeds paired in every combination"), std::string::npos) << warnings[0];
    EXPECT_EQ(c.kpis[0].combinations[1].method, IntervalMethod::None);
    EXPECT_FALSE(excludes_zero(c.kpis[0].combinations[1]));
    EXPECT_DOUBLE_EQ(c.kpis[0].overall.delta, 1.0);

    std::vector<SweepRun> none = {run_of(1, 0, 7, 0, 0)};
    EXPECT_THROW(compare_sweep_variants(s, a, none, 0.95, warnings), std::invalid_argument);
}

}  // namespace
}  // namespace citytwin::io
