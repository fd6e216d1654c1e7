#include "sim/core/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>
#include <utility>

#include "sim/core/link_shapes.hpp"
#include "sim/core/memory_estimate.hpp"
#include "sim/core/utc_clock.hpp"
#include "sim/air/air_setup.hpp"
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
    s.types = make_type_params(types, sc.traffic.model);
    std::vector<TripSpec> trips = sc.demand.generate ? generate_trips(sc, s.net) : sc.demand.trips;
    trips = scale_departures(std::move(trips), sc.interventions, sc.seed);
    s.trips = make_trip_table(s.net, types, std::move(trips), sc.seed, s.dest_links, &s.fixed,
                              fleet_windows(sc.interventions, types));
    s.unroutable = find_unroutable(s.net, s.trips);
    s.link_interventions = resolve_link_interventions(s.net, sc.interventions);
    s.signal_interventions = resolve_signal_interventions(s.net, sc.interventions, s.signal_phases);
    std::vector<std::string> type_classes;
    for (const VehicleTypeSpec& t : types) type_classes.push_back(t.emission_class);
    s.bans = resolve_ban_interventions(s.net, s.types.id, type_classes, sc.interventions);
    s.settings = sc.traffic;
    s.seed = sc.seed;
    s.duration_s = sc.duration_s;
    choose_routing(s);
    return s;
}

Engine::Engine(const Scenario& scenario, const DeviceChoice& device)
    : Engine(scenario, device, build_traffic_setup(scenario)) {}

Engine::Engine(const Scenario& scenario, const DeviceChoice& device, TrafficSetup setup)
    : scenario_(scenario), device_(device), setup_(std::move(setup)), dt_(scenario.traffic.step_s) {
    if (!(dt_ > 0.0)) throw ScenarioError(scenario.traffic.mark, "traffic.step", "the step must be positive");
    // Every domain's setup is built (host-side tables only) and its state estimated, then
    // checked against the device's memory before any state is allocated.
    std::optional<PowerSetup> power_setup;
    if (scenario_.power) power_setup = build_power_setup(scenario_, setup_.net);
    std::optional<AirSetup> air_setup;
    if (scenario_.air)
        air_setup = build_air_setup(scenario_, setup_.net, setup_.trips.size(), device_.memory_available, device_.backend);
    check_memory(estimate_memory(scenario_, setup_, power_setup ? &*power_setup : nullptr, air_setup ? &*air_setup : nullptr),
                 device_, device_.backend == "cuda" ? host_memory_available() : 0);
    total_steps_ = static_cast<std::int64_t>(std::ceil(scenario.duration_s / dt_ - 1e-9));
    traffic_ = std::make_unique<TrafficModel>(setup_, device_);
    coupling_.traffic = &traffic_->backend();
    if (scenario.power) {
        std::vector<VehicleTypeSpec> types = scenario.vehicle_types;  // as build_traffic_setup indexes them
        if (types.empty()) types.push_back(VehicleTypeSpec{});
        power_ = std::make_unique<PowerModel>(scenario_, std::move(*power_setup), types, device_);
    }
    if (scenario_.air) {
        air_ = std::make_unique<AirModel>(scenario_, setup_, device_, std::move(*air_setup));
        air_layout_ = air_->layout();
    }
    build_schedule();
    build_events();
}

void Engine::build_events() {
    events_.clear();
    auto boundary = [&](double t) { return static_cast<std::int64_t>(std::ceil(t / dt_ - 1e-9)); };
    for (std::size_t i = 0; i < scenario_.interventions.size(); ++i) {
        const InterventionSpec& iv = scenario_.interventions[i];
        double at = iv.at_s, until = iv.until_s;
        for (const SignalIntervention& si : setup_.signal_interventions)   // a new plan waits for the cycle end
            if (si.index == static_cast<std::int32_t>(i)) at = si.at_s, until = si.until_s;
        events_.push_back({boundary(at), static_cast<std::int32_t>(i), true});
        if (until >= 0.0) events_.push_back({boundary(until), static_cast<std::int32_t>(i), false});
    }
    std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) { return a.step < b.step; });
    next_event_ = 0;
    while (next_event_ < events_.size() && events_[next_event_].step < step_) ++next_event_;
}

