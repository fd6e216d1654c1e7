#include "sim/core/engine.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <sstream>

#include "sim/core/trip_totals.hpp"
#include "sim/power/power_setup.hpp"
#include "sim/traffic/demand.hpp"

namespace citytwin::sim {

TrafficSetup build_traffic_setup(const Scenario& sc) {
    TrafficSetup s;
    s.net = build_road_network(sc.traffic, sc.network);
    std::vector<VehicleTypeSpec> types = sc.vehicle_types;
    if (types.empty()) {
        VehicleTypeSpec car;
        car.id = "car";
        types.push_back(car);
    }
    s.types = make_type_params(types);
    std::vector<TripSpec> trips = sc.demand.generate ? generate_trips(sc, s.net) : sc.demand.trips;
    s.trips = make_trip_table(s.net, types, std::move(trips), sc.seed, s.dest_links, &s.fixed);
    s.unroutable = find_unroutable(s.net, s.trips);
    s.settings = sc.traffic;
    s.seed = sc.seed;
    return s;
}

namespace {

std::string gib(std::size_t b) {
    std::ostringstream o;
    o.precision(3);
    o << static_cast<double>(b) / (1024.0 * 1024.0 * 1024.0) << " GiB";
    return o.str();
}

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

}  // namespace

Engine::Engine(const Scenario& scenario, const DeviceChoice& device)
    : scenario_(scenario), device_(device), setup_(build_traffic_setup(scenario)), dt_(scenario.traffic.step_s) {
    if (!(dt_ > 0.0)) throw ScenarioError(scenario.traffic.mark, "traffic.step", "the step must be positive");
    const std::size_t need = estimate_traffic_bytes(setup_);
    if (device_.memory_available > 0 && need > device_.memory_available / 10 * 9)
        throw ScenarioError(scenario.demand.mark, "demand",
                            "the scenario needs about " + gib(need) + " for its traffic state (" +
                                std::to_string(setup_.trips.size()) + " trips, " + std::to_string(setup_.net.links()) +
                                " links, " + std::to_string(setup_.dest_links.size()) + " destinations) but the " +
                                device_.backend + " device has " + gib(device_.memory_available) +
                                " available; reduce the demand or the number of destination links");
    total_steps_ = static_cast<std::int64_t>(std::ceil(scenario.duration_s / dt_ - 1e-9));
    reroute_steps_ = scenario.traffic.reroute_every_s > 0 ? std::max<std::int64_t>(1, std::llround(scenario.traffic.reroute_every_s / dt_)) : 0;
#if defined(CITYTWIN_HAVE_CUDA)
    if (device_.backend == "cuda") traffic_ = make_traffic_backend_cuda(setup_, device_.threads);
#endif
    if (!traffic_) traffic_ = make_traffic_backend_cpu(setup_, device_.threads);
    if (scenario.power) {
        std::vector<VehicleTypeSpec> types = scenario.vehicle_types;  // as build_traffic_setup indexes them
        if (types.empty()) types.push_back(VehicleTypeSpec{});
        power_ = std::make_unique<PowerModel>(scenario_, build_power_setup(scenario_, setup_.net), types, device_);
    }
    if (scenario_.air) air_ = std::make_unique<AirModel>(scenario_, setup_, device_);
}

NetworkGeometry Engine::geometry() const {
    const RoadNetwork& n = setup_.net;
    NetworkGeometry g;
    g.node_ids = n.node_id;
    g.node_x_m = n.node_x;
    g.node_y_m = n.node_y;
    for (auto p : n.node_plan) g.node_signalised.push_back(p >= 0 ? 1 : 0);
    g.link_ids = n.link_id;
    g.link_from_node = n.link_from;
    g.link_to_node = n.link_to;
    g.link_lanes = n.link_lanes;
    g.link_length_m = n.link_length;
    g.link_speed_limit_mps = n.link_speed;
    for (std::int32_t l = 0; l < n.links(); ++l) {
        g.link_shape_offset.push_back(static_cast<std::int32_t>(g.shape_x_m.size()));
        for (auto node : {n.link_from[l], n.link_to[l]}) {
            g.shape_x_m.push_back(n.node_x[node]);
            g.shape_y_m.push_back(n.node_y[node]);
        }
    }
    g.link_shape_offset.push_back(static_cast<std::int32_t>(g.shape_x_m.size()));
    return g;
}

RunMetadata Engine::metadata() const {
    RunMetadata m;
    m.scenario_name = scenario_.name;
    m.scenario_yaml = scenario_.source_text;
    m.scenario_file = scenario_.source_file;
    m.overrides = scenario_.overrides;
    m.seed = scenario_.seed;
    m.version = CITYTWIN_VERSION;
    m.backend = device_.backend;
    m.device_name = device_.name;
    m.threads = device_.threads;
    m.start = scenario_.start;
    m.duration_s = scenario_.duration_s;
    m.step_s = dt_;
    m.output_every_s = scenario_.outputs.every_s;
    m.vehicles_every_s = scenario_.outputs.vehicles_every_s;
    m.created_utc = utc_now();
    return m;
}

void Engine::step() {
    if (reroute_steps_ > 0 && step_ > 0 && step_ % reroute_steps_ == 0) traffic_->reroute();
    traffic_->step(time(), step_);
    ++step_;
    if (air_) air_->after_traffic_step(*traffic_, step_, time());
}

std::vector<Kpi> Engine::run(RunSink& sink, ProgressReporter& progress) {
    const std::int64_t out_steps = std::max<std::int64_t>(1, std::llround(scenario_.outputs.every_s / dt_));
    const std::int64_t veh_steps = scenario_.outputs.vehicles_every_s > 0
                                       ? std::max<std::int64_t>(1, std::llround(scenario_.outputs.vehicles_every_s / dt_))
                                       : 0;
    TripTotals totals;
    std::int64_t last_out = step_;
    const auto wall0 = std::chrono::steady_clock::now();
    double loop_s = 0.0;
    auto progress_state = [&] {
        const TrafficCounts c = traffic_->counts();
        return ProgressState{time(), scenario_.duration_s, c.running, c.arrived, c.waiting};
    };
    // Power steps on the same clock; arrived trips are taken at power steps too, and the same
    // rows go to the power model (charging sessions) and to the sink.
    const std::int64_t power_steps = power_ ? std::max<std::int64_t>(1, std::llround(power_->step_s() / dt_)) : 0;
    std::int64_t last_power = step_;
    if (power_) sink.power_grid(power_->grid());
    while (step_ < total_steps_) {
        const auto s0 = std::chrono::steady_clock::now();
        step();
        loop_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
        const bool out_due = step_ % out_steps == 0 || step_ == total_steps_;
        const bool power_due = power_ && (step_ % power_steps == 0 || step_ == total_steps_);
        if (out_due || power_due) {
            std::vector<TripRow> rows = traffic_->take_arrived_trips();
            if (air_) air_->fill_trips(rows);
            totals.add(rows, time());
            if (power_) power_->add_arrivals(rows);
            sink.trips(std::move(rows));
        }
        if (power_due) {
            sink.power(power_->step(static_cast<double>(last_power) * dt_, time()));
            last_power = step_;
        }
        if (out_due) {
            LinkSeriesFrame f;
            traffic_->link_frame(time(), static_cast<double>(step_ - last_out) * dt_, f);
            last_out = step_;
            sink.links(std::move(f));
            if (air_) sink.air(air_->frame(time()));
        }
        if (veh_steps > 0 && step_ % veh_steps == 0) {
            VehicleFrame vf;
            traffic_->vehicle_frame(time(), vf);
            sink.vehicles(std::move(vf));
        }
        if (progress.due()) progress.report(progress_state());
    }
    progress.finish(progress_state());
    std::vector<TripRow> rest = traffic_->remaining_trips(time());
    if (air_) {
        air_->finish(time());
        air_->fill_trips(rest);
    }
    totals.add(rest, time());
    sink.trips(std::move(rest));
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const TrafficCounts c = traffic_->counts();

    std::vector<Kpi> kpis = totals.kpis();
    const std::vector<Kpi> run_kpis = {
        {"vehicle_updates_per_s", loop_s > 0 ? static_cast<double>(c.vehicle_steps) / loop_s : 0.0, "s-1",
         "vehicle-steps per wall-clock second of the step loop"},
        {"vehicle_steps", static_cast<double>(c.vehicle_steps), "1", "vehicle updates over the run"},
        {"emergency_stops", static_cast<double>(c.emergency_stops), "1", "times a vehicle was held at an obstacle it could not stop for"},
        {"lane_changes", static_cast<double>(c.lane_changes), "1", "lane changes"},
        {"stuck_reroutes", static_cast<double>(c.stuck_reroutes), "1", "vehicles that took another turn after waiting at a lane end"},
        {"teleports", static_cast<double>(c.teleports), "1", "vehicles moved on to the next link after standing traffic.teleport_after at a line"},
        {"stops_served", static_cast<double>(c.stops_served), "1", "stops on routes served (buses at their stops)"},
        {"stops_missed", static_cast<double>(c.stops_missed), "1", "stops on routes a vehicle was already past"},
        {"steps", static_cast<double>(step_), "1", "traffic steps"},
        {"step_loop_time_s", loop_s, "s", "wall-clock time spent in the step loop"},
        {"wall_time_s", wall, "s", "wall-clock time of the run"},
        {"real_time_factor", wall > 0 ? time() / wall : 0.0, "1", "simulated seconds per wall-clock second"},
    };
    kpis.insert(kpis.end(), run_kpis.begin(), run_kpis.end());
    if (power_) {
        const std::vector<Kpi> power_kpis = power_->kpis();
        kpis.insert(kpis.end(), power_kpis.begin(), power_kpis.end());
    }
    if (air_) {
        const std::vector<Kpi> air_kpis = air_->kpis(time());
        kpis.insert(kpis.end(), air_kpis.begin(), air_kpis.end());
    }
    return kpis;
}

}  // namespace citytwin::sim
