// `citytwin sweep slurm` on a real single-node Slurm (munged, slurmctld and slurmd from Debian,
// started for the test by slurm_cluster.sh with their own state and stopped after it): the
// site's MaxArraySize (5) read from scontrol splits the sweep, the array tasks run every
// member, and their outputs equal one-by-one runs. Skipped, with a message, without Slurm or
// root (slurmd must be root).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/sweep_runs.hpp"

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

std::string script() { return std::string(CITYTWIN_SOURCE_DIR) + "/tests/cli/slurm_cluster.sh"; }

// The cluster for one test: up in the constructor, down in the destructor, failure or not.
struct Cluster {
    std::string dir, conf;
    // `port`: CTest may run the two tests at once, each with a cluster of its own.
    Cluster(const std::string& d, int port) : dir(d) {
        fs::remove_all(dir);
        FILE* p = popen(("SLURM_TEST_PORT=" + std::to_string(port) + " " + script() + " start " + dir + " 2>&1").c_str(), "r");
        char buffer[4096];
        while (p && fgets(buffer, sizeof buffer, p)) conf += buffer;
        const int st = p ? pclose(p) : -1;
        if (!conf.empty() && conf.back() == '\n') conf.pop_back();
        if (st != 0) conf = "";
        else ::setenv("SLURM_CONF", conf.c_str(), 1);  // for scontrol and sbatch, ours and the commands'
    }
    ~Cluster() {
        if (std::system((script() + " stop " + dir).c_str()) != 0) std::cerr << "could not stop the test's Slurm\n";
        ::unsetenv("SLURM_CONF");
    }
};

#define SKIP_WITHOUT_SLURM()                                                                                     \
    if (std::system("command -v munged slurmctld slurmd sbatch >/dev/null 2>&1") != 0)                           \
        GTEST_SKIP() << "Slurm is not installed (scripts/setup installs slurmctld, slurmd, slurm-client and munge)"; \
    if (::geteuid() != 0) GTEST_SKIP() << "starting a slurmd of its own needs root"

std::string slurp(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buffer[4096];
    while (p && fgets(buffer, sizeof buffer, p)) out += buffer;
    if (p) pclose(p);
    return out;
}

// Polls `sweep status` until `wanted` shows (at most `seconds`).
bool wait_for_status(const std::string& sweep, const std::string& dir, const std::string& wanted, int seconds) {
    for (int i = 0; i < seconds * 4; ++i) {
        if (run("sweep status " + sweep + " --dir " + dir).output.find(wanted) != std::string::npos) return true;
        ::usleep(250000);
    }
    return false;
}

TEST(SweepSlurmCli, ArrayTasksRunTheMembersOfOneByOne) {
    SKIP_WITHOUT_SLURM();
    const Cluster cluster(scratch("sweep", "slurm-cluster"), 16817);
    ASSERT_FALSE(cluster.conf.empty()) << "the test's Slurm did not come up; see " << cluster.dir << "/log";

    const std::string sweep = arterial_sweep("slurm.sweep.yaml");
    const std::string one = scratch("sweep", "slurm-one"), tasks = scratch("sweep", "slurm-tasks");
    fs::remove_all(one);
    fs::remove_all(tasks);
    // 30 members, 3 per task: 10 tasks, at most 5 an array on this site.
    const Result gen = run("sweep slurm " + sweep + " --dir " + tasks + " -o " + tasks + "/job.sbatch --per-task 3");
    ASSERT_EQ(gen.status, 0) << gen.output;
    ASSERT_TRUE(fs::exists(tasks + "/job.1.sbatch"));
    ASSERT_TRUE(fs::exists(tasks + "/job.2.sbatch"));
    EXPECT_FALSE(fs::exists(tasks + "/job.3.sbatch"));
    const std::string submit = "sbatch --wait " + tasks + "/job.1.sbatch & a=$!; sbatch --wait " + tasks +
                               "/job.2.sbatch; b=$?; wait $a && [ $b -eq 0 ]";
    EXPECT_EQ(std::system(("bash -c '" + submit + "' >/dev/null").c_str()), 0);

    const Result status = run("sweep status " + sweep + " --dir " + tasks);
    EXPECT_NE(status.output.find("30 members: 30 done, 0 failed"), std::string::npos) << status.output;
    const Result a = run("sweep run " + sweep + " --dir " + one + " --jobs 1 --threads 1 -q");
    ASSERT_EQ(a.status, 0) << a.output;
    EXPECT_EQ(expect_same_outputs(one, tasks), 30u);
}

TEST(SweepSlurmCli, TaskSentUsr1CheckpointsAndItsRequeuedRunFinishesTheSame) {
    SKIP_WITHOUT_SLURM();
    const Cluster cluster(scratch("sweep", "slurm-requeue-cluster"), 16827);
    ASSERT_FALSE(cluster.conf.empty()) << "the test's Slurm did not come up; see " << cluster.dir << "/log";
    // One member: the demo over its morning with a quarter of its trips (a few seconds).
    const std::string sweep = write_sweep("slurm-demo.sweep.yaml",
                                          std::string("citytwin_sweep: 1\nbase: ") + CITYTWIN_SOURCE_DIR +
                                              "/scenarios/demo.yaml\n"
                                              "variants:\n  morning:\n    set:\n      duration: 4 h\n"
                                              "      demand.generate.trips: 25000\n"
                                              "      weather.series: [{at: 0 s, mixing_height: 300 m, stability: D}]\n"
                                              "seeds: [42]\n");
    const std::string tasks = scratch("sweep", "slurm-requeue"), whole = scratch("sweep", "slurm-whole");
    fs::remove_all(tasks);
    fs::remove_all(whole);
    ASSERT_EQ(run("sweep slurm " + sweep + " --dir " + tasks + " -o " + tasks + "/job.sbatch").status, 0);
    std::string job = slurp("sbatch --parsable " + tasks + "/job.sbatch");
    job = job.substr(0, job.find_first_of(";\n"));
    ASSERT_FALSE(job.empty());
    // USR1 to the task's batch shell, as --signal=B:USR1 sends it, once the member runs.
    ASSERT_TRUE(wait_for_status(sweep, tasks, "1 members: 0 done, 0 failed, 0 interrupted, 1 pending", 60));
    bool running = false;
    for (int i = 0; i < 240 && !running; ++i) {
        for (const auto& e : fs::directory_iterator(tasks)) running |= e.path().string().ends_with(".partial.h5");
        if (!running) ::usleep(250000);
    }
    ASSERT_TRUE(running);
    ASSERT_EQ(std::system(("scancel --signal=USR1 --batch " + job + "_0").c_str()), 0);
    ASSERT_TRUE(wait_for_status(sweep, tasks, "0 done, 0 failed, 1 interrupted", 60));
    // Slurm holds a requeued job for a couple of minutes (BeginTime); the test lets it start at
    // once. It asks again every second until the member is done: an update that lands before
    // slurmctld has requeued the job succeeds and is then overwritten by the requeue's hold.
    bool done = false;
    for (int i = 0; i < 120 && !done; ++i) {
        (void)std::system(("scontrol update JobId=" + job + "_0 StartTime=now >/dev/null 2>&1").c_str());
        done = wait_for_status(sweep, tasks, "1 members: 1 done", 1);
    }
    ASSERT_TRUE(done);

    const Result a = run("sweep run " + sweep + " --dir " + whole + " -q --threads 2");
    ASSERT_EQ(a.status, 0) << a.output;
    EXPECT_EQ(expect_same_outputs(whole, tasks), 1u);
}

}  // namespace
}  // namespace citytwin::testing
