#pragma once
// `citytwin sweep slurm`: batch scripts of Slurm array jobs whose task $SLURM_ARRAY_TASK_ID
// runs K members with `citytwin sweep run --members`. A sweep with more tasks than the site's
// MaxArraySize becomes several arrays. Each task asks for USR1 two minutes before its time
// limit and requeues itself after its members checkpointed, so it resumes where it was.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace citytwin::sweep {

struct SlurmRequest {
    std::string sweep_file;     // as the task will name it (absolute, or from work_dir)
    std::string work_dir;       // the folder the tasks run in (the sweep's relative paths hold from it)
    std::string program;        // the citytwin binary, absolute
    std::string outputs_dir;    // for the tasks' own logs
    std::string dir_option;     // --dir passed on, or empty
    std::size_t members = 0;
    std::size_t per_task = 1;
    std::size_t array_max = 1000;
    std::string time, partition, gpus_per_task, cpus_per_task;
};

struct SlurmScript {
    std::string path;
    std::string text;
    std::size_t first_member = 0, end_member = 0, tasks = 0;
};

// Slurm's MaxArraySize from `scontrol show config`, when scontrol answers.
std::optional<std::size_t> site_max_array_size();

// The scripts for `output` (JOB.sbatch; JOB.1.sbatch, JOB.2.sbatch ... when split). Throws
// std::invalid_argument for a per-task or array size of 0.
std::vector<SlurmScript> slurm_scripts(const SlurmRequest& r, const std::string& output);

}  // namespace citytwin::sweep
