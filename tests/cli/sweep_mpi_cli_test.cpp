// `mpirun -np 3 citytwin sweep run --mpi` with real OpenMPI: the same members and outputs as
// one by one. Skipped, with a message, in a build without MPI.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/demo_runs.hpp"
#include "tests/io/sweep/sweep_test_files.hpp"

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

TEST(SweepMpiCli, ThreeRanksGiveTheOutputsOfOneByOne) {
#ifndef CITYTWIN_HAVE_MPI
    GTEST_SKIP() << "citytwin was built without MPI (install libopenmpi-dev and configure again)";
#else
    const std::string sweep = write_sweep("mpi.sweep.yaml",
                                          "citytwin_sweep: 1\n" + arterial_base() +
                                              "parameters:\n"
                                              "  network.signals[A].phases.0.duration: [40 s, 30 s]\n"
                                              "  interventions:\n"
                                              "    - [{id: demand, at: 0 s, demand: {scale: 0.8}}]\n"
                                              "    - []\n"
                                              "    - [{id: demand, at: 0 s, demand: {scale: 1.2}}]\n"
                                              "replications: 5\nseed: 11\n");
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
    std::size_t compared = 0;
    for (const auto& entry : fs::directory_iterator(one)) {
        if (entry.path().extension() != ".h5") continue;
        const std::string name = entry.path().filename().string();
        ASSERT_TRUE(fs::exists(ranks + "/" + name)) << name;
        EXPECT_EQ(differences(entry.path().string(), ranks + "/" + name), "");
        ++compared;
    }
    EXPECT_EQ(compared, 30u);
#endif
}

}  // namespace
}  // namespace citytwin::testing
