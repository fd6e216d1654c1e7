#pragma once
// `mpirun -np K citytwin sweep run FILE --mpi`: rank 0 hands out members one at a time to
// the other ranks as they ask (members take unequal times), each rank runs its member as a
// process as `sweep run` does, on the GPU of its local rank when --devices is given. With one
// rank, that rank runs every member itself.
#include "sim/sweep/sweep_runner.hpp"

namespace citytwin::sweep {

// Whether this citytwin was built with MPI (CMake found it).
bool mpi_built();

// Calls MPI_Init and MPI_Finalize itself. The outcome is the whole sweep's on rank 0 and zero
// elsewhere; `is_root` says which this process is. Throws std::runtime_error without MPI.
RunnerOutcome run_members_mpi(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members,
                              const RunnerSettings& settings, bool& is_root);

}  // namespace citytwin::sweep
