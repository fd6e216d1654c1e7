// `citytwin sweep`: plan a sweep's members, run them as processes, show where they stand,
// collect their KPIs, and write Slurm array scripts that run them on a cluster.
#include "sim/cli/sweep_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "io/output/json_text.hpp"
#include "io/output/run_reader.hpp"
#include "io/sweep/sweep_check.hpp"
#include "io/sweep/sweep_summary.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/cli/run_signals.hpp"
#include "sim/sweep/member_files.hpp"
#include "sim/sweep/mpi_sweep.hpp"
#include "sim/sweep/slurm_script.hpp"
#include "sim/sweep/sweep_runner.hpp"

namespace citytwin::cli {
namespace {

namespace fs = std::filesystem;

io::SweepFile load(const SweepOptions& o) {
    io::SweepFile s = io::load_sweep_file(o.file);
    if (!o.dir.empty()) s.outputs_dir = o.dir;
    return s;
}

// "A:B" (half-open), "A:" (to the end) or ""; B past the end is cut to it, so the last Slurm
// task may ask for a full slice.
std::pair<std::size_t, std::size_t> member_range(const std::string& text, std::size_t count) {
    if (text.empty()) return {0, count};
    const auto colon = text.find(':');
    auto number = [&](const std::string& t, std::size_t fallback) {
        if (t.empty()) return fallback;
        if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 18)
            throw std::invalid_argument("--members expects A:B (member numbers, B excluded), got '" + text + "'");
        return static_cast<std::size_t>(std::stoull(t));
    };
    if (colon == std::string::npos)
        throw std::invalid_argument("--members expects A:B (member numbers, B excluded), got '" + text + "'");
    const std::size_t a = number(text.substr(0, colon), 0), b = std::min(count, number(text.substr(colon + 1), count));
    if (a >= b)
        throw std::invalid_argument("--members " + text + " selects no member (the sweep has " + std::to_string(count) +
                                    ", numbered from 0)");
    return {a, b};
}

std::vector<io::SweepMember> members_of(const io::SweepFile& s, const std::string& range) {
    const auto [a, b] = member_range(range, io::sweep_member_count(s));
    std::vector<io::SweepMember> out;
    for (std::size_t i = a; i < b; ++i) out.push_back(io::sweep_member(s, i));
    return out;
}

int plan(const SweepOptions& o) {
    if (o.format != "table" && o.format != "csv" && o.format != "json")
        throw std::invalid_argument("--format must be table, csv or json, got '" + o.format + "'");
    const io::SweepFile s = load(o);
    const std::vector<io::SweepMember> members = members_of(s, o.members);
    io::check_members(s, members);
    std::ostringstream out;
    if (o.format == "json") {
        out << "[";
        for (const io::SweepMember& m : members) {
            out << (m.index == members.front().index ? "" : ",") << "\n{\"index\":" << m.index
                << ",\"id\":" << io::json_string(m.id) << ",\"variant\":" << io::json_string(s.variants[m.variant].name)
                << ",\"parameters\":{";
            for (std::size_t p = 0; p < m.values.size(); ++p)
                out << (p ? "," : "") << io::json_string(s.parameters[p].key) << ":" << io::json_string(m.values[p]);
            out << "},\"seed\":" << m.seed << ",\"output\":" << io::json_string(m.output) << "}";
        }
        out << "\n]\n";
    } else {
        const char sep = o.format == "csv" ? ',' : '\t';
        auto field = [&](const std::string& t) {
            return (o.format == "csv" && t.find_first_of(",\"") != std::string::npos) ? "\"" + t + "\"" : t;
        };
        out << "index" << sep << "id" << sep << "variant";
        for (const auto& p : s.parameters) out << sep << field(p.key);
        out << sep << "seed" << sep << "output\n";
        for (const io::SweepMember& m : members) {
            out << m.index << sep << m.id << sep << field(s.variants[m.variant].name);
            for (const std::string& v : m.values) out << sep << field(v);
            out << sep << m.seed << sep << field(m.output) << "\n";
        }
    }
    std::cout << out.str();
    if (o.format != "json")
        std::cerr << "citytwin: " << o.file << ": " << members.size() << " members checked (" << s.variants.size()
                  << " variants x " << io::sweep_combinations(s) << " combinations x " << s.seeds.size()
                  << " replications)\n";
    return 0;
}

std::vector<std::string> device_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument("--devices expects GPU numbers separated by commas (0,1), got '" + text + "'");
        else out.push_back(item);
    return out;
}

