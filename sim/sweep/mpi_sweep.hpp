#pragma once
// `mpirun -np K citytwin sweep run FILE --mpi`: rank 0 hands out members one at a time to
// the other ranks as they ask (members take unequal times), each rank runs its member as a
// process as `sweep run` does, on the GPU of its local rank when --devices is given. With one
// rank, that rank runs every member itself.
//
// A rank that dies while running a member loses only that member when mpirun lets the job go
// on (`--mca orte_abort_on_non_zero_status 0 --mca orte_allowed_exit_without_sync 1`,
// docs/sweeps.md): the ranks send rank 0 a heartbeat every second while their member runs,
// and rank 0 takes a rank silent for `rank_timeout_s` as lost, records its member as failed
// and hands the rest to the others. MPI_Finalize waits for every rank, the lost one too, so a
// sweep that lost a rank ends with MPI_Abort from rank 0 once every other rank has left.
#include "sim/sweep/sweep_runner.hpp"

namespace citytwin::sweep {

// Whether this citytwin was built with MPI (CMake found it).
bool mpi_built();

// Calls MPI_Init. The outcome is the whole sweep's on rank 0 and zero elsewhere; `is_root`
// says which this process is. Throws std::runtime_error without MPI.
RunnerOutcome run_members_mpi(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members,
                              const RunnerSettings& settings, bool& is_root);

// Ends MPI, after rank 0 wrote what it reports: MPI_Finalize on every rank when none was lost;
// otherwise the other ranks leave without it and rank 0 calls MPI_Abort(exit_status), which
// does not return. Every rank calls it once after run_members_mpi.
void end_mpi(int exit_status);

}  // namespace citytwin::sweep