// Closures, lanes, speed limits, signals and bans change the traffic state now (bans and
// cancelling closures first change the trips they touch); the other actions are functions of
// time the models read (weather, stacks, charging, PV, batteries, feeder lines) or were settled
// with the trip table (fleet, demand). Every application and reversion is a row of
// /interventions.
void Engine::apply_events(RunSink* sink) {
    using A = InterventionAction;
    std::size_t end = next_event_;
    bool links = false;
    while (end < events_.size() && events_[end].step <= step_) {
        const A a = scenario_.interventions[events_[end].intervention].action;
        links |= a == A::Close || a == A::SpeedLimit || a == A::Lanes || a == A::Signal || a == A::Ban;
        ++end;
    }
    if (end == next_event_) return;
    std::vector<TripRuleCounts> trips(end - next_event_);
    for (std::size_t k = next_event_; k < end; ++k)
        if (events_[k].applied) trips[k - next_event_] = traffic_->change_trips(events_[k].intervention, time());
    std::int64_t rerouted = links ? traffic_->intervene(time()) : 0;
    for (std::size_t k = 0; next_event_ < end; ++next_event_, ++k) {
        const Event& e = events_[next_event_];
        const InterventionSpec& iv = scenario_.interventions[e.intervention];
        InterventionRow row{time(), e.intervention, static_cast<std::int8_t>(e.applied ? 1 : 0), affected_entities(e.intervention), 0,
                            trips[k].cancelled, trips[k].changed};
        if ((iv.action == A::Close || iv.action == A::Lanes || iv.action == A::Ban) && e.applied) row.rerouted = std::exchange(rerouted, 0);
        if (sink) sink->intervention(row);
    }
}

// Links (and lanes) an intervention acts on, as the row of /interventions counts them.
std::int32_t Engine::affected_entities(std::int32_t index) const {
    for (const LinkIntervention& li : setup_.link_interventions)
        if (li.index == index) return static_cast<std::int32_t>(li.links.size() + li.lanes.size());
    for (const BanIntervention& b : setup_.bans)
        if (b.index == index) return static_cast<std::int32_t>(std::count(b.zone.begin(), b.zone.end(), 1));
    return 0;
}

// The schedule: every row names its work and its cadence in traffic steps, in the order the
// work runs within a step. A new domain adds its rows here and nothing else in the engine.
void Engine::build_schedule() {
    auto steps_of = [&](double s) -> std::int64_t { return s > 0 ? std::max<std::int64_t>(1, std::llround(s / dt_)) : 0; };
    const std::int64_t out = std::max<std::int64_t>(1, steps_of(scenario_.outputs.every_s));
    const std::int64_t vehicles = steps_of(scenario_.outputs.vehicles_every_s);
    const std::int64_t reroute = steps_of(scenario_.traffic.reroute_every_s);
    const std::int64_t power = power_ ? steps_of(power_->step_s()) : 0;
    const std::int64_t air = air_ ? air_->steps_per_air_step() : 0;
    Coupling& c = coupling_;
    schedule_.clear();
    schedule_.push_back({"traffic.reroute", {reroute}, false, true, false, [this](const Tick&, RunSink*) { traffic_->reroute(); }});
    schedule_.push_back({"traffic.advance", {1}, false, false, false, [this, &c](const Tick& t, RunSink*) { traffic_->advance(t, c); }});
    if (air_) {
        schedule_.push_back({"air.emissions", {1}, false, false, false, [this, &c](const Tick&, RunSink*) { air_->emit(c); }});
        schedule_.push_back({"air.advance", {air}, false, false, false, [this, &c](const Tick& t, RunSink*) { air_->advance(t, c); }});
    }
    // Trips that ended are handed on at output and power steps: their emissions filled in, the
    // electric ones plugged in, then counted and written.
    schedule_.push_back({"trips.exchange", {out, power}, true, false, true, [this, &c](const Tick& t, RunSink* sink) {
                             traffic_->take_arrivals(c);
                             if (air_) air_->fill_trips(c.arrived);
                             if (power_) power_->add_arrivals(c.arrived);
                             traffic_->hand_on(t, c, *sink);
                         }});
    if (power_) {
        schedule_.push_back({"power.advance", {power}, true, false, true, [this, &c](const Tick& t, RunSink*) { power_->advance(t, c); }});
        schedule_.push_back({"power.output", {power}, true, false, true, [this, &c](const Tick& t, RunSink* sink) { power_->output(t, c, *sink); }});
    }
    schedule_.push_back({"traffic.output", {out}, true, false, true, [this, &c](const Tick& t, RunSink* sink) { traffic_->output(t, c, *sink); }});
    if (air_)
        schedule_.push_back({"air.output", {out}, true, false, true, [this, &c](const Tick& t, RunSink* sink) { air_->output(t, c, *sink); }});
    schedule_.push_back({"traffic.vehicles", {vehicles}, false, false, true, [this](const Tick& t, RunSink* sink) { traffic_->vehicles(t, *sink); }});
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
    add_link_shapes(scenario_.network, n, g);
    return g;
}