int run(const SweepOptions& o) {
    if (o.jobs < 1 || o.jobs > 1024) throw std::invalid_argument("--jobs must be 1 ... 1024, got " + std::to_string(o.jobs));
    if (!(o.rank_timeout >= 2.0 && o.rank_timeout <= 86400.0))
        throw std::invalid_argument("--rank-timeout must be 2 ... 86400 seconds, got " + std::to_string(o.rank_timeout));
    if (o.threads < 0 || o.threads > 1024)
        throw std::invalid_argument("--threads must be 1 ... 1024 (0: all cores), got " + std::to_string(o.threads));
    const RunSignals signals;
    const io::SweepFile s = load(o);
    const std::vector<io::SweepMember> members = members_of(s, o.members);
    sweep::RunnerSettings settings;
    settings.jobs = o.jobs;
    settings.threads = o.threads;
    settings.device = o.device;
    settings.devices = device_list(o.devices);
    settings.quiet = o.quiet;
    settings.stop = RunSignals::flag();
    settings.rank_timeout_s = o.rank_timeout;
    bool is_root = true;
    const sweep::RunnerOutcome r =
        o.mpi ? sweep::run_members_mpi(s, members, settings, is_root) : sweep::run_members(s, members, settings);
    if (!is_root) {  // rank 0 reports for the whole sweep
        sweep::end_mpi(0);
        return 0;
    }
    std::vector<io::SweepMember> all;
    for (std::size_t i = 0; i < io::sweep_member_count(s); ++i) all.push_back(io::sweep_member(s, i));
    const std::string failures = sweep::write_failures_file(s, all);
    if (!o.quiet)
        std::cerr << "citytwin: sweep: " << r.done << " run, " << r.skipped << " already complete, " << r.failed
                  << " failed, " << r.interrupted << " interrupted (checkpointed)"
                  << (r.lost_ranks > 0 ? ", " + std::to_string(r.lost_ranks) + " MPI ranks lost" : std::string()) << "\n";
    if (r.failed > 0) std::cerr << "citytwin: sweep: failures in " << failures << "\n";
    const int exit_status = r.failed > 0 || r.lost_ranks > 0 ? 1 : r.interrupted > 0 ? kExitCheckpointed : 0;
    if (o.mpi) sweep::end_mpi(exit_status);  // with a rank lost, MPI_Abort(exit_status): does not return
    return exit_status;
}

int status(const SweepOptions& o) {
    const io::SweepFile s = load(o);
    const std::vector<io::SweepMember> members = members_of(s, o.members);
    std::size_t counts[4] = {0, 0, 0, 0};
    for (const io::SweepMember& m : members) ++counts[static_cast<int>(sweep::member_state(m))];
    std::cout << o.file << ": " << members.size() << " members: " << counts[3] << " done, " << counts[2] << " failed, "
              << counts[1] << " interrupted, " << counts[0] << " pending\n";
    for (const io::SweepMember& m : members)
        if (sweep::member_state(m) == sweep::MemberState::Failed) {
            const sweep::Failure f = sweep::read_failure(m);
            std::cout << "  failed " << m.index << " " << m.id << " (status " << f.exit_status << "): " << f.error << "\n";
        }
    return 0;
}

int collect(const SweepOptions& o) {
    const std::string extension = fs::path(o.output).extension().string();
    if (extension != ".csv" && extension != ".h5")
        throw std::invalid_argument("sweep collect writes summary.csv or summary.h5; got '" + o.output + "'");
    if (!(o.confidence > 0.0 && o.confidence < 1.0))
        throw std::invalid_argument("--ci must be between 0 and 1, got " + std::to_string(o.confidence));
    const io::SweepFile s = load(o);
    std::vector<io::SweepRun> runs;
    std::size_t missing = 0;
    for (const io::SweepMember& m : members_of(s, o.members)) {
        if (sweep::member_state(m) != sweep::MemberState::Done) {
            ++missing;
            continue;
        }
        runs.push_back(io::SweepRun{m, io::read_run_summary(m.output)});
    }
    if (runs.empty()) {
        std::cerr << "citytwin: error: " << o.file << ": no member is complete yet (citytwin sweep run)\n";
        return 1;
    }
    const io::SweepTable table = io::sweep_table(runs, o.confidence);
    if (extension == ".h5") {
        io::write_sweep_table_h5(o.output, s, table);
    } else {
        std::ofstream out(o.output, std::ios::trunc);
        out << io::sweep_table_csv(s, table);
        if (!out) throw std::runtime_error("cannot write " + o.output);
    }
    if (missing > 0) std::cerr << "citytwin: warning: " << missing << " members are not complete and are left out\n";
    std::cerr << "citytwin: wrote " << runs.size() << " members to " << o.output << "\n";
    return 0;
}

