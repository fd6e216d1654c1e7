// A killed run loses nothing (docs/reliability.md): SIGKILL at 20 moments spread over a run
// leaves a file in which every dataset reads and every interval and trip row the run had
// written is there, equal to the uninterrupted run's; SIGTERM and SIGINT leave a valid file and
// say so; a second run on an output that a run or a reader holds, or on a complete output,
// fails with exit 2 and changes no byte of it.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_reader.hpp"
#include "tests/cli/cli_process.hpp"
#include "tests/cli/demo_runs.hpp"

namespace {

namespace fs = std::filesystem;
namespace io = citytwin::io;
using citytwin::testing::demo_morning;
using citytwin::testing::run;

std::string scratch(const std::string& name) { return citytwin::testing::scratch("crash", name); }
std::string binary() { return std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin"; }
constexpr double kDuration = 4 * 3600.0;  // demo_morning()

// The demo's first half hour, for what needs a finished run and no more.
std::string short_morning() {
    return demo_morning() + " --set 'duration=30 min' --set 'weather.series=[{at: 0 s, mixing_height: 300 m, stability: D}]'";
}

// Starts `citytwin ARGS` with stderr to `err`; its pid.
pid_t start(const std::string& args, const std::string& err = "/dev/null") {
    const std::string line = "exec " + binary() + " " + args + " > /dev/null 2> '" + err + "'";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

int wait_status(pid_t pid) {
    int st = 0;
    ::waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

bool exited(pid_t pid, int* status) {
    int st = 0;
    if (::waitpid(pid, &st, WNOHANG) != pid) return false;
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return true;
}

// What a reader sees of a file being written: link frames (and the last one's time) and trip
// rows; nothing while the file is not yet an HDF5 file.
struct Seen {
    std::size_t frames = 0, trips = 0;
    double last_s = 0.0;
};
Seen look(const std::string& file) {
    try {
        const io::RunSummary s = io::read_run_summary(file);
        return {s.link_frames, s.trips_rows, s.link_frames ? s.last_time_s : 0.0};
    } catch (const std::exception&) {
        return {};
    }
}

// Polls until the file holds the run up to `t_s` (or the run ends); what it saw last. The
// process is left running.
Seen wait_until(pid_t pid, const std::string& file, double t_s, int* status, bool* ended) {
    Seen seen;
    *ended = false;
    for (int i = 0; i < 12000; ++i) {
        if (exited(pid, status)) {
            *ended = true;
            break;
        }
        const Seen now = look(file);
        if (now.frames >= seen.frames) seen = now;
        if (seen.frames > 0 && seen.last_s >= t_s) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return seen;
}

std::string read_bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every dataset of the file read whole; the ones that fail, with HDF5's reason.
herr_t read_one(hid_t loc, const char* name, const H5O_info_t* info, void* out) {
    auto& problems = *static_cast<std::vector<std::string>*>(out);
    if (info->type != H5O_TYPE_DATASET || std::string(name) == ".") return 0;
    try {
        io::h5::Handle ds = io::h5::dataset(H5Dopen2(loc, name, H5P_DEFAULT), std::string("opening ") + name);
        io::h5::Handle type = io::h5::type(H5Dget_type(ds), "type");
        io::h5::Handle space = io::h5::space(H5Dget_space(ds), "space");
        const hssize_t n = H5Sget_simple_extent_npoints(space);
        if (H5Tis_variable_str(type) > 0) {
            io::h5::Handle mem = io::h5::type(H5Tcopy(H5T_C_S1), "string type");
            H5Tset_size(mem, H5T_VARIABLE);
            H5Tset_cset(mem, H5T_CSET_UTF8);
            std::vector<char*> v(static_cast<std::size_t>(n));
            io::h5::check_status(H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), std::string("reading ") + name);
            H5Dvlen_reclaim(mem, space, H5P_DEFAULT, v.data());
        } else {
            io::h5::Handle mem = io::h5::type(H5Tget_native_type(type, H5T_DIR_ASCEND), "native type");
            std::vector<unsigned char> v(static_cast<std::size_t>(n) * H5Tget_size(mem) + 1);
            io::h5::check_status(H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), std::string("reading ") + name);
        }
    } catch (const std::exception& e) {
        problems.push_back(std::string(name) + ": " + e.what());
    }
    return 0;
}

std::vector<std::string> unreadable_datasets(const std::string& file) {
    std::vector<std::string> problems;
    io::h5::LibraryLock lock;
    try {
        io::h5::Handle f = io::h5::open_file_read_only(file);
        H5Ovisit(f, H5_INDEX_NAME, H5_ITER_INC, read_one, &problems);
    } catch (const std::exception& e) {
        problems.push_back(std::string("opening the file: ") + e.what());
    }
    return problems;
}

// A shell line's exit status and output.
citytwin::testing::Result run_shell(const std::string& line) {
    citytwin::testing::Result r{-1, {}};
    FILE* p = ::popen((line + " 2>&1").c_str(), "r");
    if (!p) return r;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) r.output += buf;
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

bool have_h5py() { return std::system("/usr/bin/python3 -c 'import h5py' > /dev/null 2>&1") == 0; }

// Rows [0, rows) of a dataset as doubles (row-major, every column of a 2-D dataset).
std::vector<double> head(const std::string& file, const std::string& path, std::size_t rows) {
    io::h5::LibraryLock lock;
    io::h5::Handle f = io::h5::open_file_read_only(file);
    io::h5::Handle ds = io::h5::open_dataset(f, path);
    std::vector<hsize_t> dims = io::h5::extent(ds);
    if (dims.empty() || dims[0] < rows) return {};
    std::size_t width = 1;
    for (std::size_t i = 1; i < dims.size(); ++i) width *= dims[i];
    std::vector<double> v(rows * width);
    if (v.empty()) return v;
    io::h5::Handle space = io::h5::space(H5Dget_space(ds), "space");
    std::vector<hsize_t> start(dims.size(), 0), count = dims;
    count[0] = rows;
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
    io::h5::Handle mem = io::h5::space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), "mem");
    io::h5::check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, v.data()), "reading " + path);
    return v;
}

