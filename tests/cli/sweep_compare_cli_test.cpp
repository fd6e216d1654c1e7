// `citytwin compare --sweep` on a real sweep of the arterial whose answers are known: a
// variant identical to the base (every paired difference 0, every interval holds 0) and one
// that halves the demand (150 trips fewer in every pair: the intervals exclude 0), paired by
// parameter combination and seed; --assert on the overall summary decides the exit status.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/sweep_runs.hpp"

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

// kpi -> combination -> the CSV row's fields.
using CsvTable = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

CsvTable csv_table(const std::string& text) {
    CsvTable t;
    const auto rows = csv_rows(text);
    for (std::size_t r = 1; r < rows.size(); ++r) t[rows[r][0]][rows[r][3]] = rows[r];  // after the header
    return t;
}

TEST(SweepCompareCli, PairsByCombinationAndSeedWithKnownAnswers) {
    const std::string dir = scratch("sweep", "compare-pairs");
    fs::remove_all(dir);
    const std::string sweep = write_sweep("compare-pairs.sweep.yaml",
                                          "citytwin_sweep: 1\n" + arterial_base() +
                                              "variants:\n  base:\n  same:\n"
                                              "  fewer: {set: {interventions: [{id: demand, at: 0 s, demand: {scale: 0.5}}]}}\n"
                                              "parameters:\n  network.signals[A].phases.0.duration: [40 s, 30 s]\n"
                                              "replications: 3\nseed: 5\n");
    const Result r = run("sweep run " + sweep + " --dir " + dir + " --jobs 2 --threads 2 -q");
    ASSERT_EQ(r.status, 0) << r.output;
    const std::string compare = "compare --sweep " + sweep + " --dir " + dir + " --base base";

    // Identical variant: every KPI of the simulation differs by exactly 0 in every pair.
    const Result same = run(compare + " --variant same --format csv");
    ASSERT_EQ(same.status, 0) << same.output;
    const CsvTable s = csv_table(same.output);
    ASSERT_EQ(s.at("trips_arrived").size(), 3u);  // combinations 0, 1 and all
    for (const auto& [kpi, rows] : s)
        for (const auto& [combination, row] : rows) {
            if (row[2] == "1") continue;  // timing KPIs measure the machine
            EXPECT_EQ(row[7], "0") << kpi << " " << combination;                       // delta
            EXPECT_EQ(row[13], "0") << kpi << " " << combination;                      // CI excludes 0: no
            EXPECT_LE(std::stod(row[10]), 0.0) << kpi;
            EXPECT_GE(std::stod(row[11]), 0.0) << kpi;
            EXPECT_EQ(row[12], "3") << kpi;                                             // pairs
        }

    // Half the demand: 750 of the 1500 trips, in every pair; arrivals fall with an interval
    // of non-zero width that excludes 0.
    const Result fewer = run(compare + " --variant fewer --format csv");
    ASSERT_EQ(fewer.status, 0) << fewer.output;
    const CsvTable f = csv_table(fewer.output);
    for (const char* combination : {"0", "1", "all"}) {
        const auto& total = f.at("trips_total").at(combination);
        EXPECT_EQ(total[7], "-750") << combination;
        EXPECT_EQ(total[13], "1") << combination;
        const auto& arrived = f.at("trips_arrived").at(combination);
        EXPECT_LT(std::stod(arrived[11]), 0.0) << combination;
        EXPECT_LT(std::stod(arrived[10]), std::stod(arrived[11])) << combination;
        EXPECT_EQ(arrived[13], "1") << combination;
    }
    EXPECT_EQ(f.at("trips_total").at("0")[4], "40 s");  // the combination's parameter value
    EXPECT_EQ(f.at("trips_total").at("1")[4], "30 s");

    // The table: one row per KPI and combination, then "all"; the JSON says the same.
    const Result text = run(compare + " --variant fewer");
    ASSERT_EQ(text.status, 0) << text.output;
    EXPECT_NE(text.output.find("6 pairs (same parameter combination and seed) in 2 combinations"), std::string::npos)
        << text.output;
    EXPECT_NE(text.output.find("combination 1: network.signals[A].phases.0.duration=30 s"), std::string::npos);
    const Result json = run(compare + " --variant same --format json");
    ASSERT_EQ(json.status, 0) << json.output;
    EXPECT_NE(json.output.find("\"trips_total\":{\"units\":\"1\""), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"all\":{\"base\":1500,\"variant\":1500,\"delta\":0"), std::string::npos) << json.output;

    // Assertions read the overall summary.
    EXPECT_EQ(run(compare + " --variant fewer --assert 'trips_arrived.ci_high < 0' --format csv").status, 0);
    const Result held = run(compare + " --variant same --assert 'trips_arrived.ci_high < 0' --format csv");
    EXPECT_EQ(held.status, 1) << held.output;
    EXPECT_NE(held.output.find("assertion failed: trips_arrived.ci_high < 0"), std::string::npos) << held.output;

    EXPECT_EQ(run(compare + " --variant same --half-width 5").status, 2);
    const Result unknown = run(compare + " --variant other");
    EXPECT_EQ(unknown.status, 2) << unknown.output;
    EXPECT_NE(unknown.output.find("no variant 'other' (variants: base, same, fewer)"), std::string::npos) << unknown.output;
}

}  // namespace
}  // namespace citytwin::testing
