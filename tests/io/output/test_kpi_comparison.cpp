// The KPI table of `citytwin compare`: paired or Welch chosen by the seeds, timing KPIs marked,
// KPIs some runs lack; the assertions (parsing, every error message, outcomes); and the four
// renderings (JSON keys and nulls, CSV columns, the text table's method line).
#include <gtest/gtest.h>

#include <cmath>

#include "io/output/compare_assertion.hpp"
#include "io/output/compare_error.hpp"
#include "io/output/comparison_format.hpp"
#include "io/output/kpi_comparison.hpp"

namespace citytwin::io {
namespace {

RunSummary run(const std::string& file, std::uint64_t seed, double duration, double wall = 1.0) {
    RunSummary s;
    s.file = file;
    s.meta.seed = seed;
    s.complete = true;
    s.kpis = {{"mean_trip_duration_s", duration, "s", "mean duration of arrived trips"},
              {"air_max:PM2.5", 12.0 + seed, "ug m-3", "largest PM2.5"},
              {"wall_time_s", wall, "s", "wall-clock time"}};
    return s;
}

const KpiDifference& kpi(const KpiComparison& c, const std::string& name) {
    for (const auto& k : c.kpis)
        if (k.name == name) return k;
    throw std::runtime_error("no KPI " + name);
}

std::string error_of(const std::string& assertion, const KpiComparison* c = nullptr) {
    try {
        const Assertion a = parse_assertion(assertion);
        if (c != nullptr) evaluate_assertion(a, *c);
    } catch (const CompareError& e) {
        return e.what();
    }
    return "";
}

TEST(KpiComparison, ARunWithItselfGivesZeroDifferences) {
    std::vector<std::string> warnings;
    const std::vector<RunSummary> one = {run("a.h5", 1, 120.0)};
    const KpiComparison c = compare_kpis(one, one, {}, warnings);
    EXPECT_TRUE(warnings.empty());
    EXPECT_TRUE(c.paired);
    for (const auto& k : c.kpis) {
        EXPECT_EQ(k.estimate.delta, 0.0) << k.name;
        EXPECT_EQ(k.estimate.delta_pct, 0.0) << k.name;
        EXPECT_EQ(k.estimate.method, IntervalMethod::None);
    }
    const std::vector<RunSummary> two = {run("a.h5", 1, 120.0), run("b.h5", 2, 125.0)};
    const KpiComparison r = compare_kpis(two, two, {}, warnings);
    EXPECT_EQ(kpi(r, "mean_trip_duration_s").estimate.ci_low, 0.0);
    EXPECT_EQ(kpi(r, "mean_trip_duration_s").estimate.ci_high, 0.0);
}

TEST(KpiComparison, PairsBySeedWhenTheSeedsMatchAndUsesWelchOtherwise) {
    std::vector<std::string> warnings;
    const std::vector<RunSummary> base = {run("b1", 1, 100.0), run("b2", 2, 110.0), run("b3", 3, 90.0)};
    const std::vector<RunSummary> shuffled = {run("v3", 3, 92.0), run("v1", 1, 102.0), run("v2", 2, 112.0)};
    const KpiComparison p = compare_kpis(base, shuffled, {}, warnings);
    EXPECT_TRUE(p.paired);
    const KpiDifference& d = kpi(p, "mean_trip_duration_s");
    EXPECT_TRUE(d.paired);
    EXPECT_EQ(d.estimate.method, IntervalMethod::Paired);
    EXPECT_DOUBLE_EQ(d.estimate.delta, 2.0);
    EXPECT_NEAR(d.estimate.ci_low, 2.0, 1e-12) << "every pair differs by exactly 2";
    EXPECT_NEAR(d.estimate.ci_high, 2.0, 1e-12);

    const std::vector<RunSummary> other = {run("v4", 4, 102.0), run("v5", 5, 112.0), run("v6", 6, 92.0)};
    const KpiComparison w = compare_kpis(base, other, {}, warnings);
    EXPECT_FALSE(w.paired);
    EXPECT_EQ(kpi(w, "mean_trip_duration_s").estimate.method, IntervalMethod::Welch);
    EXPECT_GT(kpi(w, "mean_trip_duration_s").estimate.ci_high - kpi(w, "mean_trip_duration_s").estimate.ci_low, 10.0);
    const std::vector<RunSummary> fewer = {run("v1", 1, 102.0), run("v2", 2, 112.0)};
    EXPECT_FALSE(compare_kpis(base, fewer, {}, warnings).paired) << "a seed without partner";
}

TEST(KpiComparison, MarksTimingKpisAndNamesKpisSomeRunsLack) {
    std::vector<std::string> warnings;
    RunSummary extra = run("v1", 1, 100.0);
    extra.kpis.push_back({"power_peak_demand_kw", 800.0, "kW", "peak"});
    const KpiComparison c = compare_kpis({run("b1", 1, 100.0)}, {extra}, {}, warnings);
    EXPECT_TRUE(kpi(c, "wall_time_s").timing);
    EXPECT_FALSE(kpi(c, "mean_trip_duration_s").timing);
    const KpiDifference& peak = kpi(c, "power_peak_demand_kw");
    EXPECT_EQ(peak.estimate.n_base, 0u);
    EXPECT_TRUE(std::isnan(peak.estimate.delta));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], "KPIs missing from some runs, compared over the runs that have them: power_peak_demand_kw");
}

