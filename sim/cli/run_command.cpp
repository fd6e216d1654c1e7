// `citytwin run`: load, check, run on the chosen device, write HDF5 (and checkpoints), print the
// headline KPIs. `citytwin validate`: load and check only.
#include <unistd.h>

#include <iostream>
#include <optional>
#include <stdexcept>

#include "io/output/run_writer.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/cli/output_claim.hpp"
#include "sim/cli/run_session.hpp"
#include "sim/cli/run_signals.hpp"
#include "sim/core/engine.hpp"
#include "sim/power/power_setup.hpp"

namespace citytwin::cli {

int run_command(const RunOptions& o) {
    const RunSignals signals;
    return exit_status_of([&] {
        sim::Scenario sc = io::load_scenario(o.scenario, o.overrides);
        if (!o.output.empty()) sc.outputs.file = o.output;
        // Claimed before anything is built: a second run on this output, or one that would
        // replace a complete run unasked, fails at once and changes nothing.
        const CheckpointPlan plan =
            checkpoint_plan(sc, sc.outputs.file, o.checkpoint_at, o.checkpoint_every, o.stop_at, o.checkpoint_file);
        const bool overwrite = o.overwrite || sc.outputs.overwrite;
        const io::OutputLock claim = claim_output(sc.outputs.file, overwrite, false, o.quiet);
        check_checkpoint_file(plan.file, "", overwrite);
        const sim::DeviceChoice device = sim::choose_device(o.device, o.threads);
        if (!o.quiet) {
            for (const std::string& w : sc.warnings) std::cerr << "citytwin: warning: " << w << "\n";
            std::cerr << "citytwin: backend " << device.backend << " (" << device.name << ")\n";
        }
        sim::Engine engine(sc, device);
        const auto& setup = engine.setup();
        if (!o.quiet) {
            std::cerr << "citytwin: " << sc.name << ": " << setup.net.links() << " links, " << setup.net.lanes()
                      << " lanes, " << setup.net.plans() << " signals, " << setup.trips.size() << " trips over "
                      << sc.duration_s << " s in steps of " << sc.traffic.step_s << " s\n";
            if (!setup.unroutable.empty())
                std::cerr << "citytwin: warning: " << setup.unroutable.size()
                          << " trips have no path from origin to destination and will not be inserted (first: trip "
                          << setup.unroutable.front() << ")\n";
        }
        const std::string run_id = new_run_id(sc.outputs.file);
        io::RunWriter writer(sc.outputs.file, engine.metadata(), engine.geometry());
        writer.set_attribute("run_id", run_id);
        return run_session(engine, writer, sc.outputs.file, run_id, plan, o.quiet);
    });
}

int validate_command(const std::string& file, const std::vector<std::string>& overrides) {
    return exit_status_of([&] {
        const sim::Scenario sc = io::load_scenario(file, overrides);
        // Build what the run would build, so references into generated networks are checked too.
        const sim::TrafficSetup setup = sim::build_traffic_setup(sc);
        // Emission classes, stacks, and the grid against this machine's memory: validate cannot
        // know the device a run will pick, but a grid the host cannot hold fits nowhere.
        if (sc.air) {
            const sim::DeviceChoice host = sim::choose_device("cpu", 1);
            sim::build_air_setup(sc, setup.net, setup.trips.size(), host.memory_available, host.backend);
        }
        for (const std::string& w : sc.warnings) std::cout << file << ": warning: " << w << "\n";
        std::optional<sim::PowerSetup> grid;
        if (sc.power) grid = sim::build_power_setup(sc, setup.net);
        std::cout << file << ": ok: " << sc.name << ", " << setup.net.links() << " links, " << setup.trips.size()
                  << " trips, " << sc.duration_s << " s\n";
        if (grid)
            std::cout << file << ": grid: " << grid->feeders.size() << " feeders, " << grid->buses() << " buses\n";
        if (!setup.unroutable.empty())
            std::cout << file << ": warning: " << setup.unroutable.size()
                      << " trips have no path from origin to destination\n";
        return 0;
    });
}

}  // namespace citytwin::cli
