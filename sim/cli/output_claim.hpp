#pragma once
// The files a run will write, claimed before it builds any state: its output (locked for the
// whole run, see io/output/output_lock.hpp) and its checkpoint file, which a run replaces only
// when it is its own or when asked to.
#include <string>

#include "io/output/output_lock.hpp"

namespace citytwin::cli {

// Claims `output`, saying on stderr (unless quiet) when it replaces a killed run's file.
io::OutputLock claim_output(const std::string& output, bool overwrite, bool resuming_own, bool quiet);

// Throws std::invalid_argument (exit status 2) when `checkpoint` exists and is not a checkpoint
// of the run `own_run_id` (empty: a new run, which owns none), unless `overwrite`.
void check_checkpoint_file(const std::string& checkpoint, const std::string& own_run_id, bool overwrite);

}  // namespace citytwin::cli