TEST(KpiComparison, RefusesBadOptions) {
    std::vector<std::string> warnings;
    const std::vector<RunSummary> one = {run("a", 1, 1.0)};
    CompareOptions bad;
    bad.confidence = 95.0;
    EXPECT_THROW(compare_kpis(one, one, bad, warnings), std::invalid_argument);
    CompareOptions negative;
    negative.half_width_pct = -1.0;
    EXPECT_THROW(compare_kpis(one, one, negative, warnings), std::invalid_argument);
}

TEST(KpiComparison, SaysHowManyReplicationsAHalfWidthNeeds) {
    std::vector<std::string> warnings;
    CompareOptions o;
    o.half_width_pct = 1.0;
    const std::vector<RunSummary> base = {run("b1", 1, 100.0), run("b2", 2, 110.0), run("b3", 3, 90.0)};
    const std::vector<RunSummary> variant = {run("v1", 1, 103.0), run("v2", 2, 111.0), run("v3", 3, 92.0)};
    const KpiComparison c = compare_kpis(base, variant, o, warnings);
    const KpiDifference& d = kpi(c, "mean_trip_duration_s");
    ASSERT_TRUE(d.replications_needed.has_value());
    EXPECT_EQ(*d.replications_needed, replications_for_half_width(d.estimate, 1.0));  // 1 % of 100
}

TEST(CompareAssertion, ParsesFieldsOperatorsAndNamesWithDots) {
    const Assertion a = parse_assertion("mean_trip_duration_s.delta_pct < 0");
    EXPECT_EQ(a.kpi, "mean_trip_duration_s");
    EXPECT_EQ(a.field, "delta_pct");
    EXPECT_EQ(a.op, "<");
    EXPECT_EQ(a.value, 0.0);
    const Assertion b = parse_assertion("air_max:PM2.5.ci_high<=-1.5e-1");
    EXPECT_EQ(b.kpi, "air_max:PM2.5");
    EXPECT_EQ(b.field, "ci_high");
    EXPECT_EQ(b.op, "<=");
    EXPECT_EQ(b.value, -0.15);
    for (const char* op : {"<", "<=", ">", ">=", "==", "!="})
        EXPECT_EQ(parse_assertion(std::string("x.base ") + op + " 1").op, op);
}

TEST(CompareAssertion, EveryMalformedAssertionSaysWhy) {
    EXPECT_NE(error_of("mean_trip_duration_s.delta_pct").find("no comparison operator"), std::string::npos);
    EXPECT_NE(error_of("mean_trip_duration_s < 0").find("'mean_trip_duration_s' is not KPI.FIELD"), std::string::npos);
    EXPECT_NE(error_of("mean_trip_duration_s.mean < 0").find("unknown field 'mean'"), std::string::npos);
    EXPECT_NE(error_of("mean_trip_duration_s.delta <").find("no number after '<'"), std::string::npos);
    EXPECT_NE(error_of("mean_trip_duration_s.delta < 5 %").find("'5 %' is not a number"), std::string::npos);
    EXPECT_NE(error_of("x.delta = 0").find("expected KPI.FIELD OP NUMBER"), std::string::npos);
}

TEST(CompareAssertion, EvaluatesAndFailsOnUndefinedFields) {
    std::vector<std::string> warnings;
    const KpiComparison c = compare_kpis({run("b", 1, 100.0)}, {run("v", 1, 95.0)}, {}, warnings);
    const AssertionOutcome holds = evaluate_assertion(parse_assertion("mean_trip_duration_s.delta_pct < 0"), c);
    EXPECT_TRUE(holds.holds);
    EXPECT_EQ(holds.detail, "mean_trip_duration_s.delta_pct = -5");
    EXPECT_FALSE(evaluate_assertion(parse_assertion("mean_trip_duration_s.delta >= 0"), c).holds);
    EXPECT_TRUE(evaluate_assertion(parse_assertion("mean_trip_duration_s.variant == 95"), c).holds);
    const AssertionOutcome undefined = evaluate_assertion(parse_assertion("mean_trip_duration_s.ci_high < 0"), c);
    EXPECT_FALSE(undefined.holds);
    EXPECT_NE(undefined.detail.find("ci_high is undefined (an interval needs at least 2 replications per side"),
              std::string::npos);
    EXPECT_EQ(error_of("mean_trip_duraton_s.delta < 0", &c),
              "--assert 'mean_trip_duraton_s.delta < 0': the runs have no KPI 'mean_trip_duraton_s' (did you mean "
              "'mean_trip_duration_s'?)");
}

