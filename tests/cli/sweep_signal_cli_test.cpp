// A sweep pre-empted as a Slurm task is (USR1 to `citytwin sweep run`): the running member
// checkpoints, the sweep exits 75, and the next run resumes the member to the same output an
// uninterrupted run writes.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/demo_runs.hpp"
#include "tests/io/sweep/sweep_test_files.hpp"

extern char** environ;

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

// One member: the demo over its morning with a quarter of its trips (a few seconds).
std::string demo_sweep() {
    return write_sweep("demo-morning.sweep.yaml",
                       std::string("citytwin_sweep: 1\nbase: ") + CITYTWIN_SOURCE_DIR +
                           "/scenarios/demo.yaml\n"
                           "variants:\n  morning:\n    set:\n      duration: 4 h\n      demand.generate.trips: 25000\n"
                           "      weather.series: [{at: 0 s, mixing_height: 300 m, stability: D}]\n"
                           "seeds: [42]\n");
}

TEST(SweepSignalCli, PreemptedMemberResumesToTheUninterruptedOutput) {
    const std::string sweep = demo_sweep();
    const std::string whole = scratch("sweep", "whole"), split = scratch("sweep", "split");
    fs::remove_all(whole);
    fs::remove_all(split);
    const Result plan = run("sweep plan " + sweep + " --format csv --dir " + split);
    ASSERT_EQ(plan.status, 0) << plan.output;
    const std::string id = plan.output.substr(plan.output.find("\n0,") + 3, 16);

    const Result uninterrupted = run("sweep run " + sweep + " -q --threads 2 --dir " + whole);
    ASSERT_EQ(uninterrupted.status, 0) << uninterrupted.output;

    const std::string program = std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin";
    std::vector<std::string> args{program, "sweep", "run", sweep, "-q", "--threads", "2", "--dir", split};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ), 0);
    // Signalled once the member's output exists: its run has installed its handlers by then.
    const std::string partial = split + "/" + id + ".partial.h5";
    for (int i = 0; i < 600 && !fs::exists(partial); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(fs::exists(partial));
    ::kill(pid, SIGUSR1);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 75);
    EXPECT_TRUE(fs::exists(split + "/" + id + ".ckpt.h5"));
    const Result interrupted = run("sweep status " + sweep + " --dir " + split);
    EXPECT_NE(interrupted.output.find("1 members: 0 done, 0 failed, 1 interrupted"), std::string::npos) << interrupted.output;

    const Result resumed = run("sweep run " + sweep + " -q --threads 2 --dir " + split);
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    EXPECT_FALSE(fs::exists(split + "/" + id + ".ckpt.h5"));
    EXPECT_EQ(differences(whole + "/" + id + ".h5", split + "/" + id + ".h5"), "");
}

}  // namespace
}  // namespace citytwin::testing
