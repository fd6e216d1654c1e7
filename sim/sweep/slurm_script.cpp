#include "sim/sweep/slurm_script.hpp"

#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace citytwin::sweep {
namespace {

// A word for bash: single-quoted, with ' written as '\''.
std::string shell_word(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string numbered(const std::string& output, std::size_t n) {
    const auto slash = output.find_last_of('/');
    const auto dot = output.find_last_of('.');
    const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
    const std::string k = "." + std::to_string(n);
    return has_ext ? output.substr(0, dot) + k + output.substr(dot) : output + k;
}

}  // namespace

std::optional<std::size_t> site_max_array_size() {
    // `timeout`: scontrol waits for an unreachable controller; a plan need not.
    std::unique_ptr<FILE, int (*)(FILE*)> p(::popen("timeout 10 scontrol show config 2>/dev/null", "r"), ::pclose);
    if (!p) return std::nullopt;
    char line[1024];
    while (std::fgets(line, sizeof line, p.get())) {
        std::size_t value = 0;
        if (std::sscanf(line, " MaxArraySize = %zu", &value) == 1 && value > 0) return value;
    }
    return std::nullopt;
}

std::vector<SlurmScript> slurm_scripts(const SlurmRequest& r, const std::string& output) {
    if (r.per_task == 0) throw std::invalid_argument("--per-task must be at least 1");
    if (r.array_max == 0) throw std::invalid_argument("--array-max must be at least 1");
    const std::size_t tasks = (r.members + r.per_task - 1) / r.per_task;
    const std::size_t arrays = (tasks + r.array_max - 1) / r.array_max;
    std::vector<SlurmScript> out;
    for (std::size_t a = 0; a < arrays; ++a) {
        SlurmScript s;
        s.path = arrays == 1 ? output : numbered(output, a + 1);
        s.tasks = std::min(r.array_max, tasks - a * r.array_max);
        s.first_member = a * r.array_max * r.per_task;
        s.end_member = std::min(r.members, s.first_member + s.tasks * r.per_task);
        std::ostringstream t;
        t << "#!/bin/bash\n"
          << "# citytwin sweep " << r.sweep_file << ": members " << s.first_member << " to " << s.end_member - 1 << ", "
          << r.per_task << " per task (array " << a + 1 << " of " << arrays << ")\n"
          << "#SBATCH --job-name=citytwin-sweep\n"
          << "#SBATCH --array=0-" << s.tasks - 1 << "\n"
          << "#SBATCH --signal=B:USR1@120\n"
          << "#SBATCH --requeue\n"
          << "#SBATCH --open-mode=append\n"
          << "#SBATCH --output=" << (r.outputs_dir.empty() ? "" : r.outputs_dir + "/") << "slurm-%A_%a.out\n";
        if (!r.time.empty()) t << "#SBATCH --time=" << r.time << "\n";
        if (!r.partition.empty()) t << "#SBATCH --partition=" << r.partition << "\n";
        if (!r.gpus_per_task.empty()) t << "#SBATCH --gpus-per-task=" << r.gpus_per_task << "\n";
        if (!r.cpus_per_task.empty()) t << "#SBATCH --cpus-per-task=" << r.cpus_per_task << "\n";
        t << "cd " << shell_word(r.work_dir) << " || exit 1\n"
          << "first=$(( " << s.first_member << " + SLURM_ARRAY_TASK_ID * " << r.per_task << " ))\n"
          << "end=$(( first + " << r.per_task << " )); if [ $end -gt " << s.end_member << " ]; then end=" << s.end_member
          << "; fi\n"
          << "# In the background, so this shell can pass Slurm's USR1 on: the members checkpoint and\n"
          << "# the task is requeued; its next start resumes them from their checkpoints.\n"
          << shell_word(r.program) << " sweep run " << shell_word(r.sweep_file) << " --members \"$first:$end\""
          << (r.dir_option.empty() ? "" : " --dir " + shell_word(r.dir_option))
          << (r.cpus_per_task.empty() ? "" : " --threads " + r.cpus_per_task) << " &\n"
          << "pid=$!\n"
          << "trap 'kill -USR1 $pid' USR1\n"
          << "wait $pid; rc=$?\n"
          << "while [ $rc -gt 128 ] && kill -0 $pid 2>/dev/null; do wait $pid; rc=$?; done\n"
          << "if [ $rc -eq 75 ]; then scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"; fi\n"
          << "exit $rc\n";
        s.text = t.str();
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace citytwin::sweep
