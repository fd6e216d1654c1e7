// `mpirun -np 3 citytwin sweep run --mpi` with real OpenMPI: the same members and outputs as
// one by one. Skipped, with a message, in a build without MPI.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/sweep_runs.hpp"

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

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
    // Root may run the tests (containers): OpenMPI refuses that unless told it is meant.
    const std::string cmd = "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 "
                            "mpirun -np 3 --oversubscribe " + std::string(CITYTWIN_BINARY_DIR) +
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

}  // namespace
}  // namespace citytwin::testing