RunMetadata Engine::metadata() const {
    RunMetadata m;
    m.scenario_name = scenario_.name;
    m.scenario_yaml = scenario_.source_text;
    m.scenario_file = scenario_.source_file;
    m.scenario_bases = scenario_.base_files;
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
    m.created_utc = sim::utc_now_iso();
    return m;
}

namespace {

bool multiple_of_any(std::int64_t step, const std::vector<std::int64_t>& every) {
    for (std::int64_t e : every)
        if (e > 0 && step % e == 0) return true;
    return false;
}

}  // namespace

void Engine::one_step(RunSink* sink) {
    if (next_event_ < events_.size()) apply_events(sink);
    for (const Row& r : schedule_)
        if (r.before_step && (sink || !r.writes) && step_ > 0 && multiple_of_any(step_, r.every)) r.work(tick(), sink);
    ++step_;
    const Tick now = tick();
    for (const Row& r : schedule_)
        if (!r.before_step && (sink || !r.writes) && (multiple_of_any(step_, r.every) || (r.at_end && now.last)))
            r.work(now, sink);
}

void Engine::step() { one_step(nullptr); }

RunEnd Engine::run(RunSink& sink, ProgressReporter& progress, const RunControl& control) {
    const auto wall0 = std::chrono::steady_clock::now();
    auto progress_state = [&] {
        const TrafficCounts c = traffic_->backend().counts();
        return ProgressState{time(), scenario_.duration_s, c.running, c.arrived, c.waiting};
    };
    auto add_wall = [&] { wall_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count(); };
    if (!outputs_started_) start_outputs(sink);
    while (step_ < total_steps_) {
        const auto s0 = std::chrono::steady_clock::now();
        one_step(&sink);
        loop_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
        if (progress.due()) progress.report(progress_state());
        if (step_ == total_steps_) break;
        const bool signalled = control.signal && *control.signal;
        const bool stop = control.stop_step == step_;
        const bool due = std::binary_search(control.checkpoint_steps.begin(), control.checkpoint_steps.end(), step_) ||
                         (control.checkpoint_every > 0 && step_ % control.checkpoint_every == 0);
        if ((due || stop || signalled) && control.write_checkpoint) {
            const double before = wall_s_;   // the checkpoint holds the time spent so far
            add_wall();
            control.write_checkpoint();
            if (!signalled && !stop) wall_s_ = before;
        } else if (signalled || stop) {
            add_wall();
        }
        if (signalled) return RunEnd::signalled;
        if (stop) return RunEnd::stopped;
    }
    progress.finish(progress_state());
    finish(sink);
    add_wall();
    return RunEnd::completed;
}