std::size_t rows_of(const std::string& file, const std::string& path) {
    io::h5::LibraryLock lock;
    io::h5::Handle f = io::h5::open_file_read_only(file);
    if (!io::h5::path_exists(f, path)) return 0;
    io::h5::Handle ds = io::h5::open_dataset(f, path);
    const std::vector<hsize_t> dims = io::h5::extent(ds);
    return dims.empty() ? 0 : dims[0];
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
}

// The uninterrupted run, once per test process.
const std::string& reference() {
    static const std::string file = [] {
        const std::string f = scratch("reference-" + std::to_string(::getpid()) + ".h5");
        const auto r = run("run " + demo_morning() + " --threads 2 -o " + f + " -q --overwrite");
        EXPECT_EQ(r.status, 0) << r.output;
        return f;
    }();
    return file;
}

// Every dataset reads; the link frames and trip rows a reader saw before the end are there and
// equal the uninterrupted run's, and so is everything else the file counts as written.
void expect_holds_what_was_written(const std::string& file, const Seen& seen, const std::string& what) {
    const std::vector<std::string> bad = unreadable_datasets(file);
    EXPECT_TRUE(bad.empty()) << what << ": " << bad.size() << " datasets do not read, first: " << bad.front();
    const io::RunSummary s = io::read_run_summary(file);
    EXPECT_GE(s.link_frames, seen.frames) << what;
    EXPECT_GE(s.trips_rows, seen.trips) << what;
    for (const char* ds : {"/traffic/time", "/traffic/links/entered", "/traffic/links/mean_speed", "/power/buses/v",
                           "/air/concentration/NOx"}) {
        // Each group's time axis counts its complete records (air frames follow link frames).
        const std::string d = ds;
        const std::size_t rows = d.rfind("/power", 0) == 0 ? s.power_steps
                                 : d.rfind("/air", 0) == 0 ? rows_of(file, "/air/time")
                                                           : s.link_frames;
        EXPECT_TRUE(same(head(file, ds, rows), head(reference(), ds, rows))) << what << ": " << ds << ", " << rows << " rows";
    }
    for (const char* ds : {"/traffic/trips/id", "/traffic/trips/arrival", "/traffic/trips/status", "/traffic/trips/co2"})
        EXPECT_TRUE(same(head(file, ds, s.trips_rows), head(reference(), ds, s.trips_rows)))
            << what << ": " << ds << ", " << s.trips_rows << " rows";
    const auto info = run("info " + file);
    EXPECT_EQ(info.status, 0) << what << ": " << info.output;
    if (have_h5py()) {
        const auto py = run_shell("/usr/bin/python3 " + std::string(CITYTWIN_SOURCE_DIR) + "/scripts/check-run-file " + file);
        EXPECT_EQ(py.status, 0) << what << ": " << py.output;
    }
}

}  // namespace

