// The citytwin program end to end: exit codes, messages, and a run read back by `info`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sim/core/device_select.hpp"
#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::Result;
using citytwin::testing::run;

std::string data(const std::string& name) { return std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/cli/" + name; }

std::string scratch(const std::string& name) { return citytwin::testing::scratch("cli", name); }

TEST(Cli, ValidateAcceptsAGoodScenario) {
    const Result r = run("validate " + data("small.yaml"));
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("ok"), std::string::npos) << r.output;
}

TEST(Cli, ScenarioErrorsExitWithStatus2AndSayWhere) {
    const Result r = run("validate " + data("unknown_key.yaml"));
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("unknown_key.yaml:5:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("colls"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("did you mean 'cols'"), std::string::npos) << r.output;
    const Result set = run("validate " + data("small.yaml") + " --set network.grid.rows=0");
    EXPECT_EQ(set.status, 2) << set.output;
    EXPECT_NE(set.output.find("--set"), std::string::npos) << set.output;
    const Result missing = run("run --overwrite " + scratch("does-not-exist.yaml"));
    EXPECT_EQ(missing.status, 2) << missing.output;
    const Result trip_link = run("validate " + data("bad_trip_link.yaml"));
    EXPECT_EQ(trip_link.status, 2) << trip_link.output;
    EXPECT_NE(trip_link.output.find("bad_trip_link.csv:3"), std::string::npos) << trip_link.output;
    EXPECT_NE(trip_link.output.find("no link with id 'n9_9-n9_8'"), std::string::npos) << trip_link.output;
}

TEST(Cli, CudaWithoutAGpuIsAClearError) {
    std::string why;
    if (citytwin::sim::cuda_device_count(&why) > 0) GTEST_SKIP() << "a GPU is visible: nothing to refuse";
    const Result r = run("run --overwrite " + data("small.yaml") + " --device cuda -o " + scratch("cuda.h5"));
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("--device cuda"), std::string::npos) << r.output;
    const Result bad = run("run --overwrite " + data("small.yaml") + " --device tpu");
    EXPECT_EQ(bad.status, 2) << bad.output;
}

TEST(Cli, RunWritesAFileThatInfoSummarises) {
    const std::string out = scratch("small.h5");
    const Result r = run("run --overwrite " + data("small.yaml") + " --device cpu --threads 2 -q -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    const Result text = run("info " + out);
    EXPECT_EQ(text.status, 0) << text.output;
    EXPECT_NE(text.output.find("cli-small"), std::string::npos) << text.output;
    const Result json = run("info --json " + out);
    ASSERT_EQ(json.status, 0) << json.output;
    for (const char* key : {"trips_inserted", "trips_arrived", "trips_running_at_end", "mean_trip_duration_s",
                            "mean_time_loss_s", "mean_route_length_m", "vehicle_km", "vehicle_hours",
                            "vehicle_updates_per_s", "wall_time_s", "device", "backend"})
        EXPECT_NE(json.output.find(std::string("\"") + key + "\""), std::string::npos) << key << "\n" << json.output;
    EXPECT_NE(json.output.find("\"backend\":\"cpu\""), std::string::npos) << json.output;
    EXPECT_EQ(json.output.find('\n'), json.output.size() - 1) << "one JSON object on one line";
    EXPECT_EQ(json.output.front(), '{');
}

TEST(Cli, EveryShippedScenarioValidates) {
    int seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios")) {
        if (entry.path().extension() != ".yaml") continue;
        ++seen;
        // Sweep files are checked member by member, each member's scenario as its run loads it.
        const bool sweep = entry.path().string().ends_with(".sweep.yaml");
        const Result r = run((sweep ? "sweep plan " : "validate ") + entry.path().string());
        EXPECT_EQ(r.status, 0) << entry.path() << "\n" << r.output;
    }
    EXPECT_GE(seen, 3);
}

TEST(Cli, InfoOnAFileThatIsNotARunIsAnError) {
    const Result r = run("info " + data("small.yaml"));
    EXPECT_EQ(r.status, 1) << r.output;
}

}  // namespace
