// Every text input (scenario, trip CSV, feeder CSV) is refused before it is read when it is not
// a regular file or is larger than its documented limit: /dev/zero is an error naming the file,
// not a read that grows until the machine kills it. One table row per bad input.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "io/power/feeder_csv.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "io/scenario/text_file.hpp"
#include "io/scenario/trip_csv.hpp"

namespace citytwin::io {
namespace {

namespace fs = std::filesystem;

std::string scratch(const std::string& name) {
    const fs::path dir = fs::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "input-files";
    fs::create_directories(dir);
    return (dir / name).string();
}

// A sparse file of `bytes` (no disk blocks, no time): one byte over a limit.
std::string sparse(const std::string& name, std::uintmax_t bytes) {
    const std::string path = scratch(name);
    std::ofstream(path, std::ios::binary | std::ios::trunc).put('#');
    fs::resize_file(path, bytes);
    return path;
}

std::string fifo(const std::string& name) {
    const std::string path = scratch(name);
    fs::remove(path);
    ::mkfifo(path.c_str(), 0600);
    return path;
}

std::string error_of(const std::function<void()>& read) {
    try {
        read();
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

// A scenario whose trip list is `trips`.
std::string scenario_with_trips(const std::string& trips) {
    const std::string path = scratch("trips-" + fs::path(trips).filename().string() + ".yaml");
    std::ofstream(path) << "citytwin: 1\nname: f\nduration: 1 h\nnetwork:\n  grid: {rows: 2, cols: 2, spacing: 100}\n"
                           "demand:\n  trips: " << trips << "\n";
    return path;
}

struct Row {
    std::string what;
    std::function<void()> read;
    std::string expected;  // the whole message
};

TEST(InputFiles, NonRegularAndOversizedInputsAreRefusedBeforeReading) {
    const std::string big_scenario = sparse("big.yaml", kMaxScenarioBytes + 1);
    const std::string big_feeder = sparse("big.csv", kMaxFeederCsvBytes + 1);
    const std::string pipe = fifo("pipe.yaml");
    const std::string dir = scratch("a-folder.yaml");
    fs::create_directories(dir);
    const std::string zero_trips = scenario_with_trips("/dev/zero");
    const std::string big_trips_csv = sparse("big-trips.csv", kMaxTripCsvBytes + 1);
    const std::string big_trips = scenario_with_trips(big_trips_csv);
    const Row rows[] = {
        {"scenario /dev/zero", [] { load_scenario("/dev/zero"); },
         "/dev/zero: cannot read the scenario file: it is not a regular file (a device, pipe or socket)"},
        {"scenario pipe", [&] { load_scenario(pipe); },
         pipe + ": cannot read the scenario file: it is not a regular file (a device, pipe or socket)"},
        {"scenario folder", [&] { load_scenario(dir); }, dir + ": cannot read the scenario file: it is a folder, not a file"},
        {"scenario too large", [&] { load_scenario(big_scenario); },
         big_scenario + ": cannot read the scenario file: the file has 16777217 bytes, more than the limit of 16 MiB for this input"},
        {"trips /dev/zero", [&] { load_scenario(zero_trips); },
         zero_trips + ":7:10: demand.trips: cannot read trip file '/dev/zero': it is not a regular file (a device, pipe or socket)"},
        {"trips too large", [&] { load_scenario(big_trips); },
         big_trips + ":7:10: demand.trips: cannot read trip file '" + big_trips_csv +
             "': the file has 2147483649 bytes, more than the limit of 2 GiB for this input"},
        {"feeder /dev/zero", [] { read_feeder_csv("/dev/zero", "power.feeders[0]"); },
         "/dev/zero: power.feeders[0]: cannot read the feeder file: it is not a regular file (a device, pipe or socket)"},
        {"feeder too large", [&] { read_feeder_csv(big_feeder, "power.feeders[0]"); },
         big_feeder + ": power.feeders[0]: cannot read the feeder file: the file has 67108865 bytes, more than the limit of 64 MiB for this input"},
    };
    for (const Row& row : rows) {
        const auto t0 = std::chrono::steady_clock::now();
        EXPECT_EQ(error_of(row.read), row.expected) << row.what;
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0) << row.what;
    }
    for (const std::string& f : {big_scenario, big_feeder, big_trips_csv}) fs::remove(f);
}

TEST(InputFiles, SizesAreWrittenAsTheDocsWriteThem) {
    EXPECT_EQ(byte_size_text(512), "512 bytes");
    EXPECT_EQ(byte_size_text(16 * kMiB), "16 MiB");
    EXPECT_EQ(byte_size_text(kMaxTripCsvBytes), "2 GiB");
    EXPECT_EQ(byte_size_text(kMaxOsmBytes), "4 GiB");
}

TEST(InputFiles, AFileAtItsLimitIsRead) {
    const std::string path = scratch("small.txt");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << "12345";
    std::string why;
    EXPECT_EQ(read_text_file(path, why, 5).value_or("(none)"), "12345");
    EXPECT_FALSE(read_text_file(path, why, 4).has_value());
    EXPECT_EQ(why, "the file has 5 bytes, more than the limit of 4 bytes for this input");
}

// A trip list with more rows than a run may have stops at the first row past the limit.
TEST(InputFiles, TripRowsBeyondTheLimitAreALocatedError) {
    TripCsvRules rules;
    rules.types = {"car"};
    rules.duration_s = 3600;
    rules.max_trips = 2;
    try {
        parse_trip_csv("depart,from,to\n0,a,b\n1,a,b\n2,a,b\n", "t.csv", rules);
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()), "t.csv:4:1: demand.trips: more than 2 trips; a run may have at most 2");
    }
}

}  // namespace
}  // namespace citytwin::io
