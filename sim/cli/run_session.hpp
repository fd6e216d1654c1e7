#pragma once
// What `citytwin run`, `resume` and `fork` share once their engine and output are set up: the
// step loop with checkpoints (at times, every so often, at --stop-at, on a signal), the
// checkpoint files themselves, and how the output file is closed (complete with /kpi, or
// stopped with the time it holds).
#include <optional>
#include <string>
#include <vector>

#include "io/checkpoint/checkpoint_file.hpp"
#include "io/output/run_writer.hpp"
#include "sim/core/engine.hpp"

namespace citytwin::cli {

struct CheckpointPlan {
    std::vector<double> at_s;          // seconds since the start
    double every_s = 0.0;
    std::optional<double> stop_s;      // --stop-at
    std::string file;                  // where checkpoints go
};

// The plan of a scenario's outputs.checkpoint, with the command line's additions; `file`
// defaults to the output's name with .ckpt.h5 (run.h5 -> run.ckpt.h5).
CheckpointPlan checkpoint_plan(const sim::Scenario& sc, const std::string& output,
                               const std::vector<std::string>& at, const std::string& every,
                               const std::string& stop_at, const std::string& file);

// A fresh id for a run file (root attribute run_id), recorded by its checkpoints.
std::string new_run_id(const std::string& output);

// Input files of the scenario with their hashes (checkpoints record them; resume compares).
std::vector<io::InputFileHash> hash_inputs(const sim::Scenario& sc);

// Runs `engine` on from where it stands. Returns the exit status: 0 (complete, or stopped at
// --stop-at), kExitCheckpointed after a signal. The caller holds a RunSignals from its start, so
// a signal while the run is being set up stops it after its first step.
int run_session(sim::Engine& engine, io::RunWriter& writer, const std::string& output, const std::string& run_id,
                const CheckpointPlan& plan, bool quiet);

}  // namespace citytwin::cli
