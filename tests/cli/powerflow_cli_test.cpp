// `citytwin powerflow`: the 33-bus answer in text and JSON, and exit status 2 with file:line for
// each kind of bad feeder.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::run;

std::string feeder(const std::string& name) { return std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/power/" + name; }

TEST(PowerflowCli, SolvesThe33BusFeeder) {
    const auto text = run("powerflow " + feeder("ieee33_bw.csv") + " --base-kv 12.66");
    ASSERT_EQ(text.status, 0) << text.output;
    EXPECT_NE(text.output.find("real power loss    202.677 kW"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("reactive loss      135.141 kvar"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("minimum voltage    0.91309 pu at bus 18"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("iterations"), std::string::npos) << text.output;

    const auto json = run("powerflow " + feeder("ieee33_bw.csv") + " --base-kv 12.66 --json");
    ASSERT_EQ(json.status, 0) << json.output;
    EXPECT_EQ(json.output.front(), '{') << json.output;
    EXPECT_NE(json.output.find("\"p_loss_kw\": 202.67"), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"q_loss_kvar\": 135.14"), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"v_min_pu\": 0.91309"), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"v_min_bus\": \"18\""), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"iterations\": "), std::string::npos) << json.output;

    // A higher slack voltage lifts every bus and lowers the loss.
    const auto high = run("powerflow " + feeder("ieee33_bw.csv") + " --base-kv 12.66 --slack-pu 1.05 --json");
    ASSERT_EQ(high.status, 0) << high.output;
    EXPECT_EQ(high.output.find("\"p_loss_kw\": 202.67"), std::string::npos) << high.output;
}

TEST(PowerflowCli, BadFeedersExitWith2AndSayWhere) {
    struct Case {
        std::string args, where, what;
    };
    const Case cases[] = {
        {feeder("meshed.csv") + " --base-kv 11", "meshed.csv:6", "closes the loop 5, 2, 3, 4"},
        {feeder("island.csv") + " --base-kv 11", "island.csv:4", "buses 7, 8 have no path to the slack bus 1"},
        {feeder("negative_impedance.csv") + " --base-kv 11", "negative_impedance.csv:3", "expected r_ohm >= 0"},
        {feeder("bad_number.csv") + " --base-kv 11", "bad_number.csv:3:13", "column 'p_kw': expected a number"},
        {feeder("ieee33_bw.csv") + " --base-kv 12.66 --slack-bus 99", "ieee33_bw.csv", "slack bus '99' is not a bus"},
        {feeder("no-such-feeder.csv") + " --base-kv 11", "no-such-feeder.csv", "cannot read the feeder file"},
        {feeder("ieee33_bw.csv") + " --base-kv -1", "--base-kv", "must be between 0.1 and 1000 kV"},
        // Once reported as converged with a null loss, and as zero loss.
        {feeder("ieee33_bw.csv") + " --base-kv 1e-300", "--base-kv", "must be between 0.1 and 1000 kV (line to line), got 1e-300"},
        {feeder("ieee33_bw.csv") + " --base-kv inf", "--base-kv", "must be between 0.1 and 1000 kV (line to line), got inf"},
        {feeder("ieee33_bw.csv") + " --base-kv nan", "--base-kv", "must be between 0.1 and 1000 kV"},
        {feeder("ieee33_bw.csv") + " --base-kv 12.66 --slack-pu 1e9", "--slack-pu", "must be between 0.5 and 1.5 pu, got 1e+09"},
        {"/dev/zero --base-kv 11", "/dev/zero", "cannot read the feeder file: it is not a regular file"},
    };
    for (const Case& c : cases) {
        const auto r = run("powerflow " + c.args);
        EXPECT_EQ(r.status, 2) << c.args << "\n" << r.output;
        EXPECT_NE(r.output.find(c.where), std::string::npos) << r.output;
        EXPECT_NE(r.output.find(c.what), std::string::npos) << r.output;
    }
    // A feeder that cannot carry its load: a warning and status 1, never a number passed off as
    // a solution.
    const auto overloaded = run("powerflow " + feeder("overloaded.csv") + " --base-kv 11 --json");
    EXPECT_EQ(overloaded.status, 1) << overloaded.output;
    EXPECT_NE(overloaded.output.find("\"converged\": false"), std::string::npos) << overloaded.output;
    EXPECT_NE(overloaded.output.find("the sweep did not converge ("), std::string::npos) << overloaded.output;

    const auto usage = run("powerflow " + feeder("ieee33_bw.csv"));
    EXPECT_EQ(usage.status, 2) << usage.output;
    EXPECT_NE(usage.output.find("--base-kv"), std::string::npos) << usage.output;
}

// `citytwin run` on a scenario with a grid writes /grid and /power, and `info --json` carries
// the grid and EV KPIs.
TEST(PowerRunCli, RunWritesTheGridAndInfoShowsItsKpis) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "cli";
    std::filesystem::create_directories(dir);
    const std::string out = (dir / "power-evening.h5").string();
    const auto r = run("run --overwrite " + feeder("evening.yaml") + " --set duration=2h --threads 2 -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("grid: peak"), std::string::npos) << r.output;
    {
        citytwin::io::h5::LibraryLock lock;
        const citytwin::io::h5::Handle f = citytwin::io::h5::open_file_read_only(out);
        for (const char* path : {"/grid/buses/id", "/grid/branches/to_bus", "/grid/feeders/id", "/power/time",
                                 "/power/buses/v", "/power/buses/p_ev", "/power/buses/p_pv", "/power/branches/loading",
                                 "/power/feeders/transformer_loading"})
            EXPECT_TRUE(citytwin::io::h5::path_exists(f, path)) << path;
        const citytwin::io::h5::Handle v = citytwin::io::h5::open_dataset(f, "/power/buses/v");
        const auto shape = citytwin::io::h5::extent(v);
        ASSERT_EQ(shape.size(), 2u);
        EXPECT_EQ(shape[0], 24u);  // 2 h of 5-minute steps
        const citytwin::io::h5::Handle buses = citytwin::io::h5::open_dataset(f, "/grid/buses/id");
        EXPECT_EQ(shape[1], citytwin::io::h5::length(buses));
    }
    const auto info = run("info --json " + out);
    ASSERT_EQ(info.status, 0) << info.output;
    for (const char* key : {"\"power_peak_demand_kw\"", "\"power_losses_kwh\"", "\"power_minutes_below_0_95_pu\"",
                            "\"power_minutes_above_1_05_pu\"", "\"power_transformer_overload_minutes\"",
                            "\"ev_energy_delivered_kwh\"", "\"ev_energy_unserved_kwh\"", "\"ev_charging_peak_local_hour\""})
        EXPECT_NE(info.output.find(key), std::string::npos) << key << "\n" << info.output;
    const auto text = run("info " + out);
    EXPECT_NE(text.output.find("ev_charging_peak_kw"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("4 feeders, 20 buses, 24 power steps written"), std::string::npos) << text.output;
}

}  // namespace
