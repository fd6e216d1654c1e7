// Checkpoints, resume and fork end to end (docs/checkpoints.md): a run split at a checkpoint and
// resumed equals the uninterrupted run in every dataset (timing KPIs aside), with other thread
// counts, after signals at several moments; forks equal their parent before the fork and
// differ after it when something changed; SIGKILL during checkpoint writes never leaves a bad
// checkpoint; every refusal names what differs, exits 2 and overwrites nothing.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "io/checkpoint/checkpoint_file.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "tests/cli/cli_process.hpp"
#include "tests/cli/demo_runs.hpp"

namespace {

namespace fs = std::filesystem;
using citytwin::testing::Result;
using citytwin::testing::run;
namespace io = citytwin::io;
using citytwin::testing::demo_morning;
using citytwin::testing::differences;


std::string scratch(const std::string& name) { return citytwin::testing::scratch("checkpoint", name); }
std::string source(const std::string& path) { return std::string(CITYTWIN_SOURCE_DIR) + "/" + path; }



// A whole 1-D or 2-D dataset as doubles (row-major).
std::vector<double> read_doubles(const std::string& file, const std::string& path, std::size_t* row_width = nullptr) {
    io::h5::LibraryLock lock;
    io::h5::Handle f = io::h5::open_file_read_only(file);
    io::h5::Handle ds = io::h5::open_dataset(f, path);
    const std::vector<hsize_t> dims = io::h5::extent(ds);
    std::size_t n = 1;
    for (hsize_t d : dims) n *= d;
    if (row_width) *row_width = dims.size() > 1 ? n / std::max<hsize_t>(dims[0], 1) : 1;
    std::vector<double> v(n);
    if (n) H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    return v;
}

// Runs a shell line; its exit status.
int shell(const std::string& line) {
    const int st = std::system(line.c_str());
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string binary() { return std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin"; }

// Starts a run in the background, sends `signal` after `delay_s` (and again `again_s` later
// when given) and returns its exit status.
// With `after_file`, the delay counts from when that file first exists (a loaded machine may
// take seconds to start the run).
int run_and_signal(const std::string& args, const char* signal, double delay_s, double again_s = -1.0,
                   const std::string& after_file = "") {
    const std::string script =
        scratch(std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-signal.sh");
    const std::string wait_for =
        after_file.empty() ? "" : "for i in $(seq 600); do [ -e '" + after_file + "' ] && break; kill -0 $p 2>/dev/null || break; sleep 0.05; done\n";
    std::ofstream(script) << binary() << " " << args << " -q > /dev/null 2>&1 &\np=$!\n" << wait_for << "sleep " << delay_s << "\nkill -"
                          << signal << " $p 2>/dev/null\n"
                          << (again_s >= 0 ? "sleep " + std::to_string(again_s) + "\nkill -" + signal + " $p 2>/dev/null\n" : "")
                          << "wait $p 2>/dev/null\nexit $?\n";
    return shell("bash " + script);
}

// CTest runs each test in a process of its own, side by side: every test writes files under
// names of its own, and the uninterrupted run it compares with is made once per process.
class Checkpoints : public ::testing::Test {
protected:
    static std::string name(const std::string& file) {
        return scratch(std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" + file);
    }
    static const std::string& full() {
        static const std::string path = [] {
            const std::string p = name("full.h5");
            const Result r = run("run --overwrite " + demo_morning() + " --threads 2 -q -o " + p);
            EXPECT_EQ(r.status, 0) << r.output;
            return p;
        }();
        return path;
    }
};

TEST_F(Checkpoints, DemoSplitAndResumedEqualsTheUninterruptedRunOnOtherThreadCounts) {
    const std::string out = name("split.h5"), ck = name("split.ckpt.h5");
    fs::remove(ck);
    const Result a = run("run --overwrite " + demo_morning() + " --threads 2 -q -o " + out + " --checkpoint-at 07:30 --stop-at 07:30");
    ASSERT_EQ(a.status, 0) << a.output;
    ASSERT_TRUE(fs::exists(ck)) << "the checkpoint goes beside the output as OUT.ckpt.h5";
    EXPECT_NE(a.output.find("citytwin resume " + ck), std::string::npos) << a.output;
    const Result stopped = run("info " + out);
    EXPECT_EQ(stopped.status, 0) << stopped.output;
    EXPECT_NE(differences(full(), out), "") << "a stopped run holds only the first part";
    const Result b = run("resume --overwrite " + ck + " --threads 1 -q");
    ASSERT_EQ(b.status, 0) << b.output;
    EXPECT_EQ(differences(full(), out), "");
    // A new file from the same checkpoint, complete from the start.
    const Result c = run("resume --overwrite " + ck + " --threads 2 -q -o " + name("split-copy.h5"));
    ASSERT_EQ(c.status, 0) << c.output;
    EXPECT_EQ(differences(full(), name("split-copy.h5")), "");
}

TEST_F(Checkpoints, CheckpointEveryAndSeveralTimesThenResumeFromTheLast) {
    const std::string out = name("every.h5"), ck = name("every-named.ckpt.h5");
    const Result a = run("run --overwrite " + demo_morning() + " --threads 1 -q -o " + out + " --checkpoint " + ck +
                         " --checkpoint-every '40 min' --checkpoint-at '1 h' --stop-at 09:00");
    ASSERT_EQ(a.status, 0) << a.output;
    const io::CheckpointReader r(ck);
    EXPECT_DOUBLE_EQ(r.info().time_s, 3 * 3600.0);
    const Result b = run("resume --overwrite " + ck + " -q");
    ASSERT_EQ(b.status, 0) << b.output;
    EXPECT_EQ(differences(full(), out), "");
}

TEST_F(Checkpoints, TwoRunsCheckpointedAtTheSameTimeGiveIdenticalCheckpoints) {
    std::map<std::string, std::uint64_t> arrays[2];
    for (int i = 0; i < 2; ++i) {
        const std::string out = name("twin" + std::to_string(i) + ".h5");
        const Result a = run("run --overwrite " + demo_morning() + " --threads " + std::to_string(i + 1) + " -q -o " + out +
                             " --checkpoint-at 07:10 --stop-at 07:10");
        ASSERT_EQ(a.status, 0) << a.output;
        arrays[i] = io::CheckpointReader(name("twin" + std::to_string(i) + ".ckpt.h5")).array_bytes();
    }
    ASSERT_EQ(arrays[0], arrays[1]);
    EXPECT_GT(arrays[0].size(), 50u);
    const io::CheckpointReader a(name("twin0.ckpt.h5")), b(name("twin1.ckpt.h5"));
    for (const auto& [name, bytes] : arrays[0]) {
        if (name == "engine/timing") continue;   // wall-clock seconds spent so far
        EXPECT_EQ(a.raw(name), b.raw(name)) << name << " (" << bytes << " bytes) differs";
    }
}

TEST_F(Checkpoints, ForkWithoutChangesEqualsTheParent) {
    const std::string out = name("parent.h5");
    ASSERT_EQ(run("run --overwrite " + demo_morning() + " -q -o " + out + " --checkpoint-at 08:00 --stop-at 08:00").status, 0);
    const Result f = run("fork --overwrite " + name("parent.ckpt.h5") + " -q -o " + name("same.h5") + " --checkpoint " +
                         name("same.ckpt.h5"));
    ASSERT_EQ(f.status, 0) << f.output;
    EXPECT_EQ(differences(full(), name("same.h5")), "");
}

// Rows of a time-indexed dataset: equal up to the fork, some different after it.
void expect_prefix_equal_then_different(const std::string& parent, const std::string& variant, const std::string& path,
                                        const std::string& time_path, double fork_s) {
    std::size_t w = 1;
    const std::vector<double> a = read_doubles(parent, path, &w), b = read_doubles(variant, path);
    const std::vector<double> t = read_doubles(parent, time_path);
    ASSERT_EQ(a.size(), b.size()) << path;
    bool differs_after = false;
    for (std::size_t r = 0; r < t.size(); ++r)
        for (std::size_t j = 0; j < w; ++j) {
            const double x = a[r * w + j], y = b[r * w + j];
            const bool same = x == y || (x != x && y != y);
            if (t[r] <= fork_s) {
                ASSERT_TRUE(same) << path << " row " << r << " (t " << t[r] << " s) differs before the fork";
            } else {
                differs_after |= !same;
            }
        }
    EXPECT_TRUE(differs_after) << path << " is the same after the fork";
}

TEST_F(Checkpoints, ForkWithAChangeEqualsTheParentBeforeAndDiffersAfter) {
    const std::string ck = name("parent.ckpt.h5");
    ASSERT_EQ(run("run --overwrite " + demo_morning() + " -q -o " + name("parent.h5") + " --checkpoint-at 08:00 --stop-at 08:00").status, 0);
    const Result resumed = run("resume --overwrite " + ck + " -q -o " + name("parent-full.h5"));
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    const std::string parent = name("parent-full.h5");
    // A heat wave from 08:00: the air-conditioning load rises on every bus.
    const std::string hot = name("hot.h5");
    const Result f = run("fork --overwrite " + ck + " -q -o " + hot + " --checkpoint " + name("hot.ckpt.h5") +
                         " --set 'weather.temperature=36 °C' --set 'weather.series.1.temperature=36 °C'");
    ASSERT_EQ(f.status, 0) << f.output;
    expect_prefix_equal_then_different(parent, hot, "power/buses/p_temperature", "power/time", 7200);
    expect_prefix_equal_then_different(parent, hot, "power/feeders/head_p", "power/time", 7200);
    {
        io::h5::LibraryLock lock;
        io::h5::Handle file = io::h5::open_file_read_only(hot);
        EXPECT_DOUBLE_EQ(io::h5::read_double_attribute(file, "fork_time_s"), 7200);
        EXPECT_EQ(io::h5::read_string_attribute(file, "parent_output"), name("parent.h5"));
    }
    // Twice the electric share of later departures: the trips released before 08:00 are kept,
    // later ones drawn anew, so the charging differs only after the fork.
    const std::string ev = name("ev.h5");
    const Result g = run("fork --overwrite " + ck + " -q -o " + ev + " --checkpoint " + name("ev.ckpt.h5") +
                         " --set vehicle_types.ev.share=0.6 --set vehicle_types.car.share=0.4");
    ASSERT_EQ(g.status, 0) << g.output;
    // (Electric cars drive as the others do: only the charging tells them apart.)
    expect_prefix_equal_then_different(parent, ev, "power/buses/p_ev", "power/time", 7200);
    // Replications that share the morning: another seed from the fork on.
    const Result h = run("fork --overwrite " + ck + " -q -o " + name("reseed.h5") + " --checkpoint " + name("reseed.ckpt.h5") +
                         " --reseed 7");
    ASSERT_EQ(h.status, 0) << h.output;
    expect_prefix_equal_then_different(parent, name("reseed.h5"), "traffic/links/entered", "traffic/time", 7200);
}

TEST_F(Checkpoints, ClosingALinkAtAForkEmptiesItFromTheNextStep) {
    const std::string out = name("arterial.h5");
    const std::string sc = source("scenarios/arterial.yaml");
    ASSERT_EQ(run("run --overwrite " + sc + " -q -o " + out + " --set outputs.every=60 --checkpoint-at '10 min' --stop-at '10 min'").status, 0);
    ASSERT_EQ(run("resume --overwrite " + name("arterial.ckpt.h5") + " -q -o " + name("arterial-full.h5")).status, 0);
    const std::string closed = name("arterial-closed.h5");
    const Result f = run("fork --overwrite " + name("arterial.ckpt.h5") + " -q -o " + closed + " --checkpoint " +
                         name("arterial-closed.ckpt.h5") + " --set network.links.4.closed=true");
    ASSERT_EQ(f.status, 0) << f.output;
    std::size_t w = 1;
    const std::vector<double> entered = read_doubles(closed, "traffic/links/entered", &w);
    const std::vector<double> t = read_doubles(closed, "traffic/time");
    double after = 0.0;
    for (std::size_t r = 0; r < t.size(); ++r)
        if (t[r] > 600 + 60) after += entered[r * w + 4];
    EXPECT_EQ(after, 0.0) << "vehicles entered the closed link after the fork";
    expect_prefix_equal_then_different(name("arterial-full.h5"), closed, "traffic/links/entered", "traffic/time", 600);
}

TEST_F(Checkpoints, SignalsAtSeveralMomentsCheckpointAndTheResumedRunEqualsTheUninterruptedOne) {
    const char* signals[] = {"TERM", "INT", "USR1", "TERM"};
    const double delays[] = {0.6, 1.3, 2.0, 2.8};
    int interrupted = 0;
    for (int i = 0; i < 4; ++i) {
        const std::string out = name("sig" + std::to_string(i) + ".h5");
        const std::string ck = name("sig" + std::to_string(i) + ".ckpt.h5");
        fs::remove(ck);
        fs::remove(out);
        const int rc = run_and_signal("run --overwrite " + demo_morning() + " -o " + out, signals[i], delays[i] - 0.5, -1.0, out);
        if (rc == 0) continue;   // the run was done before the signal came
        ASSERT_EQ(rc, 75) << "SIG" << signals[i] << " after " << delays[i] << " s";
        ++interrupted;
        ASSERT_TRUE(fs::exists(ck));
        const Result r = run("resume --overwrite " + ck + " -q");
        ASSERT_EQ(r.status, 0) << r.output;
        EXPECT_EQ(differences(full(), out), "") << "SIG" << signals[i] << " after " << delays[i] << " s";
    }
    EXPECT_GE(interrupted, 2);
}

TEST_F(Checkpoints, ASecondSignalDuringTheCheckpointEndsTheRunAndKeepsThePreviousCheckpoint) {
    int now = 0;
    for (int i = 0; i < 4; ++i) {
        const std::string out = name("twice" + std::to_string(i) + ".h5"), ck = name("twice" + std::to_string(i) + ".ckpt.h5");
        fs::remove(ck);
        const int rc = run_and_signal("run --overwrite " + demo_morning() + " -o " + out + " --checkpoint-every '5 min'", "TERM", 1.2 + 0.3 * i, 0.01);
        ASSERT_TRUE(rc == 75 || rc == 128 + 15) << "exit status " << rc;
        now += rc == 128 + 15;
        if (fs::exists(ck)) {
            EXPECT_NO_THROW(io::CheckpointReader{ck}) << "try " << i;
        }
    }
    EXPECT_GE(now, 1) << "the second signal never ended a run at once";
}

TEST_F(Checkpoints, SigkillDuringCheckpointWritesLeavesTheLastCompleteCheckpointValid) {
    int mid_write = 0, valid = 0;
    // Checkpoints every 30 s of simulated time: writing them is most of the run, so most kills
    // land inside one. Kills come later and later until seven have found a checkpoint and one
    // landed mid-write (a loaded machine reaches the first checkpoint later); every checkpoint
    // found must be valid.
    int tries = 0;
    for (int i = 0; i < 24 && (valid < 7 || mid_write < 1); ++i, ++tries) {
        const std::string out = name("kill" + std::to_string(i) + ".h5");
        const std::string ck = name("kill" + std::to_string(i) + ".ckpt.h5");
        fs::remove(ck);
        for (const auto& e : fs::directory_iterator(fs::path(ck).parent_path()))
            if (e.path().string().rfind(ck + ".writing-", 0) == 0) fs::remove(e.path());
        run_and_signal("run --overwrite " + demo_morning() + " -o " + out + " --checkpoint-every '30 s'", "KILL", 0.11 * i, -1.0, ck);
        for (const auto& e : fs::directory_iterator(fs::path(ck).parent_path()))
            if (e.path().string().rfind(ck + ".writing-", 0) == 0) ++mid_write;
        if (!fs::exists(ck)) continue;
        EXPECT_NO_THROW(io::CheckpointReader{ck}) << "kill " << i;
        const Result info = run("info " + ck);
        EXPECT_EQ(info.status, 0) << info.output;
        ++valid;
    }
    EXPECT_GE(valid, 7) << "after " << tries << " kills";
    EXPECT_GE(mid_write, 1) << "no kill landed during a checkpoint write in " << tries << " kills";
}

// A copy of a checkpoint with one root attribute changed.
std::string altered(const std::string& from, const std::string& name, const std::string& attribute, const std::string& text,
                    int number = 0, bool is_number = false) {
    const std::string to = scratch(name);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    io::h5::LibraryLock lock;
    io::h5::Handle f = io::h5::file(H5Fopen(to.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    if (is_number) io::h5::write_int32_attribute(f, attribute, number);
    else io::h5::write_string_attribute(f, attribute, text);
    return to;
}

TEST_F(Checkpoints, EveryBadCheckpointIsAClearErrorAndOverwritesNothing) {
    const std::string out = name("bad.h5"), ck = name("bad.ckpt.h5");
    ASSERT_EQ(run("run --overwrite " + demo_morning() + " -q -o " + out + " --checkpoint-at 07:00 --stop-at 07:00").status, 0);
    const auto size = fs::file_size(out);
    const auto time = fs::last_write_time(out);
    auto refused = [&](const std::string& args, const std::string& words) {
        const Result r = run(args);
        EXPECT_EQ(r.status, 2) << args << "\n" << r.output;
        EXPECT_NE(r.output.find(words), std::string::npos) << args << "\n" << r.output;
        EXPECT_EQ(fs::file_size(out), size);
        EXPECT_EQ(fs::last_write_time(out), time) << "the output was touched by: " << args;
    };
    refused("resume " + altered(ck, "v99.ckpt.h5", "format_version", "", 99, true), "format version 99");
    refused("resume " + altered(ck, "net.ckpt.h5", "network_hash", "0123456789abcdef"), "network differs");
    refused("resume " + altered(ck, "trips.ckpt.h5", "trips_hash", "0123456789abcdef"), "trips differ");
    refused("resume " + altered(ck, "gone.ckpt.h5", "output_file", name("nowhere.h5")), "is missing");
    refused("resume " + altered(ck, "other.ckpt.h5", "output_run_id", "feedfeedfeedfeed"), "is not the output this checkpoint was writing");
    {
        const std::string t = name("truncated.ckpt.h5");
        fs::copy_file(ck, t, fs::copy_options::overwrite_existing);
        fs::resize_file(t, fs::file_size(t) / 2);
        refused("resume " + t, "not a readable HDF5 file");
    }
    {
        // One flipped byte in the vehicles' positions.
        const std::string c = name("corrupt.ckpt.h5");
        fs::copy_file(ck, c, fs::copy_options::overwrite_existing);
        haddr_t offset = HADDR_UNDEF;
        {
            io::h5::LibraryLock lock;
            io::h5::Handle f = io::h5::open_file_read_only(c);
            io::h5::Handle ds = io::h5::open_dataset(f, "state/traffic/vehicles/pos0");
            offset = H5Dget_offset(ds);
        }
        ASSERT_NE(offset, HADDR_UNDEF);
        std::fstream file(c, std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(static_cast<std::streamoff>(offset + 4000));
        char byte = 0;
        file.read(&byte, 1);
        byte = static_cast<char>(byte ^ 0x20);
        file.seekp(static_cast<std::streamoff>(offset + 4000));
        file.write(&byte, 1);
        file.close();
        refused("resume " + c, "checksum mismatch");
    }
    refused("resume " + out, "is not a citytwin checkpoint");
    refused("fork " + ck + " -o " + name("x.h5") + " --set network.grid.rows=5", "network.grid.rows");
    refused("fork " + ck + " -o " + name("x.h5") + " --set traffic.step=1", "traffic.step");
    refused("fork " + ck + " -o " + name("x.h5") + " --set seed=3", "--reseed");
    {
        const std::string small = name("bad-small.h5");
        ASSERT_EQ(run("run --overwrite " + source("tests/data/cli/small.yaml") + " -q -o " + small + " --stop-at '6 min'").status, 0);
        const Result r = run("fork --overwrite " + name("bad-small.ckpt.h5") + " -o " + name("x.h5") + " --set 'duration=5 min'");
        EXPECT_EQ(r.status, 2) << r.output;
        EXPECT_NE(r.output.find("would end before the checkpoint"), std::string::npos) << r.output;
        const Result air = run("fork --overwrite " + name("bad-small.ckpt.h5") + " -o " + name("x.h5") + " --set air.limiter=minmod");
        EXPECT_EQ(air.status, 2) << air.output;
        EXPECT_NE(air.output.find("cannot be added to or removed from a running state"), std::string::npos) << air.output;
    }
    refused("fork " + ck + " -o " + out, "must not overwrite the parent");
    refused("fork " + ck + " -o " + name("x.h5") + " --set air.cell=100", "air.cell");
}

TEST_F(Checkpoints, AChangedInputFileIsRefused) {
    const fs::path dir = fs::path(name("inputs"));
    fs::create_directories(dir);
    fs::copy_file(source("scenarios/arterial.yaml"), dir / "arterial.yaml", fs::copy_options::overwrite_existing);
    fs::copy_file(source("scenarios/arterial-trips.csv"), dir / "arterial-trips.csv", fs::copy_options::overwrite_existing);
    const std::string out = (dir / "a.h5").string();
    ASSERT_EQ(run("run --overwrite " + (dir / "arterial.yaml").string() + " -q -o " + out + " --stop-at '5 min'").status, 0);
    std::ofstream(dir / "arterial-trips.csv", std::ios::app) << "\n";
    const Result r = run("resume --overwrite " + (dir / "a.ckpt.h5").string());
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("arterial-trips.csv' changed since the checkpoint"), std::string::npos) << r.output;
}

TEST_F(Checkpoints, InfoDescribesACheckpoint) {
    const std::string out = name("info.h5");
    ASSERT_EQ(run("run --overwrite " + demo_morning() + " -q -o " + out + " --stop-at 06:30").status, 0);
    const Result t = run("info " + name("info.ckpt.h5"));
    ASSERT_EQ(t.status, 0) << t.output;
    for (const char* words : {"citytwin checkpoint", "demo-town", "1800 s since the start", "traffic power air",
                              "checksum", "verified", "citytwin resume"})
        EXPECT_NE(t.output.find(words), std::string::npos) << words << "\n" << t.output;
    const Result j = run("info " + name("info.ckpt.h5") + " --json");
    ASSERT_EQ(j.status, 0) << j.output;
    EXPECT_NE(j.output.find("\"kind\":\"checkpoint\""), std::string::npos) << j.output;
    EXPECT_NE(j.output.find("\"time_s\":1800"), std::string::npos) << j.output;
}

TEST_F(Checkpoints, SumoImportSplitAndResumedEqualsTheUninterruptedRun) {
    const std::string dir = source("tests/data/sumo/bologna-acosta/");
    const std::string yaml = name("acosta.yaml");
    std::ofstream(yaml) << "citytwin: 1\nname: acosta\nseed: 42\nduration: 2400 s\nnetwork:\n  sumo:\n    net: " << dir
                        << "acosta_buslanes.net.xml\n    additional: [" << dir << "acosta_vtypes.add.xml, " << dir
                        << "acosta_bus_stops.add.xml, " << dir << "acosta_tls.add.xml]\ndemand:\n  sumo:\n    routes: [" << dir
                        << "acosta.rou.xml, " << dir << "acosta_busses.rou.xml]\ntraffic: {step: 1 s}\n"
                        << "outputs: {every: 60 s, vehicles_every: 10 s}\n";
    const std::string full = name("acosta-full.h5"), split = name("acosta.h5");
    ASSERT_EQ(run("run --overwrite " + yaml + " -q --threads 2 -o " + full).status, 0);
    ASSERT_EQ(run("run --overwrite " + yaml + " -q --threads 2 -o " + split + " --stop-at '17 min'").status, 0);
    const Result info = run("info " + name("acosta.ckpt.h5"));
    EXPECT_NE(info.output.find("acosta.rou.xml"), std::string::npos) << "the SUMO files are recorded as inputs\n" << info.output;
    const Result r = run("resume --overwrite " + name("acosta.ckpt.h5") + " -q --threads 1");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(differences(full, split), "");
}

}  // namespace