TEST(CrashSafety, SigkillAtTwentyMomentsLeavesEveryCompletedIntervalReadable) {
    ASSERT_FALSE(reference().empty());
    if (!have_h5py()) std::cout << "python3-h5py is not installed: files are checked with citytwin's own reader only\n";
    int killed_midway = 0;
    for (int k = 1; k <= 20; ++k) {
        // A deterministic schedule: kill once the file holds k/21 of the run.
        const double at_s = kDuration * k / 21.0;
        const std::string out = scratch("kill" + std::to_string(k) + ".h5");
        fs::remove(out);
        fs::remove(scratch("kill" + std::to_string(k) + ".ckpt.h5"));
        const pid_t pid = start("run " + demo_morning() + " --threads 2 -o " + out + " -q");
        int status = -1;
        bool ended = false;
        const Seen seen = wait_until(pid, out, at_s, &status, &ended);
        if (!ended) {
            ::kill(pid, SIGKILL);
            status = wait_status(pid);
            ++killed_midway;
        }
        expect_holds_what_was_written(out, seen, "killed at " + std::to_string(at_s) + " s (saw " +
                                                     std::to_string(seen.frames) + " frames)");
    }
    EXPECT_GE(killed_midway, 18) << "most kills must land while the run is writing";
}

TEST(CrashSafety, SigtermAndSigintLeaveAValidFileAndSaySo) {
    ASSERT_FALSE(reference().empty());
    for (const int sig : {SIGTERM, SIGINT}) {
        const std::string name = sig == SIGTERM ? "term" : "int";
        const std::string out = scratch(name + ".h5"), err = scratch(name + ".err");
        fs::remove(out);
        fs::remove(scratch(name + ".ckpt.h5"));
        const pid_t pid = start("run " + demo_morning() + " --threads 2 -o " + out + " -q", err);
        int status = -1;
        bool ended = false;
        const Seen seen = wait_until(pid, out, kDuration / 3, &status, &ended);
        ASSERT_FALSE(ended) << name;
        ::kill(pid, sig);
        EXPECT_EQ(wait_status(pid), 75) << name << ": " << read_bytes(err);
        EXPECT_NE(read_bytes(err).find("interrupted at"), std::string::npos) << read_bytes(err);
        expect_holds_what_was_written(out, seen, name);
        const auto info = run("info " + out);
        EXPECT_NE(info.output.find("interrupted at"), std::string::npos) << info.output;
    }
    // A second Ctrl-C ends at once: the file is still valid up to its last write.
    const std::string out = scratch("int2.h5");
    fs::remove(out);
    fs::remove(scratch("int2.ckpt.h5"));
    const pid_t pid = start("run " + demo_morning() + " --threads 2 -o " + out + " -q");
    int status = -1;
    bool ended = false;
    const Seen seen = wait_until(pid, out, kDuration / 2, &status, &ended);
    ASSERT_FALSE(ended);
    ::kill(pid, SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(pid, SIGINT);
    EXPECT_EQ(wait_status(pid), 130);
    expect_holds_what_was_written(out, seen, "two SIGINTs");
}

TEST(CrashSafety, ASecondRunOnAnOutputInUseFailsAndChangesNothing) {
    ASSERT_FALSE(reference().empty());
    const std::string out = scratch("busy.h5");
    fs::remove(out);
    fs::remove(scratch("busy.ckpt.h5"));
    const pid_t pid = start("run " + demo_morning() + " --threads 2 -o " + out + " -q");
    int status = -1;
    bool ended = false;
    wait_until(pid, out, kDuration / 4, &status, &ended);
    ASSERT_FALSE(ended);
    const auto info = run("info " + out);
    EXPECT_NE(info.output.find("being written now"), std::string::npos) << info.output;
    const auto second = run("run " + demo_morning() + " -o " + out + " -q --overwrite");
    EXPECT_EQ(second.status, 2) << second.output;
    EXPECT_NE(second.output.find("'" + out + "' is being written by another citytwin run"), std::string::npos)
        << second.output;
    // The first run goes on undisturbed and ends with the uninterrupted run's file.
    EXPECT_EQ(wait_status(pid), 0);
    EXPECT_EQ(citytwin::testing::differences(reference(), out), "");

    // A reader holding HDF5's lock: the file is not truncated under it.
    const std::string before = read_bytes(out);
    {
        io::h5::LibraryLock lock;
        io::h5::Handle reader = io::h5::file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "opening");
        const auto r = run("run " + demo_morning() + " -o " + out + " -q --overwrite");
        EXPECT_EQ(r.status, 2) << r.output;
        EXPECT_NE(r.output.find("is open in another program"), std::string::npos) << r.output;
    }
    EXPECT_TRUE(read_bytes(out) == before) << "the file changed";
}

