// Command-line values that once crashed or ran to a useless end: each is an error with exit
// status 2, said at once, before anything runs. One table row per bad command line.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::run;
using citytwin::testing::scratch;

const std::string kScenarios = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/scenarios/";
const std::string kMinimal = kScenarios + "minimal.yaml";

struct Row {
    std::string args;
    std::string expected;  // a part of what is printed
};

TEST(CliBounds, BadCommandLinesExitWith2AtOnce) {
    const std::string folder = scratch("bounds", "a-folder");
    std::filesystem::create_directories(folder);
    const std::string pipe = scratch("bounds", "a-pipe.h5");
    std::filesystem::remove(pipe);
    ::mkfifo(pipe.c_str(), 0600);
    const Row rows[] = {
        // libgomp segfaulted on 100000 threads.
        {"run " + kMinimal + " -q --threads 100000", "--threads: Value 100000 not in range 1 to 1024"},
        {"run " + kMinimal + " -q --threads 0", "--threads: Value 0 not in range 1 to 1024"},
        {"run " + kMinimal + " -q --threads -3", "--threads"},
        // HDF5 segfaulted in its shutdown on /dev/null; '' was taken as "no -o".
        {"run " + kMinimal + " -q -o /dev/null",
         "--output: '/dev/null' is not a regular file (a device, pipe or socket); an output must be a file"},
        {"run " + kMinimal + " -q -o ''", "--output: the output path is empty"},
        {"run " + kMinimal + " -q -o " + folder, "--output: '" + folder + "' is a folder; give a file name"},
        {"run " + kMinimal + " -q --checkpoint /dev/null", "--checkpoint: '/dev/null' is not a regular file"},
        {"run " + kMinimal + " -q --set outputs.file=/dev/null", "outputs.file: '/dev/null' is not a regular file"},
        {"resume nowhere.ckpt.h5 --threads 100000", "--threads: Value 100000 not in range 1 to 1024"},
        {"fork nowhere.ckpt.h5 -o /dev/null", "--output: '/dev/null' is not a regular file"},
        {"import osm " + std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/osm/small.osm -o ''", "--output: the output path is empty"},
        // Inputs that are no files.
        {"validate /dev/zero", "/dev/zero: cannot read the scenario file: it is not a regular file (a device, pipe or socket)"},
        {"run /dev/zero -q", "/dev/zero: cannot read the scenario file: it is not a regular file"},
        // HDF5 waited on a pipe for ever.
        {"info " + pipe, pipe + ": cannot read the file: it is not a regular file (a device, pipe or socket)"},
        {"info /dev/zero --json", "/dev/zero: cannot read the file: it is not a regular file"},
        {"import osm /dev/zero -o " + scratch("bounds", "z.yaml"),
         "/dev/zero: cannot read the OpenStreetMap file: it is not a regular file"},
        {"import sumo /dev/zero -o " + scratch("bounds", "z.yaml"), "/dev/zero: cannot read the file: it is not a regular file"},
        // Sizes and ranges from --set are checked like the file's.
        {"run " + kMinimal + " -q --set network.grid.rows=10000 --set network.grid.cols=10000",
         "network.grid.cols: a grid of 10000 x 10000 = 100000000 junctions is too large"},
        {"run " + kMinimal + " -q --set demand.generate.trips=1e12", "demand.generate.trips: must be at most 20000000, got '1e12'"},
        {"run " + kMinimal + " -q --set \"duration=1e15 s\"", "duration: must be at most 31 d, got '1e15 s'"},
        {"run " + kMinimal + " -q --set vehicle_types.car.accel=1e6", "vehicle_types.car.accel: must be at most 10 m/s^2"},
        {"run " + kMinimal + " -q --set weather.wind.speed=1e30 --set air.cell=50", "weather.wind.speed: must be at most 60 m/s"},
    };
    for (const Row& row : rows) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = run(row.args);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        EXPECT_EQ(r.status, 2) << row.args << "\n" << r.output;
        EXPECT_NE(r.output.find(row.expected), std::string::npos) << row.args << "\n" << r.output;
        EXPECT_LT(seconds, 1.0) << row.args;
    }
}

// "Without allocating the size it names": under an address-space limit of 300 MB, which a small
// scenario runs within, every out-of-range size is still its located error with status 2, and
// an in-range size that does not fit is said in words (status 1), never std::bad_alloc.
TEST(CliBounds, OutOfRangeSizesAllocateNothing) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit allows";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit allows";
#endif
#endif
    auto limited = [](const std::string& args) {
        const std::string cmd = "ulimit -v 300000; " + std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin " + args + " 2>&1";
        FILE* p = popen(cmd.c_str(), "r");
        citytwin::testing::Result r{-1, {}};
        if (!p) return r;
        char buf[4096];
        while (fgets(buf, sizeof buf, p)) r.output += buf;
        const int st = pclose(p);
        r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        return r;
    };
    const std::string flows = scratch("bounds", "billion.rou.xml");
    std::ofstream(flows) << "<routes>\n  <flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"3600\" number=\"1000000000\"/>\n"
                            "</routes>\n";
    const std::string bologna = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/sumo/bologna-acosta/acosta_buslanes.net.xml";
    const auto fits = limited("validate " + kMinimal);
    ASSERT_EQ(fits.status, 0) << "the limit is too small for citytwin itself: " << fits.output;
    const Row rows[] = {
        {"validate " + kMinimal + " --set network.grid.rows=10000 --set network.grid.cols=10000", "junctions is too large"},
        {"validate " + kMinimal + " --set demand.generate.trips=1e12", "demand.generate.trips: must be at most 20000000"},
        {"validate " + kMinimal + " --set \"duration=1e15 s\"", "duration: must be at most 31 d"},
        {"validate /dev/zero", "it is not a regular file"},
        {"import sumo --net " + bologna + " --routes " + flows + " --end 3600 -o " + scratch("bounds", "billion.yaml"),
         "<flow number>: a flow of 1000000000 vehicles; a citytwin run may have at most 20000000"},
    };
    for (const Row& row : rows) {
        const auto r = limited(row.args);
        EXPECT_EQ(r.status, 2) << row.args << "\n" << r.output;
        EXPECT_NE(r.output.find(row.expected), std::string::npos) << row.args << "\n" << r.output;
    }
    const auto big = limited("validate " + kMinimal + " --set demand.generate.trips=20000000");
    EXPECT_EQ(big.status, 1) << big.output;
    EXPECT_NE(big.output.find("citytwin: error: out of memory: this machine cannot hold what the scenario asks for"),
              std::string::npos)
        << big.output;
}

TEST(CliBounds, ThreadsWithinTheRangeRun) {
    const std::string out = scratch("bounds", "threads.h5");
    std::filesystem::remove(out);
    const auto r = run("run --overwrite " + kMinimal + " -q --threads 1 -o " + out);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(out));
}

}  // namespace
