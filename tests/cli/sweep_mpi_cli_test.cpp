// `mpirun -np 3 citytwin sweep run --mpi` with real OpenMPI: the same members and outputs as
// one by one; a worker rank killed with SIGKILL mid-sweep loses only its member, recorded as
// failed, while the other rank runs the rest. Skipped, with a message, in a build without MPI.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/sweep_runs.hpp"

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

// Root may run the tests (containers): OpenMPI refuses that unless told it is meant.
const std::string kMpirun = "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 mpirun";

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The processes whose command line holds `text`, with their environment and parent.
struct Process {
    pid_t pid = 0, parent = 0;
    std::string command, environment;
};
std::vector<Process> processes_with(const std::string& text) {
    std::vector<Process> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        Process p;
        p.pid = static_cast<pid_t>(std::stol(name));
        p.command = read_text(entry.path() / "cmdline");
        if (p.command.find(text) == std::string::npos) continue;
        p.environment = read_text(entry.path() / "environ");
        const std::string stat = read_text(entry.path() / "stat");
        const auto close = stat.rfind(')');
        if (close != std::string::npos) {
            std::istringstream fields(stat.substr(close + 2));
            std::string state;
            fields >> state >> p.parent;
        }
        out.push_back(std::move(p));
    }
    return out;
}

// Runs `command` in a thread and keeps what it prints.
struct Background {
    std::string output;
    int status = -1;
    std::thread thread;
    explicit Background(const std::string& command)
        : thread([this, command] {
              FILE* p = popen((command + " 2>&1").c_str(), "r");
              if (!p) return;
              char buffer[4096];
              while (fgets(buffer, sizeof buffer, p)) output += buffer;
              status = pclose(p);
          }) {}
};

TEST(SweepMpiCli, ThreeRanksGiveTheOutputsOfOneByOne) {
#ifndef CITYTWIN_HAVE_MPI
    GTEST_SKIP() << "citytwin was built without MPI (install libopenmpi-dev and configure again)";
#else
    const std::string sweep = arterial_sweep("mpi.sweep.yaml");
    const std::string one = scratch("sweep", "mpi-one"), ranks = scratch("sweep", "mpi-ranks");
    fs::remove_all(one);
    fs::remove_all(ranks);
    const Result a = run("sweep run " + sweep + " --dir " + one + " --jobs 1 --threads 1 -q");
    ASSERT_EQ(a.status, 0) << a.output;
    const std::string cmd = kMpirun + " -np 3 --oversubscribe " + std::string(CITYTWIN_BINARY_DIR) +
                            "/sim/cli/citytwin sweep run " + sweep + " --mpi --threads 2 --dir " + ranks + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string output;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, p)) output += buffer;
    const int status = pclose(p);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
    EXPECT_NE(output.find("30 run, 0 already complete, 0 failed"), std::string::npos) << output;
    EXPECT_EQ(expect_same_outputs(one, ranks), 30u);
#endif
}

TEST(SweepMpiCli, AKilledRankLosesOnlyItsMember) {
#ifndef CITYTWIN_HAVE_MPI
    GTEST_SKIP() << "citytwin was built without MPI (install libopenmpi-dev and configure again)";
#else
    const std::string sweep = arterial_sweep("mpi-kill.sweep.yaml");
    const std::string dir = scratch("sweep", "mpi-kill");
    fs::remove_all(dir);
    // mpirun lets the job go on when a rank dies, and lets ranks leave without MPI_Finalize.
    Background job(kMpirun + " --mca orte_abort_on_non_zero_status 0 --mca orte_allowed_exit_without_sync 1 -np 3 " +
                   std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin sweep run " + sweep +
                   " --mpi --threads 2 --members 0:12 --rank-timeout 3 --dir " + dir);
    // Rank 1, once it runs a member (a child process of its own), is killed with SIGKILL.
    pid_t victim = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (victim == 0 && std::chrono::steady_clock::now() < give_up) {
        for (const Process& rank : processes_with(dir)) {
            if (rank.environment.find(std::string("OMPI_COMM_WORLD_RANK=1") + '\0') == std::string::npos) continue;
            for (const Process& child : processes_with(dir))
                if (child.parent == rank.pid) victim = rank.pid;
        }
        if (victim == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_NE(victim, 0) << "rank 1 never ran a member";
    ASSERT_EQ(::kill(victim, SIGKILL), 0);
    job.thread.join();
    const std::string& output = job.output;
    EXPECT_FALSE(WIFEXITED(job.status) && WEXITSTATUS(job.status) == 0) << output;  // the sweep lost a member
    EXPECT_NE(output.find("MPI rank 1 stopped answering (no word for 3 s)"), std::string::npos) << output;
    EXPECT_NE(output.find("11 run, 0 already complete, 1 failed, 0 interrupted (checkpointed), 1 MPI ranks lost"),
              std::string::npos) << output;
    EXPECT_TRUE(processes_with(dir).empty()) << "a member outlived its rank";

    // The failures file has the lost member and why; the other eleven are complete.
    std::istringstream failures(read_text(dir + "/failures.csv"));
    std::string header, row, extra;
    std::getline(failures, header);
    ASSERT_TRUE(std::getline(failures, row)) << read_text(dir + "/failures.csv");
    EXPECT_FALSE(std::getline(failures, extra)) << extra;
    EXPECT_NE(row.find(",-1,MPI rank 1 stopped answering"), std::string::npos) << row;
    EXPECT_NE(row.find("while it ran this member"), std::string::npos) << row;
    const Result status = run("sweep status " + sweep + " --dir " + dir + " --members 0:12");
    EXPECT_NE(status.output.find("12 members: 11 done, 1 failed, 0 interrupted, 0 pending"), std::string::npos)
        << status.output;

    // A rerun runs just that member, with the output of an uninterrupted sweep.
    const Result rerun = run("sweep run " + sweep + " --dir " + dir + " --members 0:12 --threads 1 -q");
    ASSERT_EQ(rerun.status, 0) << rerun.output;
    const std::string one = scratch("sweep", "mpi-kill-one");
    fs::remove_all(one);
    ASSERT_EQ(run("sweep run " + sweep + " --dir " + one + " --members 0:12 --jobs 1 --threads 1 -q").status, 0);
    std::size_t same = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".h5" || name.find('.') != name.size() - 3) continue;
        EXPECT_EQ(differences(entry.path().string(), one + "/" + name), "") << name;
        ++same;
    }
    EXPECT_EQ(same, 12u);
#endif
}

}  // namespace
}  // namespace citytwin::testing
