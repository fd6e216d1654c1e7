#pragma once
// Runs a scenario on a chosen device into an HDF5 file, as `citytwin run` does.
#include <sstream>
#include <string>
#include <vector>

#include "io/output/run_writer.hpp"
#include "io/output/writer_sink.hpp"
#include "sim/core/engine.hpp"

namespace citytwin::test {

using io::WriterSink;

inline std::vector<sim::Kpi> run_to_file(const sim::Scenario& sc, const std::string& device, int threads,
                                         const std::string& path) {
    sim::Engine engine(sc, sim::choose_device(device, threads));
    io::RunWriter writer(path, engine.metadata(), engine.geometry());
    WriterSink sink(writer);
    std::ostringstream quiet;
    sim::ProgressReporter progress(quiet, sim::ProgressReporter::Mode::Off);
    auto kpis = engine.run(sink, progress);
    writer.finish(kpis);
    return kpis;
}

inline double kpi(const std::vector<sim::Kpi>& k, const std::string& name) {
    for (const auto& x : k)
        if (x.name == name) return x.value;
    return -1;
}

// A busy 6x6 grid: thousands of vehicles active at once, so the parallel code paths run.
inline sim::Scenario busy_grid(double duration_s = 900, double trips = 6000) {
    sim::Scenario sc;
    sc.name = "busy-grid";
    sc.seed = 11;
    sc.duration_s = duration_s;
    sc.start_seconds_of_day = 7 * 3600;
    sim::GridNetworkSpec g;
    g.rows = 6;
    g.cols = 6;
    g.spacing_m = 200;
    g.lanes = 2;
    sc.network.grid = g;
    sc.zones.generate = sim::ZoneGenerateSpec{3, 3, 20000, 10000, {}};
    sim::VehicleTypeSpec car;
    car.id = "car";
    sim::VehicleTypeSpec slow = car;
    slow.id = "van";
    slow.length_m = 7.0;
    slow.max_speed_mps = 25.0;
    slow.share = 0.2;
    sc.vehicle_types = {car, slow};
    sim::DemandGenerateSpec d;
    d.trips = trips;
    d.profile.name = "flat";
    sc.demand.generate = d;
    sc.traffic.reroute_every_s = 120;
    sc.outputs.every_s = 60;
    sc.outputs.vehicles_every_s = 30;
    return sc;
}

}  // namespace citytwin::test
