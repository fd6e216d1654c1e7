#include "sim/traffic/traffic_model.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/traffic/link_interventions.hpp"

namespace citytwin::sim {

TrafficModel::TrafficModel(const TrafficSetup& setup, const DeviceChoice& device)
    : setup_(setup), step_s_(setup.settings.step_s) {
#if defined(CITYTWIN_HAVE_CUDA)
    if (device.backend == "cuda") backend_ = make_traffic_backend_cuda(setup, device.threads);
#endif
    if (!backend_) backend_ = make_traffic_backend_cpu(setup, device.threads);
}

void TrafficModel::advance(const Tick& tick, Coupling& coupling) {
    backend_->step(static_cast<double>(tick.step - 1) * step_s_, tick.step - 1);
    coupling.traffic = backend_.get();
}

void TrafficModel::hand_on(const Tick& tick, Coupling& coupling, RunSink& sink) {
    totals_.add(coupling.arrived, tick.t);
    sink.trips(std::move(coupling.arrived));
    coupling.arrived.clear();
}

namespace {

// A value that is no longer finite would make every later figure meaningless: the run ends at
// the first output that shows one, naming the domain, the step and what was not finite.
[[noreturn]] void not_finite(const Tick& tick, const std::string& what) {
    throw std::runtime_error("traffic: at step " + std::to_string(tick.step) + " (t = " +
                             std::to_string(static_cast<long long>(tick.t)) + " s) " + what +
                             " is not finite (NaN or infinite); the traffic model left its valid range");
}

}  // namespace

void TrafficModel::output(const Tick& tick, Coupling&, RunSink& sink) {
    LinkSeriesFrame f;
    backend_->link_frame(tick.t, tick.t - last_output_t_, f);
    last_output_t_ = tick.t;
    // NaN is the documented "no vehicle" of the means; density is always a number.
    for (std::size_t i = 0; i < f.density_veh_per_km.size(); ++i)
        if (!std::isfinite(f.density_veh_per_km[i]) || std::isinf(f.mean_speed_mps[i]) ||
            std::isinf(f.mean_travel_time_s[i]))
            not_finite(tick, "the link series of link " + setup_.net.link_id[i]);
    sink.links(std::move(f));
}

void TrafficModel::vehicles(const Tick& tick, RunSink& sink) {
    VehicleFrame vf;
    backend_->vehicle_frame(tick.t, vf);
    for (std::size_t i = 0; i < vf.id.size(); ++i)
        if (!std::isfinite(vf.x_m[i]) || !std::isfinite(vf.y_m[i]) || !std::isfinite(vf.speed_mps[i]))
            not_finite(tick, "the position or speed of the vehicle of trip " + std::to_string(vf.id[i]));
    sink.vehicles(std::move(vf));
}

void TrafficModel::finish(const Tick& tick, Coupling& coupling, RunSink&) {
    coupling.arrived = backend_->remaining_trips(tick.t);
}

std::vector<Kpi> TrafficModel::kpis(double) {
    std::vector<Kpi> kpis = totals_.kpis();
    const TrafficCounts c = backend_->counts();
    const std::vector<Kpi> counts = {
        {"vehicle_steps", static_cast<double>(c.vehicle_steps), "1", "vehicle updates over the run"},
        {"emergency_stops", static_cast<double>(c.emergency_stops), "1", "times a vehicle was held at an obstacle it could not stop for"},
        {"lane_changes", static_cast<double>(c.lane_changes), "1", "lane changes"},
        {"stuck_reroutes", static_cast<double>(c.stuck_reroutes), "1", "vehicles that took another turn after waiting at a lane end"},
        {"teleports", static_cast<double>(c.teleports), "1", "vehicles moved on to the next link after standing traffic.teleport_after at a line"},
        {"stops_served", static_cast<double>(c.stops_served), "1", "stops on routes served (buses at their stops)"},
        {"stops_missed", static_cast<double>(c.stops_missed), "1", "stops on routes a vehicle was already past"},
    };
    kpis.insert(kpis.end(), counts.begin(), counts.end());
    return kpis;
}

void TrafficModel::save(StateWriter& w) {
    backend_->save(w);
    totals_.save(w, "traffic/totals/");
    w.put_scalar("traffic/clock/last_output_t", last_output_t_);
}

void TrafficModel::restore(const StateReader& r, const RestorePlan& plan) {
    backend_->restore(r, plan);
    totals_.restore(r, "traffic/totals/");
    last_output_t_ = r.get_scalar<double>("traffic/clock/last_output_t");
}

void TrafficModel::retime_signals(double t) {
    if (setup_.net.plans() > 0) backend_->set_signals(signals_at(setup_.net, setup_.signal_phases, setup_.signal_interventions, t));
}

std::int64_t TrafficModel::intervene(double t) {
    if (!setup_.signal_interventions.empty()) retime_signals(t);
    std::int64_t rerouted = backend_->set_links(links_at(setup_.net, setup_.link_interventions, t));
    if (!setup_.bans.empty()) rerouted += backend_->set_route_blocks(ban_blocks_at(setup_.bans, setup_.types.size(), t));
    return rerouted;
}

TripRuleCounts TrafficModel::change_trips(std::int32_t index, double t) {
    TripRule rule;
    rule.t_s = t;
    for (const BanIntervention& b : setup_.bans)
        if (b.index == index) {
            rule.links = b.zone;
            rule.types = b.banned;
            rule.window_end_s = b.until_s;
            rule.replace_with = b.replace_with;
            return backend_->apply_trip_rule(rule);
        }
    for (const LinkIntervention& li : setup_.link_interventions)
        if (li.index == index && li.action == InterventionAction::Close && li.cancel_closed_ends) {
            // The links closed, with those whose every lane the closure closes.
            const LinkState closed = links_at(setup_.net, {li}, li.at_s);
            rule.links.assign(setup_.net.links(), 0);
            for (std::int32_t l = 0; l < setup_.net.links(); ++l) rule.links[l] = closed.closed[l] && !setup_.net.link_closed[l];
            rule.types.assign(static_cast<std::size_t>(setup_.types.size()), 1);
            rule.window_end_s = li.until_s;
            return backend_->apply_trip_rule(rule);
        }
    return {};
}

void TrafficModel::apply(const ScenarioChange& change) {
    backend_->apply(change.scenario->traffic);
    // The engine's setup is the changed scenario's: its closures, with the interventions in
    // force before this step (those due now are the engine's to apply, and to log).
    intervene(change.t - 0.5 * step_s_);
}

}  // namespace citytwin::sim
