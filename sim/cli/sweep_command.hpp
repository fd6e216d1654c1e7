#pragma once
// `citytwin sweep plan|run|status|collect|slurm` (docs/sweeps.md), with its command line.
#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

namespace citytwin::cli {

struct SweepOptions {
    std::string file;
    std::string dir;                // overrides the sweep's outputs.dir
    std::string format = "table";   // plan: table | csv | json
    std::string members;            // "A:B", half-open; empty: all
    int jobs = 1;
    std::string devices;            // "0,1": round-robin over the job slots
    std::string device = "auto";
    int threads = 0;
    bool quiet = false;
    bool mpi = false;               // run: members handed out by MPI rank 0
    double rank_timeout = 60.0;     // run --mpi: a rank silent this long is lost
    std::string output;             // collect: summary.csv; slurm: JOB.sbatch
    double confidence = 0.95;
    std::size_t array_max = 0;      // 0: the site's MaxArraySize, else 1000
    std::size_t per_task = 1;
    std::string time, partition, gpus_per_task, cpus_per_task;
};

// Adds `sweep` and its subcommands to `app`; the returned subcommand is set when it was used.
CLI::App* add_sweep_command(CLI::App& app, SweepOptions& o);
int sweep_command(const CLI::App& sweep_cmd, const SweepOptions& o);

}  // namespace citytwin::cli
