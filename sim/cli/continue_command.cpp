// `citytwin resume CKPT` and `citytwin fork CKPT -o VARIANT`: a run continued from a checkpoint,
// unchanged (resume) or with changes from the checkpoint's time on (fork). Both rebuild the
// run from the scenario the checkpoint holds, refuse one whose inputs, network or trips differ,
// restore every domain's state, and write a file that is complete from the start: the rows up
// to the checkpoint are copied from the output the checkpoint was writing.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <stdexcept>

#include "io/checkpoint/checkpoint_file.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_writer.hpp"
#include "io/output/writer_sink.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/cli/output_claim.hpp"
#include "sim/cli/run_session.hpp"
#include "sim/cli/run_signals.hpp"
#include "sim/traffic/trip_table_state.hpp"

namespace citytwin::cli {
namespace {

std::string hex16(std::uint64_t v) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(v));
    return hex;
}

std::string key_of(const std::string& override_text) {
    const auto eq = override_text.find('=');
    return override_text.substr(0, eq);
}

bool starts_with(const std::string& key, const std::string& prefix) {
    return key == prefix || key.rfind(prefix + ".", 0) == 0;
}

// What a running state cannot take: anything that changes the shape of the state arrays or the
// clock. Closures are the one network change a running network takes.
void check_fork_key(const std::string& key) {
    auto refuse = [&](const std::string& why) {
        throw std::invalid_argument("fork: --set " + key + ": " + why + " (docs/checkpoints.md lists what a fork may change)");
    };
    if (starts_with(key, "network")) {
        const std::string prefix = "network.links.";
        const auto dot = key.rfind('.');
        if (key.rfind(prefix, 0) != 0 || key.substr(dot + 1) != "closed" || dot <= prefix.size())
            refuse("the network of a running state cannot change, except closures (network.links.N.closed)");
        return;
    }
    for (const char* k : {"zones", "start", "citytwin", "traffic.step", "air.step", "air.cell", "air.margin",
                          "air.pollutants", "power.step", "power.feeders", "power.supply"})
        if (starts_with(key, k)) refuse("cannot change in a running state");
    if (starts_with(key, "seed")) refuse("the seed of a running state is changed with --reseed N");
}

bool changes_demand(const std::vector<std::string>& keys, bool reseed) {
    if (reseed) return true;
    for (const std::string& k : keys)
        if (starts_with(k, "demand") || starts_with(k, "vehicle_types")) return true;
    return false;
}

void check_inputs(const sim::Scenario& sc, const io::CheckpointInfo& info) {
    std::set<std::string> now(sc.input_files.begin(), sc.input_files.end()), then;
    for (const io::InputFileHash& f : info.inputs) then.insert(f.path);
    if (now != then)
        throw io::CheckpointError("the scenario now reads other input files than when the checkpoint was written");
    for (const io::InputFileHash& f : info.inputs) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(f.path, ec))
            throw io::CheckpointError("input file '" + f.path + "' that the checkpointed run read is missing");
        const io::InputFileHash h = io::hash_input_file(f.path);
        if (h.hash != f.hash || h.bytes != f.bytes)
            throw io::CheckpointError("input file '" + f.path + "' changed since the checkpoint was written (" +
                                      std::to_string(f.bytes) + " bytes, hash " + f.hash + "; now " +
                                      std::to_string(h.bytes) + " bytes, hash " + h.hash + ")");
    }
}

// The output the checkpoint was writing must be there and be that run's.
void check_parent_output(const io::CheckpointInfo& info) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(info.output_file, ec))
        throw io::CheckpointError("the output the checkpoint was writing, '" + info.output_file +
                                  "', is missing: its rows up to the checkpoint cannot be copied");
    io::h5::LibraryLock lock;
    std::string id;
    try {
        io::h5::Handle f = io::h5::open_file_read_only(info.output_file);
        if (io::h5::has_attribute(f, "run_id")) id = io::h5::read_string_attribute(f, "run_id");
    } catch (const std::exception& e) {
        throw io::CheckpointError("the output the checkpoint was writing, '" + info.output_file + "', cannot be read: " + e.what());
    }
    if (id != info.output_run_id)
        throw io::CheckpointError("'" + info.output_file + "' is not the output this checkpoint was writing (its run id is '" +
                                  id + "', the checkpoint's '" + info.output_run_id + "')");
}