StateView Engine::state_view() {
    StateView v;
    v.network = geometry();
    traffic_->backend().vehicle_frame(time(), v.vehicles);
    if (air_) v.air = air_->backend().concentrations(time());
    return v;
}

void Engine::start_outputs(RunSink& sink) {
    sink.traffic_names(TrafficNames{setup_.types.id, setup_.trips.name});
    if (!scenario_.interventions.empty()) {
        InterventionTable table;
        for (const InterventionSpec& iv : scenario_.interventions) {
            table.ids.push_back(iv.id);
            table.actions.push_back(intervention_action_name(iv.action));
        }
        sink.intervention_table(table);
    }
    if (power_) sink.power_grid(power_->grid());
    if (air_layout_) sink.air_layout(*air_layout_);
    outputs_started_ = true;
}

std::vector<Kpi> Engine::run(RunSink& sink, ProgressReporter& progress) {
    run(sink, progress, RunControl{});
    return kpis();
}

void Engine::finish(RunSink& sink) {
    const Tick now = tick();
    if (air_) air_->finish(now, coupling_, sink);
    traffic_->finish(now, coupling_, sink);
    if (air_) air_->fill_trips(coupling_.arrived);
    traffic_->hand_on(now, coupling_, sink);
}

std::vector<Kpi> Engine::kpis() {
    const double t = time();
    const double vehicle_steps = static_cast<double>(traffic_->backend().counts().vehicle_steps);
    const std::vector<Kpi> run_kpis = {
        {"vehicle_updates_per_s", loop_s_ > 0 ? vehicle_steps / loop_s_ : 0.0, "s-1",
         "vehicle-steps per wall-clock second of the step loop"},
        {"steps", static_cast<double>(step_), "1", "traffic steps"},
        {"step_loop_time_s", loop_s_, "s", "wall-clock time spent in the step loop"},
        {"wall_time_s", wall_s_, "s", "wall-clock time of the run"},
        {"real_time_factor", wall_s_ > 0 ? t / wall_s_ : 0.0, "1", "simulated seconds per wall-clock second"},
    };
    std::vector<Kpi> kpis;
    for (Domain* d : domains()) {
        const std::vector<Kpi> k = d->kpis(t);
        kpis.insert(kpis.end(), k.begin(), k.end());
        if (d == traffic_.get()) kpis.insert(kpis.end(), run_kpis.begin(), run_kpis.end());
    }
    return kpis;
}

void Engine::save(StateWriter& w) {
    w.put("engine/clock", std::vector<std::int64_t>{step_, total_steps_});
    w.put("engine/timing", std::vector<double>{loop_s_, wall_s_});
    for (Domain* d : domains()) d->save(w);
}

void Engine::restore(const StateReader& r, const RestorePlan& plan) {
    const auto clock = r.get<std::int64_t>("engine/clock", 2);
    if (clock[0] < 0 || clock[0] > total_steps_)
        throw StateMismatch("the checkpoint is at step " + std::to_string(clock[0]) + ", past this run's " +
                            std::to_string(total_steps_) + " steps");
    for (Domain* d : domains()) d->restore(r, plan);
    const auto timing = r.get<double>("engine/timing", 2);
    step_ = clock[0];
    // Signal timing is a function of time, not state: as in force before this step.
    traffic_->retime_signals(time() - 0.5 * dt_);
    build_events();
    loop_s_ = timing[0];
    wall_s_ = timing[1];
}

void Engine::apply(const ScenarioChange& change) {
    for (Domain* d : domains()) d->apply(change);
    scenario_ = *change.scenario;
    build_schedule();
    build_events();
}

std::vector<std::string> Engine::domain_names() {
    std::vector<std::string> out;
    for (Domain* d : domains()) out.emplace_back(d->name());
    return out;
}

std::vector<Domain*> Engine::domains() {
    std::vector<Domain*> out{traffic_.get()};
    if (power_) out.push_back(power_.get());
    if (air_) out.push_back(air_.get());
    return out;
}

}  // namespace citytwin::sim
