#pragma once
// One sweep member as a separate citytwin process: `citytwin run` of its scenario with its
// --set arguments into its partial output, or `citytwin resume` of its checkpoint. Separate
// processes keep members independent: a member that crashes or runs out of memory takes no
// other with it, and each has its own threads and device.
#include <sys/types.h>

#include <string>
#include <vector>

#include "io/sweep/sweep_members.hpp"

namespace citytwin::sweep {

struct LaunchSettings {
    std::string program;     // the citytwin binary
    std::string device = "auto";
    int threads = 1;         // CPU threads of this member
    std::string visible_device;   // CUDA_VISIBLE_DEVICES for it; empty: inherited
};

// The citytwin program running now (/proc/self/exe), so members run the same build.
std::string own_program();

// The arguments (after the program) that run member `m`: resume when it has a checkpoint.
std::vector<std::string> member_arguments(const io::SweepMember& m, const LaunchSettings& s);

// Starts the member; its stdout and stderr go to its log file. The member is killed when the
// process that started it dies (PR_SET_PDEATHSIG). Throws std::runtime_error when the process
// cannot be started.
pid_t start_member(const io::SweepMember& m, const LaunchSettings& s);

}  // namespace citytwin::sweep
