#pragma once
// The traffic domain as the engine drives it: the vehicles on the run's backend, rerouting,
// the trips handed on when they end (and their totals for the KPIs), the link series and the
// vehicle frames.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/core/device_select.hpp"
#include "sim/core/domain.hpp"
#include "sim/core/trip_totals.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {

class TrafficModel final : public Domain {
public:
    TrafficModel(const TrafficSetup& setup, const DeviceChoice& device);

    const char* name() const override { return "traffic"; }
    TrafficBackend& backend() { return *backend_; }

    // One step from tick.t - step (the step the tick ends).
    void advance(const Tick& tick, Coupling& coupling) override;
    void reroute() { backend_->reroute(); }
    // The trips that ended since the last exchange, into coupling.arrived.
    void take_arrivals(Coupling& coupling) { coupling.arrived = backend_->take_arrived_trips(); }
    // Counts the exchanged trips and writes them.
    void hand_on(const Tick& tick, Coupling& coupling, RunSink& sink);
    // The link series since the last one.
    void output(const Tick& tick, Coupling& coupling, RunSink& sink) override;
    void vehicles(const Tick& tick, RunSink& sink);
    // Closures, lanes, speed limits, signals and bans as the interventions have them just after
    // `t` (the links' state from this step on); returns the vehicles that turned away from a
    // closed link or a banned zone.
    std::int64_t intervene(double t);
    // The change intervention `index` makes to trips when it begins at `t` (a ban, a closure
    // with on_closed_end: cancel); nothing for other actions.
    TripRuleCounts change_trips(std::int32_t index, double t);
    // The signal plans as the interventions have them at `t` (after a restore).
    void retime_signals(double t);
    // Every trip not handed on yet, with its state at the end, into coupling.arrived.
    void finish(const Tick& tick, Coupling& coupling, RunSink& sink) override;
    std::vector<Kpi> kpis(double t_end) override;
    void save(StateWriter& w) override;
    void restore(const StateReader& r, const RestorePlan& plan) override;
    void apply(const ScenarioChange& change) override;

private:
    const TrafficSetup& setup_;
    double step_s_;
    std::unique_ptr<TrafficBackend> backend_;
    TripTotals totals_;
    double last_output_t_ = 0.0;
};

}  // namespace citytwin::sim
