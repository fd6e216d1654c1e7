#pragma once
// Running the members of a sweep on this machine: up to `jobs` member processes at a time,
// members already complete skipped, each finished output renamed into place, each failure
// recorded while the others go on.
#include <csignal>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "io/sweep/sweep_members.hpp"
#include "sim/sweep/member_process.hpp"

namespace citytwin::sweep {

struct RunnerSettings {
    int jobs = 1;
    int threads = 0;                    // CPU threads in all, split between jobs; 0: all cores
    std::string device = "auto";
    std::vector<std::string> devices;   // handed out round-robin over the job slots
    bool quiet = false;
    std::string program;                // what the members run; empty: this citytwin (own_program)
    double rank_timeout_s = 60.0;       // --mpi: a rank silent this long is taken as lost
    // Set (to the signal number) by the command's signal handlers: running members are sent
    // SIGUSR1 to checkpoint, no new one starts.
    const volatile std::sig_atomic_t* stop = nullptr;
};

struct RunnerOutcome {
    std::size_t done = 0, skipped = 0, failed = 0, interrupted = 0;
    std::size_t lost_ranks = 0;   // --mpi: ranks taken as lost (their members are among the failed)
};

RunnerOutcome run_members(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members,
                          const RunnerSettings& settings);

// What a runner does once a member's process ended: rename its output into place, or record
// its failure, or leave its checkpoint. Returns the outcome: 0, 75 (checkpointed) or a failure.
int finish_member(const io::SweepMember& m, int exit_status);

// One member start to finish in this process's care (an MPI rank's loop): SIGUSR1 passed on
// when `stop` is set; `every_poll`, when given, called about ten times a second while the
// member runs (an MPI rank's heartbeat). Returns what finish_member returns.
int run_member(const io::SweepMember& m, const LaunchSettings& launch, const volatile std::sig_atomic_t* stop,
               const std::function<void()>& every_poll = {});

}  // namespace citytwin::sweep