int continue_run(const ContinueOptions& o, bool fork) {
    const RunSignals signals;
    io::CheckpointReader ck(o.checkpoint);
    const io::CheckpointInfo& info = ck.info();
    std::vector<std::string> overrides = info.overrides, keys;
    if (fork) {
        for (const std::string& s : o.overrides) {
            keys.push_back(key_of(s));
            check_fork_key(keys.back());
            overrides.push_back(s);
        }
        if (o.reseed) overrides.push_back("seed=" + std::to_string(*o.reseed));
    }
    sim::Scenario sc = io::load_scenario_text(info.scenario_text, info.scenario_file, overrides, info.base_dir);
    if (sc.traffic.step_s != info.step_s)
        throw io::CheckpointError("the checkpoint steps by " + std::to_string(info.step_s) + " s, the scenario by " +
                                  std::to_string(sc.traffic.step_s) + " s");
    if (sc.duration_s + 1e-9 < info.time_s)
        throw std::invalid_argument("fork: --set duration: the run would end before the checkpoint's time (" +
                                    std::to_string(info.time_s) + " s)");
    if (fork) {
        // An intervention due before the fork would have changed the shared past.
        const sim::Scenario parent = io::load_scenario_text(info.scenario_text, info.scenario_file, info.overrides, info.base_dir);
        for (const sim::InterventionSpec& iv : sc.interventions) {
            if (iv.at_s >= info.time_s - 1e-9 && (iv.until_s < 0.0 || iv.until_s >= info.time_s - 1e-9)) continue;
            bool same = false;
            for (const sim::InterventionSpec& p : parent.interventions)
                same |= p.id == iv.id && p.action == iv.action && p.at_s == iv.at_s && p.until_s == iv.until_s;
            if (!same)
                throw std::invalid_argument("fork: intervention '" + iv.id + "' starts or ends before the fork time (" +
                                            std::to_string(info.time_s) + " s after the start); a fork changes what comes after it");
        }
    }
    check_inputs(sc, info);
    check_parent_output(info);

    std::string output = info.output_file;
    if (fork) {
        if (o.output.empty()) throw std::invalid_argument("fork: -o VARIANT.h5 is required");
        output = o.output;
    } else if (!o.output.empty()) {
        output = o.output;
    }
    if (fork && std::filesystem::weakly_canonical(output) == std::filesystem::weakly_canonical(info.output_file))
        throw std::invalid_argument("fork: the variant must not overwrite the parent's output " + info.output_file);
    sc.outputs.file = output;
    const bool in_place = !fork && o.output.empty();
    const bool overwrite = o.overwrite || sc.outputs.overwrite;
    // Claimed before anything is built (output_claim.hpp); continuing in place replaces the
    // run's own stopped or interrupted file.
    const io::OutputLock claim = claim_output(output, overwrite, in_place, o.quiet);

    const sim::DeviceChoice device = sim::choose_device(o.device, o.threads);
    sim::TrafficSetup setup = sim::build_traffic_setup(sc);
    if (hex16(sim::network_fingerprint(setup.net)) != info.network_hash)
        throw io::CheckpointError("the scenario's network differs from the checkpoint's (" + std::to_string(setup.net.links()) +
                                  " links, " + std::to_string(setup.net.lanes()) + " lanes now; " + std::to_string(info.links) +
                                  " links, " + std::to_string(info.lanes) + " lanes then)");
    sim::RestorePlan plan;
    if (fork && changes_demand(keys, o.reseed.has_value())) {
        const auto kept = static_cast<std::size_t>(ck.get_scalar<std::uint64_t>("traffic/clock/released"));
        setup = sim::splice_trips(sim::load_trip_table(ck), kept, static_cast<double>(info.step - 1) * info.step_s,
                                  std::move(setup));
        plan.trips_kept = kept;
    } else if (hex16(sim::trip_table_fingerprint(setup.trips)) != info.trips_hash) {
        throw io::CheckpointError("the scenario's trips differ from the checkpoint's (" + std::to_string(setup.trips.size()) +
                                  " trips now, " + std::to_string(info.trips) + " then)");
    }
    if (!o.quiet) std::cerr << "citytwin: backend " << device.backend << " (" << device.name << ")\n";
    sim::Engine engine(sc, device, std::move(setup));
    if (engine.domain_names() != info.domains) {
        std::string now, then;
        for (const std::string& d : engine.domain_names()) now += " " + d;
        for (const std::string& d : info.domains) then += " " + d;
        throw std::invalid_argument("the checkpoint holds the domains" + then + ", this scenario runs" + now +
                                    " (a power or air section cannot be added to or removed from a running state)");
    }
    engine.restore(ck, plan);
    if (!keys.empty() || o.reseed) engine.apply(sim::ScenarioChange{info.time_s, &sc, keys});

    // A resumed run goes on checkpointing as the run did (the same file when continued in place).
    if (!fork) {
        sc.outputs.checkpoint_at_s = info.plan_at_s;
        sc.outputs.checkpoint_every_s = info.plan_every_s;
    }
    const CheckpointPlan checkpoints = checkpoint_plan(sc, output, o.checkpoint_at, o.checkpoint_every, o.stop_at,
                                                       o.checkpoint_file.empty() && in_place ? o.checkpoint : o.checkpoint_file);
    if (std::filesystem::weakly_canonical(checkpoints.file) == std::filesystem::weakly_canonical(o.checkpoint) && fork)
        throw std::invalid_argument("fork: the variant's checkpoints would overwrite the parent's " + o.checkpoint +
                                    "; give --checkpoint FILE");
    const std::string run_id = in_place ? info.output_run_id : new_run_id(output);
    check_checkpoint_file(checkpoints.file, run_id, overwrite);
    // The new file is built beside the final one and renamed once it holds the shared prefix,
    // so a reader (or a crash) never sees a half-copied file under the output's name.
    const std::string part = output + ".part-" + std::to_string(::getpid());
    io::RunWriter writer(part, engine.metadata(), engine.geometry());
    const io::OutputLock part_claim = io::OutputLock::claim_new(part);  // moves with the file when renamed
    io::WriterSink sink(writer);
    engine.start_outputs(sink);
    writer.copy_prefix(info.output_file, info.output_extents);
    writer.set_attribute("run_id", run_id);
    if (fork) {
        writer.set_attribute("parent_run_id", info.output_run_id);
        writer.set_attribute("parent_output", info.output_file);
        writer.set_attribute("parent_checkpoint", o.checkpoint);
        writer.set_attribute("fork_time_s", info.time_s);
        std::string changes;
        for (const std::string& s : o.overrides) changes += (changes.empty() ? "" : "\n") + s;
        if (o.reseed) changes += (changes.empty() ? "" : "\n") + std::string("--reseed ") + std::to_string(*o.reseed);
        writer.set_attribute("fork_changes", changes);
    } else {
        writer.set_attribute("resumed_from", o.checkpoint);
        writer.set_attribute("resumed_at_s", info.time_s);
    }
    writer.rename_to(output);
    if (!o.quiet)
        std::cerr << "citytwin: " << (fork ? "forked" : "resumed") << " " << sc.name << " at " << info.time_s << " s from "
                  << o.checkpoint << " -> " << output << "\n";
    return run_session(engine, writer, output, run_id, checkpoints, o.quiet);
}

}  // namespace

int resume_command(const ContinueOptions& o) {
    return exit_status_of([&] { return continue_run(o, false); });
}

int fork_command(const ContinueOptions& o) {
    return exit_status_of([&] { return continue_run(o, true); });
}

}  // namespace citytwin::cli
