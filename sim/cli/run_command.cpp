// `citytwin run`: load, check, run on the chosen device, write HDF5, print the headline KPIs.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "io/output/run_writer.hpp"
#include "io/output/writer_sink.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/core/engine.hpp"
#include "sim/power/power_setup.hpp"

namespace citytwin::cli {

namespace {

double kpi(const std::vector<sim::Kpi>& k, const char* name) {
    for (const auto& x : k)
        if (x.name == name) return x.value;
    return NAN;
}

}  // namespace

int run_command(const RunOptions& o) {
    return exit_status_of([&] {
        sim::Scenario sc = io::load_scenario(o.scenario, o.overrides);
        if (!o.output.empty()) sc.outputs.file = o.output;
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
        io::RunWriter writer(sc.outputs.file, engine.metadata(), engine.geometry());
        io::WriterSink sink(writer);
        sim::ProgressReporter progress(std::cerr, sim::ProgressReporter::mode_for(STDERR_FILENO, o.quiet));
        const std::vector<sim::Kpi> kpis = engine.run(sink, progress);
        writer.finish(kpis);
        if (const sim::PowerModel* power = engine.power()) {
            for (const std::string& w : power->warnings()) std::cerr << "citytwin: warning: " << w << "\n";
            if (power->non_converged() > static_cast<std::int64_t>(power->warnings().size()))
                std::cerr << "citytwin: warning: " << power->non_converged() << " feeder solves did not converge in all\n";
        }
        if (!o.quiet) {
            std::fprintf(stderr,
                         "citytwin: wrote %s\n  inserted %.0f, arrived %.0f, running at end %.0f, waiting %.0f\n"
                         "  mean trip %.1f s, time loss %.1f s, route %.0f m; %.3g vehicle updates/s, %.1f s wall\n",
                         sc.outputs.file.c_str(), kpi(kpis, "trips_inserted"), kpi(kpis, "trips_arrived"),
                         kpi(kpis, "trips_running_at_end"), kpi(kpis, "trips_waiting_at_end"),
                         kpi(kpis, "mean_trip_duration_s"), kpi(kpis, "mean_time_loss_s"),
                         kpi(kpis, "mean_route_length_m"), kpi(kpis, "vehicle_updates_per_s"), kpi(kpis, "wall_time_s"));
            if (engine.power())
                std::fprintf(stderr,
                             "  grid: peak %.0f kW, %.0f kWh, losses %.0f kWh, lowest voltage %.4f pu; EV charging "
                             "peak %.0f kW at %.2f h, %.0f kWh delivered, %.0f kWh unserved\n",
                             kpi(kpis, "power_peak_demand_kw"), kpi(kpis, "power_energy_kwh"),
                             kpi(kpis, "power_losses_kwh"), kpi(kpis, "power_v_min_pu"), kpi(kpis, "ev_charging_peak_kw"),
                             kpi(kpis, "ev_charging_peak_local_hour"), kpi(kpis, "ev_energy_delivered_kwh"),
                             kpi(kpis, "ev_energy_unserved_kwh"));
        }
        return 0;
    });
}

int validate_command(const std::string& file, const std::vector<std::string>& overrides) {
    return exit_status_of([&] {
        const sim::Scenario sc = io::load_scenario(file, overrides);
        // Build what the run would build, so references into generated networks are checked too.
        const sim::TrafficSetup setup = sim::build_traffic_setup(sc);
        if (sc.air) sim::build_air_setup(sc, setup.net, setup.trips.size());  // emission classes, stacks
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
