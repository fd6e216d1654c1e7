// `sweep run --devices 0,1` hands the GPUs out round-robin over the job slots, one
// CUDA_VISIBLE_DEVICES per member; without --devices the members inherit it. The members here
// are a stand-in program that prints the variable into the member's log and fails, so the log
// stays.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "io/sweep/sweep_file.hpp"
#include "io/sweep/sweep_members.hpp"
#include "sim/sweep/member_files.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "tests/io/sweep/sweep_test_files.hpp"

namespace citytwin::sweep {
namespace {

namespace fs = std::filesystem;

// One script per run, written whole and renamed into place: CTest runs these tests as
// concurrent processes, and a shared script rewritten while another run's members execute it
// reads back empty.
std::string stand_in_program(const std::string& name) {
    const fs::path dir = fs::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "sweep";
    fs::create_directories(dir);
    const fs::path path = dir / ("print-visible-devices-" + name + ".sh");
    const fs::path part = fs::path(path.string() + ".part");
    std::ofstream(part, std::ios::trunc) << "#!/bin/sh\nsleep 0.3\necho \"${CUDA_VISIBLE_DEVICES-unset}\"\nexit 3\n";
    fs::permissions(part, fs::perms::owner_all);
    fs::rename(part, path);
    return path.string();
}

// Each member's CUDA_VISIBLE_DEVICES after a run with `jobs` slots and `devices`.
std::vector<std::string> visible_devices(const std::string& name, int jobs, const std::vector<std::string>& devices) {
    io::SweepFile s = io::load_sweep_file(testing::write_sweep(
        name + ".sweep.yaml", "citytwin_sweep: 1\n" + testing::arterial_base() + "parameters:\n  duration: [1 min, 2 min, 3 min, 4 min, 5 min]\n"));
    s.outputs_dir = (fs::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "sweep" / name).string();
    fs::remove_all(s.outputs_dir);
    std::vector<io::SweepMember> members;
    for (std::size_t i = 0; i < io::sweep_member_count(s); ++i) members.push_back(io::sweep_member(s, i));
    RunnerSettings settings;
    settings.jobs = jobs;
    settings.devices = devices;
    settings.quiet = true;
    settings.program = stand_in_program(name);
    const RunnerOutcome out = run_members(s, members, settings);
    EXPECT_EQ(out.failed, members.size());
    std::vector<std::string> seen;
    for (const io::SweepMember& m : members) seen.push_back(error_from_log(member_files(m).log));
    return seen;
}

TEST(SweepDevices, RoundRobinOverTheJobSlots) {
    // Members 0..2 fill slots 0..2 (GPUs 0, 1, 0); 3 and 4 take the slots that free first.
    const auto three = visible_devices("devices-3", 3, {"0", "1"});
    EXPECT_EQ(three[0], "0");
    EXPECT_EQ(three[1], "1");
    EXPECT_EQ(three[2], "0");
    for (const std::string& d : three) EXPECT_TRUE(d == "0" || d == "1") << d;
    // Two slots, two GPUs: the members running at once never share one.
    const auto two = visible_devices("devices-2", 2, {"0", "1"});
    EXPECT_EQ(std::set<std::string>(two.begin(), two.begin() + 2), (std::set<std::string>{"0", "1"}));
    EXPECT_EQ(std::set<std::string>(two.begin() + 2, two.begin() + 4), (std::set<std::string>{"0", "1"}));
    // One slot: every member on the first GPU listed.
    for (const std::string& d : visible_devices("devices-1", 1, {"1", "0"})) EXPECT_EQ(d, "1");
}

TEST(SweepDevices, WithoutDevicesTheMembersInheritTheVariable) {
    ::setenv("CUDA_VISIBLE_DEVICES", "7", 1);
    for (const std::string& d : visible_devices("devices-none", 2, {})) EXPECT_EQ(d, "7");
    ::unsetenv("CUDA_VISIBLE_DEVICES");
    for (const std::string& d : visible_devices("devices-unset", 1, {})) EXPECT_EQ(d, "unset");
}

}  // namespace
}  // namespace citytwin::sweep
