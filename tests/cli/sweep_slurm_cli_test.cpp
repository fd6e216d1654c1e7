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
    explicit Cluster(const std::string& d) : dir(d) {
        fs::remove_all(dir);
        FILE* p = popen((script() + " start " + dir + " 2>&1").c_str(), "r");
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

TEST(SweepSlurmCli, ArrayTasksRunTheMembersOfOneByOne) {
    if (std::system("command -v munged slurmctld slurmd sbatch >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "Slurm is not installed (scripts/setup installs slurmctld, slurmd, slurm-client and munge)";
    if (::geteuid() != 0) GTEST_SKIP() << "starting a slurmd of its own needs root";
    const Cluster cluster(scratch("sweep", "slurm-cluster"));
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

}  // namespace
}  // namespace citytwin::testing
