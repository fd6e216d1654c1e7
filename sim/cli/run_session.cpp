#include "sim/cli/run_session.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <set>
#include <stdexcept>

#include "io/checkpoint/checkpoint_view.hpp"
#include "io/output/writer_sink.hpp"
#include "io/output/xdmf_sidecar.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/run_time.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/cli/run_signals.hpp"
#include "sim/core/content_hash.hpp"
#include "sim/core/utc_clock.hpp"
#include "sim/traffic/trip_table_state.hpp"

namespace citytwin::cli {
namespace {

double kpi(const std::vector<sim::Kpi>& k, const char* name) {
    for (const auto& x : k)
        if (x.name == name) return x.value;
    return NAN;
}

double option_time(const std::string& option, const std::string& text, const sim::Scenario& sc) {
    try {
        return io::parse_run_time(text, sc.start_seconds_of_day);
    } catch (const io::QuantityError& e) {
        throw std::invalid_argument(option + " " + text + ": " + e.what());
    }
}

// "08:00:00 (7200 s)": the local clock time of a moment of the run.
std::string clock_text(const sim::Scenario& sc, double t) {
    const long long s = std::llround(std::fmod(sc.start_seconds_of_day + t, 86400.0));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld (%.0f s)", s / 3600, s / 60 % 60, s % 60, t);
    return buf;
}

std::int64_t step_of(const sim::Engine& engine, double t) { return std::llround(t / engine.step_s()); }

void print_summary(const sim::Engine& engine, const std::string& file, const std::vector<sim::Kpi>& kpis) {
    std::fprintf(stderr,
                 "citytwin: wrote %s\n  inserted %.0f, arrived %.0f, running at end %.0f, waiting %.0f\n"
                 "  mean trip %.1f s, time loss %.1f s, route %.0f m; %.3g vehicle updates/s, %.1f s wall\n",
                 file.c_str(), kpi(kpis, "trips_inserted"), kpi(kpis, "trips_arrived"), kpi(kpis, "trips_running_at_end"),
                 kpi(kpis, "trips_waiting_at_end"), kpi(kpis, "mean_trip_duration_s"), kpi(kpis, "mean_time_loss_s"),
                 kpi(kpis, "mean_route_length_m"), kpi(kpis, "vehicle_updates_per_s"), kpi(kpis, "wall_time_s"));
    // Wall time, so printed and never written to the file.
    const sim::RoutingTimes r = const_cast<sim::Engine&>(engine).traffic().routing_times();
    if (r.recomputations > 0)
        std::fprintf(stderr,
                     "  routing: %lld computations, %.1f s wall (%.2f s each); %.1f s between them (released trips, "
                     "vehicles off their route); %lld route searches\n",
                     static_cast<long long>(r.recomputations), r.recompute_s, r.recompute_s / static_cast<double>(r.recomputations),
                     r.request_s, static_cast<long long>(r.searches));
    if (const_cast<sim::Engine&>(engine).power())
        std::fprintf(stderr,
                     "  grid: peak %.0f kW, %.0f kWh, losses %.0f kWh, lowest voltage %.4f pu; EV charging "
                     "peak %.0f kW at %.2f h, %.0f kWh delivered, %.0f kWh unserved\n",
                     kpi(kpis, "power_peak_demand_kw"), kpi(kpis, "power_energy_kwh"), kpi(kpis, "power_losses_kwh"),
                     kpi(kpis, "power_v_min_pu"), kpi(kpis, "ev_charging_peak_kw"), kpi(kpis, "ev_charging_peak_local_hour"),
                     kpi(kpis, "ev_energy_delivered_kwh"), kpi(kpis, "ev_energy_unserved_kwh"));
}

// The ParaView sidecar (RUN.xmf, CHECKPOINT.xmf) of the file as it stands; a run does not fail
// for want of it. `root`: where the file holds the run layout (a checkpoint's /view).
void write_sidecar(const std::string& file, const std::string& root = "") {
    try {
        io::write_xdmf_sidecar(file, root);
    } catch (const std::exception& e) {
        std::cerr << "citytwin: warning: no XDMF sidecar for " << file << ": " << e.what() << "\n";
    }
}

void write_checkpoint(sim::Engine& engine, io::RunWriter& writer, const std::string& output, const std::string& run_id,
                      const CheckpointPlan& plan, bool quiet) {
    const auto t0 = std::chrono::steady_clock::now();
    const sim::Scenario& sc = engine.scenario();
    io::CheckpointInfo info;
    info.output_extents = writer.extents();   // everything up to now is written and flushed
    io::CheckpointWriter w(plan.file);
    engine.save(w);
    sim::save_trip_table(w, engine.setup().trips);
    w.put_view(engine.state_view());
    info.citytwin_version = CITYTWIN_VERSION;
    info.created_utc = sim::utc_now_iso();
    info.scenario_name = sc.name;
    info.scenario_file = sc.source_file;
    info.scenario_text = sc.original_text;
    info.base_dir = sc.base_dir;
    info.overrides = sc.overrides;
    info.seed = sc.seed;
    info.start = sc.start;
    info.step_s = engine.step_s();
    info.time_s = engine.time();
    info.duration_s = sc.duration_s;
    info.step = engine.steps_done();
    info.total_steps = engine.total_steps();
    info.backend = engine.device().backend;
    info.device = engine.device().name;
    info.threads = engine.device().threads;
    info.domains = engine.domain_names();
    info.inputs = hash_inputs(sc);
    {
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(sim::network_fingerprint(engine.setup().net)));
        info.network_hash = hex;
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(sim::trip_table_fingerprint(engine.setup().trips)));
        info.trips_hash = hex;
    }
    info.links = engine.setup().net.links();
    info.lanes = engine.setup().net.lanes();
    info.trips = engine.setup().trips.size();
    info.output_file = output;
    info.output_run_id = run_id;
    info.plan_at_s = plan.at_s;
    info.plan_every_s = plan.every_s;
    w.commit(std::move(info));
    write_sidecar(plan.file, io::kCheckpointView);
    if (!quiet)
        std::fprintf(stderr, "citytwin: checkpoint at %s -> %s (%.2f s)\n", clock_text(sc, engine.time()).c_str(),
                     plan.file.c_str(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace

CheckpointPlan checkpoint_plan(const sim::Scenario& sc, const std::string& output, const std::vector<std::string>& at,
                               const std::string& every, const std::string& stop_at, const std::string& file) {
    CheckpointPlan p;
    p.at_s = sc.outputs.checkpoint_at_s;
    for (const std::string& a : at) p.at_s.push_back(option_time("--checkpoint-at", a, sc));
    p.every_s = sc.outputs.checkpoint_every_s;
    if (!every.empty()) {
        try {
            p.every_s = io::parse_quantity(every, io::Dimension::Time);
        } catch (const io::QuantityError& e) {
            throw std::invalid_argument("--checkpoint-every " + every + ": " + e.what());
        }
        if (!(p.every_s >= sc.traffic.step_s))
            throw std::invalid_argument("--checkpoint-every " + every + ": must be at least the traffic step");
    }
    if (!stop_at.empty()) p.stop_s = option_time("--stop-at", stop_at, sc);
    for (double t : p.at_s)
        if (t > sc.duration_s + 1e-9)
            throw std::invalid_argument("checkpoint time " + clock_text(sc, t) + " is after the end of the run (" +
                                        clock_text(sc, sc.duration_s) + ")");
    if (p.stop_s && *p.stop_s > sc.duration_s + 1e-9)
        throw std::invalid_argument("--stop-at " + stop_at + " is after the end of the run (" + clock_text(sc, sc.duration_s) + ")");
    p.file = !file.empty() ? file : sc.outputs.checkpoint_file;
    if (p.file.empty()) {
        const std::string ext = ".h5";
        p.file = output.size() > ext.size() && output.compare(output.size() - ext.size(), ext.size(), ext) == 0
                     ? output.substr(0, output.size() - ext.size()) + ".ckpt.h5"
                     : output + ".ckpt.h5";
    }
    if (p.file == output) throw std::invalid_argument("the checkpoint file must not be the output file (" + output + ")");
    return p;
}

std::string new_run_id(const std::string& output) {
    sim::ContentHash h;
    h.add(output);
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    const auto pid = static_cast<long long>(::getpid());
    h.add(&now, sizeof now);
    h.add(&pid, sizeof pid);
    return h.hex();
}

std::vector<io::InputFileHash> hash_inputs(const sim::Scenario& sc) {
    std::vector<io::InputFileHash> out;
    for (const std::string& f : sc.input_files) out.push_back(io::hash_input_file(f));
    return out;
}

int run_session(sim::Engine& engine, io::RunWriter& writer, const std::string& output, const std::string& run_id,
                const CheckpointPlan& plan, bool quiet) {
    sim::RunControl control;
    std::set<std::int64_t> steps;
    for (double t : plan.at_s) steps.insert(std::max<std::int64_t>(1, step_of(engine, t)));
    control.checkpoint_steps.assign(steps.begin(), steps.end());
    control.checkpoint_every = plan.every_s > 0 ? std::max<std::int64_t>(1, step_of(engine, plan.every_s)) : 0;
    if (plan.stop_s) control.stop_step = std::max<std::int64_t>(1, step_of(engine, *plan.stop_s));
    control.signal = RunSignals::flag();
    control.write_checkpoint = [&] { write_checkpoint(engine, writer, output, run_id, plan, quiet); };
    writer.set_attribute("status", "running");
    io::WriterSink sink(writer);
    sim::ProgressReporter progress(std::cerr, sim::ProgressReporter::mode_for(STDERR_FILENO, quiet));
    const sim::RunEnd end = engine.run(sink, progress, control);
    const sim::Scenario& sc = engine.scenario();
    if (end != sim::RunEnd::completed) {
        // The file holds every interval up to now and says where it stops; resume continues it.
        writer.set_attribute("status", end == sim::RunEnd::stopped ? "stopped" : "interrupted");
        writer.set_attribute("stopped_at_s", engine.time());
        writer.drain();
        write_sidecar(output);
        std::fprintf(stderr, "citytwin: %s at %s; %s holds the run up to there\n  continue with: citytwin resume %s\n",
                     end == sim::RunEnd::stopped ? "stopped" : "interrupted", clock_text(sc, engine.time()).c_str(),
                     output.c_str(), plan.file.c_str());
        return end == sim::RunEnd::stopped ? 0 : kExitCheckpointed;
    }
    const std::vector<sim::Kpi> kpis = engine.kpis();
    writer.set_attribute("status", "complete");
    writer.finish(kpis);
    write_sidecar(output);
    if (const sim::PowerModel* power = engine.power()) {
        for (const std::string& w : power->warnings()) std::cerr << "citytwin: warning: " << w << "\n";
        if (power->non_converged() > static_cast<std::int64_t>(power->warnings().size()))
            std::cerr << "citytwin: warning: " << power->non_converged() << " feeder solves did not converge in all\n";
    }
    if (!quiet) print_summary(engine, output, kpis);
    return 0;
}

}  // namespace citytwin::cli