TEST(CrashSafety, ACompleteOutputIsReplacedOnlyWithOverwrite) {
    const std::string out = scratch("complete.h5");
    fs::remove(out);
    fs::remove(scratch("complete.ckpt.h5"));
    const std::string small = short_morning();
    ASSERT_EQ(run("run " + small + " -o " + out + " -q").status, 0);
    const std::string before = read_bytes(out);
    const auto again = run("run " + small + " -o " + out + " -q");
    EXPECT_EQ(again.status, 2) << again.output;
    EXPECT_NE(again.output.find("output '" + out + "' already holds a complete run"), std::string::npos) << again.output;
    EXPECT_NE(again.output.find("--overwrite"), std::string::npos) << again.output;
    EXPECT_TRUE(read_bytes(out) == before) << "the file changed";
    EXPECT_EQ(run("run " + small + " -o " + out + " -q --overwrite").status, 0);
    EXPECT_EQ(run("run " + small + " -o " + out + " -q --set outputs.overwrite=true").status, 0);

    // A stopped run (with its checkpoint) is good too; its checkpoint is another run's.
    const std::string stopped = scratch("stopped.h5"), ckpt = scratch("stopped.ckpt.h5");
    fs::remove(stopped);
    fs::remove(ckpt);
    ASSERT_EQ(run("run " + small + " -o " + stopped + " -q --stop-at 06:15").status, 0);
    const std::string stopped_bytes = read_bytes(stopped), ckpt_bytes = read_bytes(ckpt);
    const auto over_stopped = run("run " + small + " -o " + stopped + " -q");
    EXPECT_EQ(over_stopped.status, 2) << over_stopped.output;
    EXPECT_NE(over_stopped.output.find("a run stopped at 900 s with a checkpoint"), std::string::npos) << over_stopped.output;
    const std::string other = scratch("other.h5");
    fs::remove(other);
    const auto over_ckpt = run("run " + small + " -o " + other + " --checkpoint " + ckpt + " -q");
    EXPECT_EQ(over_ckpt.status, 2) << over_ckpt.output;
    EXPECT_NE(over_ckpt.output.find("checkpoint file '" + ckpt + "' already holds a checkpoint of another run"),
              std::string::npos)
        << over_ckpt.output;
    EXPECT_FALSE(fs::exists(other)) << "a refused run leaves no file behind";
    EXPECT_TRUE(read_bytes(stopped) == stopped_bytes && read_bytes(ckpt) == ckpt_bytes) << "a file changed";
    // Its own resume continues it in place.
    EXPECT_EQ(run("resume " + ckpt + " -q").status, 0);

    // A file that is no run at all is not replaced unasked either.
    const std::string text = scratch("notes.h5");
    std::ofstream(text) << "my notes\n";
    const auto over_text = run("run " + small + " -o " + text + " -q");
    EXPECT_EQ(over_text.status, 2) << over_text.output;
    EXPECT_EQ(read_bytes(text), "my notes\n");
}

TEST(CrashSafety, AKilledRunsFileIsReplacedWithoutOverwrite) {
    const std::string out = scratch("killed.h5");
    fs::remove(out);
    fs::remove(scratch("killed.ckpt.h5"));
    const pid_t pid = start("run " + demo_morning() + " -o " + out + " -q");
    int status = -1;
    bool ended = false;
    wait_until(pid, out, kDuration / 5, &status, &ended);
    ASSERT_FALSE(ended);
    ::kill(pid, SIGKILL);
    wait_status(pid);
    const auto info = run("info " + out);
    EXPECT_NE(info.output.find("the run did not finish"), std::string::npos) << info.output;
    const auto again = run("run " + short_morning() + " -o " + out);
    EXPECT_EQ(again.status, 0) << again.output;
    EXPECT_NE(again.output.find("replacing " + out + ", a run that ended without finishing"), std::string::npos)
        << again.output;
}

TEST(CrashSafety, AnOutputInAMissingFolderIsCreatedWithIt) {
    const std::string dir = scratch("missing-folder");
    fs::remove_all(dir);
    const auto r = run("run " + short_morning() + " -o " + dir + "/a/run.h5 -q");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(fs::is_regular_file(dir + "/a/run.h5"));
}
