// `citytwin compare` end to end on small runs of tests/data/cli/small.yaml (seeds 1 and 2, and
// a one-lane variant): a run against itself, paired and Welch groups, the formats, --assert's
// exit codes, every refusal with its message, periods and networks that differ, and -o.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::Result;
using citytwin::testing::run;

std::string data(const std::string& name) { return std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/cli/" + name; }

// One directory per test process: CTest runs the tests of this file side by side.
std::string scratch(const std::string& name) {
    return citytwin::testing::scratch("compare-" + std::to_string(getpid()), name);
}

// A run of small.yaml with extra --set arguments, made once per process and name.
std::string small_run(const std::string& name, const std::string& sets) {
    static std::map<std::string, std::string> made;
    if (const auto it = made.find(name); it != made.end()) return it->second;
    const std::string out = scratch(name + ".h5");
    const Result r = run("run --overwrite " + data("small.yaml") + " --device cpu --threads 1 -q -o " + out + " " + sets);
    EXPECT_EQ(r.status, 0) << r.output;
    return made[name] = out;
}

std::string base(int seed) { return small_run("base" + std::to_string(seed), "--set seed=" + std::to_string(seed)); }
std::string one_lane(int seed) {
    return small_run("lane" + std::to_string(seed), "--set seed=" + std::to_string(seed) + " --set network.grid.lanes=1");
}

bool contains(const Result& r, const std::string& text) { return r.output.find(text) != std::string::npos; }

TEST(CompareCli, ARunWithItselfHasZeroDifferences) {
    const Result r = run("compare " + base(1) + " " + base(1) + " --format json");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(contains(r, "\"mean_trip_duration_s\":{\"base\":")) << r.output;
    EXPECT_FALSE(contains(r, "\"delta\":-")) << r.output;
    EXPECT_EQ(r.output.find("\"delta\":0,") != std::string::npos, true);
    EXPECT_TRUE(contains(r, "\"ci_low\":null")) << "one run per side: no interval";
    EXPECT_TRUE(contains(r, "\"links_entered\":{\"gained\":[],\"lost\":[]}")) << r.output;
    const Result groups = run("compare --base " + base(1) + " " + base(2) + " --variant " + base(1) + " " + base(2) +
                              " --format csv");
    ASSERT_EQ(groups.status, 0) << groups.output;
    EXPECT_TRUE(contains(groups, "\nmean_trip_duration_s,s,0,")) << groups.output;
    // Every row: delta 0, delta_pct 0 and the zero-width interval [0, 0].
    std::size_t rows = 0;
    for (std::size_t at = groups.output.find('\n'); at != std::string::npos && at + 1 < groups.output.size();
         at = groups.output.find('\n', at + 1)) {
        const std::string line = groups.output.substr(at + 1, groups.output.find('\n', at + 1) - at - 1);
        if (line.empty() || line.rfind("citytwin", 0) == 0) continue;
        ++rows;
        EXPECT_NE(line.find(",0,0,0,0,2,2,1,paired t,"), std::string::npos) << line;
    }
    EXPECT_GT(rows, 10u);
}

TEST(CompareCli, PairsBySeedOrSaysItUsesWelch) {
    const Result paired = run("compare --base " + base(1) + " " + base(2) + " --variant " + one_lane(2) + " " +
                              one_lane(1) + " --half-width 5");
    ASSERT_EQ(paired.status, 0) << paired.output;
    EXPECT_TRUE(contains(paired, "95 % intervals, paired t: the replications are paired by seed (common random numbers), 2 pairs"))
        << paired.output;
    EXPECT_TRUE(contains(paired, "n for +-5 %")) << paired.output;
    EXPECT_TRUE(contains(paired, "wall_time_s")) << paired.output;
    EXPECT_TRUE(contains(paired, "timing")) << "timing KPIs are reported but marked";
    EXPECT_TRUE(contains(paired, "Links that gained most vehicles (entered over the common period, variant - base):"))
        << paired.output;
    EXPECT_TRUE(contains(paired, "Links that lost most vehicles:")) << paired.output;
    const Result welch = run("compare --base " + base(1) + " " + base(2) + " --variant " + one_lane(3) + " " +
                             one_lane(4) + " --ci 0.9 --format md");
    ASSERT_EQ(welch.status, 0) << welch.output;
    EXPECT_TRUE(contains(welch, "90 % intervals, Welch t: the seeds of the two groups do not match one to one"))
        << welch.output;
    EXPECT_TRUE(contains(welch, "| KPI | units | base | variant | delta | delta % | 90 % CI | n | note |")) << welch.output;
}

TEST(CompareCli, AssertionsSetTheExitStatus) {
    const std::string files = base(1) + " " + one_lane(1);
    const Result holds = run("compare " + files + " --assert 'mean_trip_duration_s.delta_pct > 0' --assert "
                             "'trips_total.delta == 0'");
    EXPECT_EQ(holds.status, 0) << holds.output;
    EXPECT_TRUE(contains(holds, "holds:  mean_trip_duration_s.delta_pct > 0")) << holds.output;
    const Result files_after = run("compare --assert 'trips_total.delta == 0' " + files);
    EXPECT_EQ(files_after.status, 0) << "one value per --assert: the files stay files\n" << files_after.output;
    const Result fails = run("compare " + files + " --assert 'mean_trip_duration_s.delta_pct < 0' --assert "
                             "'trips_total.delta == 0'");
    EXPECT_EQ(fails.status, 1) << fails.output;
    EXPECT_TRUE(contains(fails, "citytwin: assertion failed: mean_trip_duration_s.delta_pct < 0 (mean_trip_duration_s.delta_pct = "))
        << fails.output;
    EXPECT_TRUE(contains(fails, "1 of 2 assertions failed")) << fails.output;
    const Result undefined = run("compare " + files + " --assert 'vehicle_km.ci_high < 0'");
    EXPECT_EQ(undefined.status, 1) << undefined.output;
    EXPECT_TRUE(contains(undefined, "ci_high is undefined")) << undefined.output;
    const Result malformed = run("compare " + files + " --assert 'mean_trip_duration_s.delta_pct is negative'");
    EXPECT_EQ(malformed.status, 2) << malformed.output;
    EXPECT_TRUE(contains(malformed, "no comparison operator")) << malformed.output;
    const Result unknown = run("compare " + files + " --assert 'mean_trip_time_s.delta < 0'");
    EXPECT_EQ(unknown.status, 2) << unknown.output;
    EXPECT_TRUE(contains(unknown, "the runs have no KPI 'mean_trip_time_s'")) << unknown.output;
}

TEST(CompareCli, EveryRefusalSaysWhy) {
    const std::string b = base(1);
    struct Case {
        std::string args, message;
    };
    const Case cases[] = {
        {"", "compare needs base and variant runs"},
        {b, "compare takes two files, BASE and VARIANT (got 1)"},
        {b + " " + b + " --base " + b, "give either two files (BASE VARIANT) or --base and --variant, not both"},
        {"--base " + b, "compare needs base and variant runs"},
        {b + " " + b + " --format xml", "--format must be text, md, csv or json, got 'xml'"},
        {b + " " + b + " --ci 95", "--ci must lie strictly between 0 and 1"},
        {b + " " + b + " --half-width 0", "--half-width must be a positive percentage"},
        {b + " " + b + " --links -1", "--links must be 0 or more"},
        {b + " " + scratch("missing.h5"), "does not exist"},
        {b + " " + data("small.yaml"), "is not an HDF5 file"},
    };
    for (const Case& c : cases) {
        const Result r = run("compare " + c.args);
        EXPECT_EQ(r.status, 2) << c.args << "\n" << r.output;
        EXPECT_TRUE(contains(r, c.message)) << c.args << "\n" << r.output;
    }
}

TEST(CompareCli, RefusesDifferentNetworksAndListsUnmatchedLinks) {
    const std::string tjunction = scratch("t-junction.h5");
    ASSERT_EQ(run("run --overwrite " + std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/scenarios/inline.yaml --threads 1 -q -o " +
                  tjunction).status,
              0);
    const Result other = run("compare " + base(1) + " " + tjunction);
    EXPECT_EQ(other.status, 2) << other.output;
    EXPECT_TRUE(contains(other, "the runs are of different networks: no link id of")) << other.output;
    // A 3 x 4 grid is part of the 4 x 4 one: its links match by id, the others are named.
    const std::string smaller = small_run("rows3", "--set seed=1 --set network.grid.rows=3");
    const Result part = run("compare " + base(1) + " " + smaller);
    EXPECT_EQ(part.status, 0) << part.output;
    EXPECT_TRUE(contains(part, "links are only in the base network (their differences are NaN): ")) << part.output;
    EXPECT_TRUE(contains(part, "n3_0-n3_1")) << part.output;
    const Result json = run("compare " + base(1) + " " + smaller + " --format json");
    EXPECT_TRUE(contains(json, "\"unmatched_links\":{\"base_only\":[\"")) << json.output;
    EXPECT_TRUE(contains(json, "citytwin: warning: ")) << "warnings also on stderr";
}

TEST(CompareCli, DifferentPeriodsCompareOverTheCommonOneWithAWarning) {
    const std::string shorter = small_run("short", "--set seed=1 --set 'duration=6 min'");
    const Result r = run("compare " + base(1) + " " + shorter + " -o " + scratch("period-diff.h5"));
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(contains(r, "warning: the runs cover different periods")) << r.output;
    EXPECT_TRUE(contains(r, "compared over the 3 link frames in common")) << r.output;
    EXPECT_TRUE(contains(r, "each KPI covers its own run's period")) << r.output;
}

TEST(CompareCli, WritesADifferenceFileInTheRunLayout) {
    const std::string out = scratch("diff.h5");
    const Result r = run("compare --base " + base(1) + " " + base(2) + " --variant " + one_lane(1) + " " + one_lane(2) +
                         " -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(contains(r, "wrote the differences to " + out)) << r.output;
    const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    for (const char* path : {"/network/links/id", "/traffic/time", "/traffic/links/mean_speed",
                             "/traffic/links/mean_speed_ci_low", "/traffic/links/mean_speed_ci_high",
                             "/traffic/links/mean_speed_significant", "/traffic/links/entered"})
        EXPECT_GT(H5Lexists(f, path, H5P_DEFAULT), 0) << path;
    EXPECT_GT(H5Aexists(f, "kind"), 0);
    H5Fclose(f);
    const Result again = run("compare " + out + " " + base(1));
    EXPECT_EQ(again.status, 2) << again.output;
    EXPECT_TRUE(contains(again, "is a difference file written by citytwin compare, not a run")) << again.output;
}

TEST(CompareCli, DifferencesOfAirAndPowerFields) {
    // compare_town.yaml adds a grid and an air model to the small town.
    std::string runs[2];
    for (int i = 0; i < 2; ++i) {
        runs[i] = scratch("town" + std::to_string(i) + ".h5");
        const Result r = run("run --overwrite " + data("compare_town.yaml") + " --threads 1 -q -o " + runs[i] +
                             (i == 1 ? " --set network.grid.lanes=1" : ""));
        ASSERT_EQ(r.status, 0) << r.output;
    }
    const std::string out = scratch("town-diff.h5");
    const Result r = run("compare " + runs[0] + " " + runs[1] + " -o " + out + " --assert 'power_peak_demand_kw.delta > -1e9'");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(contains(r, "air_max:NO2")) << r.output;
    const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    for (const char* path : {"/air/x", "/air/y", "/air/time", "/air/concentration/NO2", "/air/concentration/PM2.5",
                             "/grid/buses/id", "/power/time", "/power/buses/p_ev", "/power/buses/v"})
        EXPECT_GT(H5Lexists(f, path, H5P_DEFAULT), 0) << path;
    EXPECT_LT(H5Lexists(f, "/power/buses/p_ev_ci_low", H5P_DEFAULT), 1) << "one run per side: no intervals";
    H5Fclose(f);
}

}  // namespace
