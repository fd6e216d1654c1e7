#pragma once
// Where a sweep member's files live and what they say about it. The files are the sweep's
// only state, so a sweep run on one machine, by MPI ranks or by Slurm tasks is seen the same
// way by `sweep status` and resumed the same way by a rerun:
//   DIR/ID.h5          complete (renamed into place only after the run succeeded)
//   DIR/ID.partial.h5  the output while it runs
//   DIR/ID.ckpt.h5     a checkpoint written on a signal: the next run resumes from it
//   DIR/ID.failed      the last failure: exit status and error
//   DIR/ID.log         what the member's run printed
#include <string>
#include <vector>

#include "io/sweep/sweep_members.hpp"

namespace citytwin::sweep {

enum class MemberState { Pending, Interrupted, Failed, Done };

struct MemberFiles {
    std::string output, partial, checkpoint, failed, log;
};

MemberFiles member_files(const io::SweepMember& m);
MemberState member_state(const io::SweepMember& m);
const char* state_name(MemberState s);

struct Failure {
    int exit_status = 0;   // the member's exit status; 128 + N killed by signal N
    std::string error;     // its last "citytwin: error:" line, or what happened
};

// Records a failure; clear_failure removes the record (before a new attempt succeeds).
void record_failure(const io::SweepMember& m, const Failure& f);
Failure read_failure(const io::SweepMember& m);
void clear_failure(const io::SweepMember& m);

// The error a member's log holds: its last "citytwin: error:" line, else its last line.
std::string error_from_log(const std::string& log_file);

// Rewrites DIR/failures.csv (index,id,variant,exit_status,error) from the members' records;
// removes it when none failed. Returns its path.
std::string write_failures_file(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members);

}  // namespace citytwin::sweep
