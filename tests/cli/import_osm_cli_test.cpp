// `citytwin import osm` end to end: a scenario that validates and runs, and bad input that
// exits with status 2 and says what is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::Result;
using citytwin::testing::run;

std::string scratch(const std::string& name) { return citytwin::testing::scratch("import-osm", name); }

const std::string kSmall = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/osm/small.osm";

// A number from `citytwin info --json`.
double json_number(const std::string& json, const std::string& key) {
    const auto at = json.find("\"" + key + "\":");
    if (at == std::string::npos) return -1;
    return std::stod(json.substr(at + key.size() + 3));
}

// Imports `input` with `options`, checks the scenario validates, runs it and returns what
// `citytwin info --json` says of the run ("" after a failure, which the checks report).
std::string import_and_run(const std::string& input, const std::string& name, const std::string& options,
                           std::string* import_output = nullptr) {
    const std::string yaml = scratch(name + ".yaml");
    const Result r = run("import osm " + input + " -o " + yaml + " " + options);
    EXPECT_EQ(r.status, 0) << r.output;
    if (import_output) *import_output = r.output;
    const Result v = run("validate " + yaml);
    EXPECT_EQ(v.status, 0) << v.output;
    const std::string h5 = scratch(name + ".h5");
    const Result go = run("run --overwrite " + yaml + " --device cpu --threads 2 -q -o " + h5);
    EXPECT_EQ(go.status, 0) << go.output;
    const Result info = run("info --json " + h5);
    EXPECT_EQ(info.status, 0) << info.output;
    return r.status == 0 && go.status == 0 && info.status == 0 ? info.output : std::string();
}

TEST(CliImportOsm, SmallTownImportsValidatesAndRuns) {
    std::string summary;
    const std::string info = import_and_run(kSmall, "small", "--trips 150 --duration '20 min' --seed 3", &summary);
    EXPECT_NE(summary.find("result: 7 nodes, 13 links"), std::string::npos) << summary;
    EXPECT_NE(summary.find("1 signal plans"), std::string::npos) << summary;
    EXPECT_EQ(json_number(info, "trips_inserted"), 150) << info;
    EXPECT_GT(json_number(info, "trips_arrived"), 100) << info;
}

TEST(CliImportOsm, HelsinkiExtractImportsAndRuns) {
    const std::string pbf = std::string(CITYTWIN_SHARED_DATA) + "/osm/helsinki-centre.osm.pbf";
    if (!std::filesystem::exists(pbf)) GTEST_SKIP() << "shared data not found: " << pbf;
    const std::string info = import_and_run(pbf, "helsinki", "--trips 400 --duration '15 min' -q");
    EXPECT_EQ(json_number(info, "trips_total"), 400) << info;
    // The network is strongly connected: every generated trip has a route.
    EXPECT_EQ(json_number(info, "trips_unroutable"), 0) << info;
    EXPECT_EQ(json_number(info, "trips_inserted") + json_number(info, "trips_waiting_at_end"), 400) << info;
    // Trips depart over the whole quarter hour; those of the first ten minutes arrive.
    EXPECT_GT(json_number(info, "trips_arrived"), 200) << info;
}

TEST(CliImportOsm, BadInputExitsWith2) {
    const Result missing = run("import osm " + scratch("nowhere.osm") + " -o " + scratch("x.yaml"));
    EXPECT_EQ(missing.status, 2) << missing.output;
    EXPECT_NE(missing.output.find("nowhere.osm: cannot read the OpenStreetMap file: no such file"), std::string::npos)
        << missing.output;

    const std::string empty = scratch("empty.osm");
    std::ofstream(empty).close();
    const Result e = run("import osm " + empty + " -o " + scratch("x.yaml"));
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_NE(e.output.find("empty"), std::string::npos) << e.output;

    const std::string bad = scratch("malformed.osm");
    std::ofstream(bad) << "<osm><node id='1' lat='1' lon='1'></osm>";
    const Result m = run("import osm " + bad + " -o " + scratch("x.yaml"));
    EXPECT_EQ(m.status, 2) << m.output;
    EXPECT_NE(m.output.find("malformed.osm: not a readable OpenStreetMap file"), std::string::npos) << m.output;

    const std::string paths = scratch("paths.osm");
    std::ofstream(paths) << "<osm version='0.6'><node id='1' lat='1' lon='1'/><node id='2' lat='1.001' lon='1'/>"
                            "<way id='1'><nd ref='1'/><nd ref='2'/><tag k='highway' v='footway'/></way></osm>";
    const Result p = run("import osm " + paths + " -o " + scratch("x.yaml"));
    EXPECT_EQ(p.status, 2) << p.output;
    EXPECT_NE(p.output.find("no roads for cars"), std::string::npos) << p.output;
    EXPECT_FALSE(std::filesystem::exists(scratch("x.yaml"))) << "nothing is written on error";
}

TEST(CliImportOsm, BadOptionsExitWith2) {
    const Result d = run("import osm " + kSmall + " -o " + scratch("y.yaml") + " --duration '1 km'");
    EXPECT_EQ(d.status, 2) << d.output;
    EXPECT_NE(d.output.find("--duration"), std::string::npos) << d.output;
    const Result t = run("import osm " + kSmall + " -o " + scratch("y.yaml") + " --trips 0");
    EXPECT_EQ(t.status, 2) << t.output;
    EXPECT_NE(t.output.find("--trips"), std::string::npos) << t.output;
    const Result s = run("import osm " + kSmall + " -o " + scratch("y.yaml") + " --start 2026-13-01T08:00");
    EXPECT_EQ(s.status, 2) << s.output;
    EXPECT_NE(s.output.find("--start: month 13"), std::string::npos) << s.output;
    const Result o = run("import osm " + kSmall);
    EXPECT_EQ(o.status, 2) << o.output;
    const Result none = run("import");
    EXPECT_EQ(none.status, 2) << none.output;
}

// Options beyond the scenario's limits name the option; they once named the written scenario,
// as a bug in the importer, with status 1.
TEST(CliImportOsm, OptionsBeyondTheScenarioLimitsNameTheOption) {
    struct Row {
        std::string options, expected;
    };
    const Row rows[] = {
        {"--trips 1e12", "citytwin: error: --trips: expected a number of trips above 0 and at most 20000000, got 1e+12"},
        {"--duration '1e15 s'", "citytwin: error: --duration: must be at most 31 d, got '1e15 s'"},
        {"--name " + std::string(201, 'n'), "citytwin: error: --name: a name may have at most 200 characters"},
    };
    for (const Row& row : rows) {
        const Result r = run("import osm " + kSmall + " -o " + scratch("limits.yaml") + " " + row.options);
        EXPECT_EQ(r.status, 2) << r.output;
        EXPECT_NE(r.output.find(row.expected), std::string::npos) << r.output;
    }
}

}  // namespace
