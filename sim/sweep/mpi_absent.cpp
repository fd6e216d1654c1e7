// The MPI runner of a citytwin built without MPI: says so.
#include <stdexcept>

#include "sim/sweep/mpi_sweep.hpp"

namespace citytwin::sweep {

bool mpi_built() { return false; }

RunnerOutcome run_members_mpi(const io::SweepFile&, const std::vector<io::SweepMember>&, const RunnerSettings&, bool&) {
    throw std::invalid_argument("this citytwin was built without MPI (install libopenmpi-dev and configure again): "
                                "run the sweep with --jobs, or as Slurm arrays (citytwin sweep slurm)");
}

void end_mpi(int) {}

}  // namespace citytwin::sweep