ComparisonReport report_of(const std::vector<RunSummary>& base, const std::vector<RunSummary>& variant) {
    ComparisonReport r;
    r.kpis = compare_kpis(base, variant, {}, r.warnings);
    r.base_only_links = {"l3_0"};
    return r;
}

TEST(ComparisonFormat, JsonHasTheDocumentedKeysAndNulls) {
    const ComparisonReport r = report_of({run("b", 1, 100.0)}, {run("v", 1, 95.0)});
    const std::string json = format_comparison_json(r);
    EXPECT_EQ(json.rfind("{\"kpis\":{\"mean_trip_duration_s\":{\"base\":100,\"variant\":95,\"delta\":-5,"
                         "\"delta_pct\":-5,\"ci_low\":null,\"ci_high\":null,\"n_base\":1,\"n_variant\":1,"
                         "\"paired\":true,",
                         0),
              0u)
        << json;
    EXPECT_NE(json.find("\"air_max:PM2.5\":{"), std::string::npos);
    EXPECT_NE(json.find("\"timing\":true"), std::string::npos);
    EXPECT_NE(json.find("\"unmatched_links\":{\"base_only\":[\"l3_0\"],\"variant_only\":[]}"), std::string::npos);
    EXPECT_NE(json.find("\"base\":{\"files\":[\"b\"],\"seeds\":[1]}"), std::string::npos);
    ComparisonReport with = r;
    with.assertions.push_back(evaluate_assertion(parse_assertion("mean_trip_duration_s.delta < 0"), r.kpis));
    EXPECT_NE(format_comparison_json(with).find(
                  "\"assertions\":[{\"assertion\":\"mean_trip_duration_s.delta < 0\",\"holds\":true,"
                  "\"detail\":\"mean_trip_duration_s.delta = -5\"}]"),
              std::string::npos);
}

TEST(ComparisonFormat, NotesAKpiWhoseIntervalIsNotTheTablesOwn) {
    // Seeds match, but one variant run lacks the KPI: that row cannot pair and says so.
    std::vector<RunSummary> base = {run("b1", 1, 100.0), run("b2", 2, 104.0), run("b3", 3, 98.0)};
    std::vector<RunSummary> variant = {run("v1", 1, 95.0), run("v2", 2, 97.0), run("v3", 3, 96.0)};
    for (auto* side : {&base, &variant})
        for (RunSummary& r : *side) r.kpis.push_back({"ev_charging_peak_kw", 10.0 * static_cast<double>(r.meta.seed), "kW", ""});
    variant[2].kpis.pop_back();
    const ComparisonReport r = report_of(base, variant);
    EXPECT_TRUE(r.kpis.paired);
    const std::string text = format_comparison_text(r);
    const std::size_t row = text.find("\n   ev_charging_peak_kw") + 1;  // the row, not the warning
    ASSERT_NE(row, 0u);
    EXPECT_NE(text.substr(row, text.find('\n', row) - row).find("Welch t"), std::string::npos) << text;
}

TEST(ComparisonFormat, CsvQuotesWhatNeedsIt) {
    RunSummary b = run("b", 1, 100.0), v = run("v", 1, 90.0);
    b.kpis.push_back({"odd,\"name\"", 1.0, "1", ""});
    v.kpis.push_back({"odd,\"name\"", 2.0, "1", ""});
    const std::string csv = format_comparison_csv(report_of({b}, {v}));
    EXPECT_NE(csv.find("\n\"odd,\"\"name\"\"\",1,0,1,2,1,100,,,1,1,1,,\n"), std::string::npos) << csv;
}

TEST(ComparisonFormat, TextMdAndCsvSayWhichInterval) {
    const ComparisonReport paired =
        report_of({run("b1", 1, 100.0), run("b2", 2, 104.0)}, {run("v1", 1, 95.0), run("v2", 2, 97.0)});
    EXPECT_NE(format_comparison_text(paired).find("95 % intervals, paired t: the replications are paired by seed"),
              std::string::npos);
    const ComparisonReport welch =
        report_of({run("b1", 1, 100.0), run("b2", 2, 104.0)}, {run("v1", 7, 95.0), run("v2", 8, 97.0)});
    EXPECT_NE(format_comparison_markdown(welch).find("Welch t: the seeds of the two groups do not match"),
              std::string::npos);
    EXPECT_NE(format_comparison_markdown(welch).find("| --- | --- | ---: |"), std::string::npos);
    const std::string csv = format_comparison_csv(welch);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "kpi,units,timing,base,variant,delta,delta_pct,ci_low,ci_high,n_base,n_variant,paired,method,"
              "replications_needed");
    EXPECT_NE(csv.find("\nmean_trip_duration_s,s,0,102,96,-6,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\nwall_time_s,s,1,"), std::string::npos);
    const std::string text = format_comparison_text(report_of({run("b", 1, 100.0)}, {run("v", 1, 95.0)}));
    EXPECT_NE(text.find("no confidence intervals: they need at least 2 replications per side (here 1 and 1)"),
              std::string::npos);
    EXPECT_NE(text.find("timing"), std::string::npos);
}

}  // namespace
}  // namespace citytwin::io