int slurm(const SweepOptions& o) {
    if (o.output.empty()) throw std::invalid_argument("sweep slurm needs -o JOB.sbatch");
    const io::SweepFile s = load(o);
    sweep::SlurmRequest r;
    r.sweep_file = fs::absolute(o.file).lexically_normal().string();
    r.work_dir = fs::current_path().string();
    r.program = sweep::own_program();
    r.outputs_dir = fs::absolute(s.outputs_dir).lexically_normal().string();  // sbatch resolves --output from where it is called
    r.dir_option = o.dir;
    r.members = io::sweep_member_count(s);
    r.per_task = o.per_task;
    const auto site = sweep::site_max_array_size();
    r.array_max = o.array_max > 0 ? o.array_max : 1000;
    if (site && *site < r.array_max) r.array_max = *site;  // the site's limit wins over a larger option
    r.time = o.time;
    r.partition = o.partition;
    r.gpus_per_task = o.gpus_per_task;
    r.cpus_per_task = o.cpus_per_task;
    std::error_code ec;
    if (!s.outputs_dir.empty()) fs::create_directories(s.outputs_dir, ec);
    for (const sweep::SlurmScript& script : sweep::slurm_scripts(r, o.output)) {
        std::ofstream out(script.path, std::ios::trunc);
        out << script.text;
        if (!out) throw std::runtime_error("cannot write " + script.path);
        fs::permissions(script.path, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
        std::cout << script.path << ": members " << script.first_member << " to " << script.end_member - 1 << " in "
                  << script.tasks << " array tasks (sbatch " << script.path << ")\n";
    }
    return 0;
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& o) {
    auto* cmd = app.add_subcommand("sweep", "Parameter sweeps and replications: plan, run, status, collect, slurm");
    cmd->require_subcommand(1);
    auto common = [&](CLI::App* sub) {
        sub->add_option("file", o.file, "Sweep file (*.sweep.yaml)")->required();
        sub->add_option("--dir", o.dir, "Output folder of the members (overrides outputs.dir)");
        sub->add_option("--members", o.members, "Only members A to B-1 (A:B, numbered from 0)");
    };
    auto* plan_cmd = cmd->add_subcommand("plan", "List and check the members");
    common(plan_cmd);
    plan_cmd->add_option("--format", o.format, "table | csv | json (default table)");
    auto* run_cmd = cmd->add_subcommand("run", "Run the members not yet complete");
    common(run_cmd);
    run_cmd->add_option("--jobs", o.jobs, "Members at once (default 1)");
    run_cmd->add_option("--devices", o.devices, "GPUs to hand out round-robin, e.g. 0,1");
    run_cmd->add_option("--device", o.device, "auto | cpu | cuda, for every member");
    run_cmd->add_option("--threads", o.threads, "CPU threads in all, split between the jobs (default: all cores)");
    run_cmd->add_flag("-q,--quiet", o.quiet, "No progress output");
    run_cmd->add_flag("--mpi", o.mpi,
                      std::string("Run under mpirun: rank 0 hands out members to the other ranks") +
                          (sweep::mpi_built() ? "" : " (not in this build: configured without MPI)"));
    run_cmd->add_option("--rank-timeout", o.rank_timeout,
                        "--mpi: seconds without word from a rank before its member is recorded as failed (default 60)");
    auto* status_cmd = cmd->add_subcommand("status", "Done, failed, interrupted and pending members");
    common(status_cmd);
    auto* collect_cmd = cmd->add_subcommand("collect", "Every member's KPIs and their statistics per combination");
    common(collect_cmd);
    collect_cmd->add_option("-o,--output", o.output, "Summary file (.csv or .h5)")->required();
    collect_cmd->add_option("--ci", o.confidence, "Confidence level of the intervals (default 0.95)");
    auto* slurm_cmd = cmd->add_subcommand("slurm", "Write Slurm array job scripts that run the sweep");
    common(slurm_cmd);
    slurm_cmd->add_option("-o,--output", o.output, "Batch script to write (JOB.sbatch; JOB.1.sbatch ... when split)")
        ->required();
    slurm_cmd->add_option("--array-max", o.array_max, "Most tasks in one array (default: the site's MaxArraySize, else 1000)");
    slurm_cmd->add_option("--per-task", o.per_task, "Members per array task (default 1)");
    slurm_cmd->add_option("--time", o.time, "Time limit of a task (sbatch --time)");
    slurm_cmd->add_option("--partition", o.partition, "Partition (sbatch --partition)");
    slurm_cmd->add_option("--gpus-per-task", o.gpus_per_task, "GPUs of a task (sbatch --gpus-per-task)");
    slurm_cmd->add_option("--cpus-per-task", o.cpus_per_task, "CPU cores of a task (sbatch --cpus-per-task)");
    return cmd;
}

int sweep_command(const CLI::App& cmd, const SweepOptions& o) {
    return exit_status_of([&] {
        if (cmd.got_subcommand("plan")) return plan(o);
        if (cmd.got_subcommand("run")) return run(o);
        if (cmd.got_subcommand("status")) return status(o);
        if (cmd.got_subcommand("collect")) return collect(o);
        return slurm(o);
    });
}

}  // namespace citytwin::cli
