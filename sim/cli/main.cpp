// citytwin: the command line. Composition root: io reads the scenario, sim runs it, io writes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "io/output/output_path.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/omp_wait.hpp"

int main(int argc, char** argv) {
    using namespace citytwin;
    sim::default_passive_omp_wait(argv);
    // Checked while the command line is read, before anything runs: libgomp crashes on
    // absurd thread counts, and an output that cannot be a file would fail only at the end.
    constexpr int kMaxThreads = 1024;
    const CLI::Range thread_range(1, kMaxThreads);
    const CLI::Validator output_file(
        [](std::string& path) {
            const auto problem = io::output_path_problem(path);
            return problem ? *problem : std::string();
        },
        "FILE", "output file");
    CLI::App app{"citytwin: a digital twin of a city - traffic on the GPU or on CPU cores"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("citytwin ") + CITYTWIN_VERSION +
                                          (sim::cuda_built() ? " (backends: cpu, cuda)" : " (backends: cpu)"));

    cli::RunOptions run;
    auto* run_cmd = app.add_subcommand("run", "Run a scenario and write its HDF5 output");
    run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
    run_cmd->add_option("--set", run.overrides, "Override a value: key.path=value (repeatable)");
    run_cmd->add_option("--device", run.device, "auto | cpu | cuda (auto: CUDA when a GPU is visible)");
    run_cmd->add_option("--threads", run.threads, "CPU threads, 1 ... 1024 (default: all cores)")->check(thread_range);
    run_cmd->add_option("-o,--output", run.output, "Output file (overrides outputs.file)")->check(output_file);
    run_cmd->add_flag("-q,--quiet", run.quiet, "No progress output");
    run_cmd->add_flag("--overwrite", run.overwrite, "Replace an existing complete output or checkpoint");
    run_cmd->add_option("--checkpoint-at", run.checkpoint_at,
                        "Write a checkpoint at TIME: HH:MM[:SS] or a duration since the start such as '4 h' (repeatable)");
    run_cmd->add_option("--checkpoint-every", run.checkpoint_every, "Write a checkpoint every DURATION, e.g. '30 min'");
    run_cmd->add_option("--checkpoint", run.checkpoint_file, "Checkpoint file (default: OUT.ckpt.h5 beside the output)")
        ->check(output_file);
    run_cmd->add_option("--stop-at", run.stop_at, "End the run at TIME, after a checkpoint (continue with citytwin resume)");

    auto add_continue_options = [&](CLI::App* cmd, cli::ContinueOptions& c) {
        cmd->add_option("checkpoint", c.checkpoint, "Checkpoint file (.ckpt.h5)")->required();
        cmd->add_option("--device", c.device, "auto | cpu | cuda");
        cmd->add_option("--threads", c.threads, "CPU threads, 1 ... 1024 (default: all cores)")->check(thread_range);
        cmd->add_flag("-q,--quiet", c.quiet, "No progress output");
        cmd->add_flag("--overwrite", c.overwrite, "Replace an existing complete output or checkpoint");
        cmd->add_option("--checkpoint-at", c.checkpoint_at, "Write a checkpoint at TIME (repeatable)");
        cmd->add_option("--checkpoint-every", c.checkpoint_every, "Write a checkpoint every DURATION");
        cmd->add_option("--checkpoint", c.checkpoint_file, "Checkpoint file for the continued run")->check(output_file);
        cmd->add_option("--stop-at", c.stop_at, "End the run at TIME, after a checkpoint");
    };
    cli::ContinueOptions resume;
    auto* resume_cmd = app.add_subcommand("resume", "Continue a checkpointed run to the scenario's end");
    add_continue_options(resume_cmd, resume);
    resume_cmd
        ->add_option("-o,--output", resume.output,
                     "Write a new output, complete from the start (default: continue the run's own output)")
        ->check(output_file);
    cli::ContinueOptions fork;
    std::uint64_t reseed = 0;
    auto* fork_cmd = app.add_subcommand("fork", "Start a variant from a checkpoint, with changes from then on");
    add_continue_options(fork_cmd, fork);
    fork_cmd->add_option("-o,--output", fork.output, "Variant output file (complete from the start)")
        ->required()
        ->check(output_file);
    fork_cmd->add_option("--set", fork.overrides, "Change a value from the fork on: key.path=value (repeatable)");
    auto* reseed_opt = fork_cmd->add_option("--reseed", reseed, "New random streams from the fork on (replications)");

    std::string validate_file;
    std::vector<std::string> validate_overrides;
    auto* validate_cmd = app.add_subcommand("validate", "Check a scenario without running it");
    validate_cmd->add_option("scenario", validate_file, "Scenario YAML file")->required();
    validate_cmd->add_option("--set", validate_overrides, "Override a value: key.path=value (repeatable)");

    std::string info_file;
    bool info_json = false;
    auto* info_cmd = app.add_subcommand("info", "Summarise a run's HDF5 output or a checkpoint");
    info_cmd->add_option("file", info_file, "citytwin HDF5 output or checkpoint")->required();
    info_cmd->add_flag("--json", info_json, "Print one JSON object");

    auto* import_cmd = app.add_subcommand("import", "Convert SUMO or OpenStreetMap input into a scenario");
    import_cmd->require_subcommand(1);
    cli::ImportSumoOptions sumo;
    double sumo_begin = 0.0, sumo_end = 0.0;
    auto* sumo_cmd = import_cmd->add_subcommand("sumo", "A scenario that runs SUMO's files (.sumocfg, or --net and --routes)");
    sumo_cmd->add_option("config", sumo.config, "SUMO configuration (.sumocfg)");
    sumo_cmd->add_option("--net", sumo.net, "SUMO network (.net.xml), without a configuration");
    sumo_cmd->add_option("--routes", sumo.routes, "SUMO route files (repeatable)");
    sumo_cmd->add_option("--additional", sumo.additional, "SUMO additional files: vTypes, tlLogic, bus stops (repeatable)");
    auto* begin_opt = sumo_cmd->add_option("--begin", sumo_begin, "SUMO time of the scenario start, s (default: the configuration's)");
    auto* end_opt = sumo_cmd->add_option("--end", sumo_end, "SUMO end time, s (default: the configuration's)");
    sumo_cmd->add_option("-o,--output", sumo.output, "Scenario YAML to write")->required()->check(output_file);
    sumo_cmd->add_option("--name", sumo.name, "Scenario name (default: the configuration's file name)");
    cli::ImportOsmOptions osm;
    auto* osm_cmd = import_cmd->add_subcommand("osm", "OpenStreetMap file (.osm, .osm.pbf) -> scenario YAML that runs as is");
    osm_cmd->add_option("file", osm.input, "OpenStreetMap file")->required();
    osm_cmd->add_option("-o,--output", osm.output, "Scenario YAML to write")->required()->check(output_file);
    osm_cmd->add_option("--name", osm.name, "Scenario name (default: the file name)");
    osm_cmd->add_option("--trips", osm.trips, "Generated trips within the duration (default 1000)");
    osm_cmd->add_option("--duration", osm.duration, "Simulated time, e.g. '1 h' (default)");
    osm_cmd->add_option("--seed", osm.seed, "Random seed of the scenario (default 1)");
    osm_cmd->add_option("--start", osm.start, "Local start time YYYY-MM-DDTHH:MM (default: the format's)");
    osm_cmd->add_flag("-q,--quiet", osm.quiet, "No summary");
    cli::PowerflowOptions flow;
    auto* flow_cmd = app.add_subcommand("powerflow", "Solve one radial feeder (branch table CSV) with its own loads");
    flow_cmd->add_option("feeder", flow.feeder, "Branch table: from,to,r_ohm,x_ohm,p_kw,q_kvar")->required();
    flow_cmd->add_option("--base-kv", flow.base_kv, "Base voltage, kV line to line")->required();
    flow_cmd->add_option("--slack-pu", flow.slack_pu, "Voltage of the slack (head) bus, pu (default 1)");
    flow_cmd->add_option("--slack-bus", flow.slack_bus, "Slack bus id (default: the first branch's from bus)");
    flow_cmd->add_flag("--json", flow.json, "Print one JSON object");

    cli::CompareOptions compare;
    double half_width = 0.0;
    auto* compare_cmd = app.add_subcommand("compare", "Compare a variant with a base run, or groups of replications");
    compare_cmd->add_option("files", compare.files, "BASE.h5 VARIANT.h5");
    compare_cmd->add_option("--base", compare.base, "Base runs (replications; several files), or with --sweep a variant name");
    compare_cmd->add_option("--variant", compare.variant, "Variant runs (replications; several files), or with --sweep a variant name");
    compare_cmd->add_option("--sweep", compare.sweep,
                            "Sweep file: compare two of its variants, members paired by parameter combination and seed");
    compare_cmd->add_option("--dir", compare.dir, "With --sweep: the members' folder (overrides outputs.dir)");
    compare_cmd->add_option("--ci", compare.confidence, "Confidence level of the intervals (default 0.95)");
    auto* half_width_opt = compare_cmd->add_option(
        "--half-width", half_width, "Wanted half-width, % of the base mean: say how many replications reach it");
    compare_cmd->add_option("--format", compare.format, "text | md | csv | json (default text)");
    compare_cmd->add_option("--links", compare.links, "List the N links that gained and lost most vehicles (default 5; 0: none)");
    compare_cmd->add_option("-o,--output", compare.output, "Write the differences of the fields to this HDF5 file");
    compare_cmd->add_option("--assert", compare.assertions,
                            "KPI.FIELD OP NUMBER, e.g. 'mean_trip_duration_s.delta_pct < 0' (repeatable): exit 1 "
                            "unless every one holds")
        ->allow_extra_args(false);  // one per --assert, so that files after it stay files

#ifdef CITYTWIN_HAVE_VIZ
    viz::RenderRequest render;
    auto* render_cmd = app.add_subcommand("render", "Draw a run as a map (PNG) or its frames over a period (MP4, WebM, PNG frames)");
    render_cmd->add_option("file", render.run, "Run file or difference file (citytwin compare -o)")->required();
    render_cmd->add_option("--layer", render.layers,
                           "speed, density, flow, vehicles, NOx, NO2, PM2.5, PM10, CO2, voltage, load, ev (repeatable)")
        ->required()
        ->allow_extra_args(false);
    render_cmd->add_option("--at", render.at, "Time of the picture: 08:00 or '2 h' (default: the last frame)");
    render_cmd->add_option("--from", render.from, "First frame of an animation (default: the first)");
    render_cmd->add_option("--to", render.to, "Last frame of an animation (default: the last)");
    render_cmd->add_option("--vehicles-by", render.vehicles_by, "Colour the vehicles by speed (default) or type");
    render_cmd->add_option("--fps", render.fps, "Frames per second of a video (default 10)");
    render_cmd->add_option("--width", render.width, "Picture width in pixels (default 1280)");
    render_cmd->add_option("--diff", render.base, "Base run: draw the differences, file - base");
    render_cmd->add_option("-o,--output", render.output, "map.png, video.mp4, video.webm or frames/")->required();
#endif
    cli::SweepOptions sweep;
    auto* sweep_cmd = cli::add_sweep_command(app, sweep);
#ifdef CITYTWIN_HAVE_VIEW
    viz::ViewRequest view;
    auto* view_cmd = app.add_subcommand("view", "Serve a run to a web browser on 127.0.0.1 (Ctrl-C stops it)");
    view_cmd->add_option("file", view.run, "Run file or difference file")->required();
    view_cmd->add_option("--compare", view.base, "Base run: show the differences (run - base) or both side by side");
    view_cmd->add_option("--port", view.port, "Port on 127.0.0.1 (default 8080; 0: any free port)");
    view_cmd->add_option("--cache", view.cache_mib, "MiB of recent answers kept in memory (default 64)");
#endif

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (*run_cmd) return cli::run_command(run);
    if (*resume_cmd) return cli::resume_command(resume);
    if (*fork_cmd) {
        if (*reseed_opt) fork.reseed = reseed;
        return cli::fork_command(fork);
    }
    if (*validate_cmd) return cli::validate_command(validate_file, validate_overrides);
    if (*info_cmd) return cli::info_command(info_file, info_json);
    if (*sumo_cmd) {
        if (*begin_opt) sumo.begin_s = sumo_begin;
        if (*end_opt) sumo.end_s = sumo_end;
        return cli::import_sumo_command(sumo);
    }
    if (*osm_cmd) return cli::import_osm_command(osm);
    if (*flow_cmd) return cli::powerflow_command(flow);
    if (*compare_cmd) {
        if (*half_width_opt) compare.half_width_pct = half_width;
        return cli::compare_command(compare);
    }
#ifdef CITYTWIN_HAVE_VIZ
    if (*render_cmd) return cli::render_command(render);
#endif
    if (*sweep_cmd) return cli::sweep_command(*sweep_cmd, sweep);
#ifdef CITYTWIN_HAVE_VIEW
    if (*view_cmd) return cli::view_command(view);
#endif
    return 2;
}
