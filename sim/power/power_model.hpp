#pragma once
// The power model of a run: each power step assembles every bus's load (land use, temperature,
// EV charging, PV) and solves all feeders in one batched sweep on the run's backend; it keeps
// the grid KPIs. The engine drives it on its clock and feeds it the trips that arrived.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/device_select.hpp"
#include "sim/core/domain.hpp"
#include "sim/core/run_records.hpp"
#include "sim/core/scenario.hpp"
#include "sim/power/battery_bank.hpp"
#include "sim/power/ev_charging.hpp"
#include "sim/power/power_backend.hpp"
#include "sim/power/power_records.hpp"
#include "sim/power/power_setup.hpp"

namespace citytwin::sim {

class PowerModel final : public Domain {
public:
    // `types`: the vehicle types the trips' type indices refer to.
    PowerModel(const Scenario& scenario, PowerSetup setup, const std::vector<VehicleTypeSpec>& types,
               const DeviceChoice& device);

    double step_s() const { return step_s_; }
    const PowerSetup& setup() const { return setup_; }
    PowerGrid grid() const;
    const EvCharging& ev() const { return ev_; }

    void add_arrivals(const std::vector<TripRow>& rows) { ev_.add_arrivals(rows); }
    // Solves the interval [t0, t1) (seconds since the start): loads are the interval's means
    // (EV) or taken at its middle (profiles, weather, sun).
    PowerFrame step(double t0, double t1);

    std::vector<Kpi> kpis() const;

    // The domain interface: advance solves the power step ending at tick.t, output writes it.
    const char* name() const override { return "power"; }
    void advance(const Tick& tick, Coupling& coupling) override;
    void output(const Tick& tick, Coupling& coupling, RunSink& sink) override;
    void finish(const Tick&, Coupling&, RunSink&) override {}
    std::vector<Kpi> kpis(double) override { return kpis(); }
    void save(StateWriter& w) override;
    void restore(const StateReader& r, const RestorePlan& plan) override;
    // Weather and the load model take effect from the next power step.
    void apply(const ScenarioChange& change) override;
    // "feeder d0_1 at 3600 s: ..." for elements that did not converge (the first few).
    const std::vector<std::string>& warnings() const { return warnings_; }
    std::int64_t non_converged() const { return non_converged_; }

private:
    LoadStepFactors factors(double t_mid, PowerFrame& frame) const;
    // The loads of [t0, t1): the load model's, EV charging, and the batteries' dispatch.
    void assemble(double t0, double t1, const LoadStepFactors& f, const std::vector<double>& ev_kw);

    WeatherSpec weather_;
    double start_seconds_of_day_;
    int start_day_of_year_;
    PowerSetup setup_;
    LoadModelSpec loads_;
    double step_s_;
    std::unique_ptr<PowerBackend> backend_;
    EvCharging ev_;
    BatteryBank batteries_;
    std::vector<std::string> warnings_;
    std::int64_t non_converged_ = 0, converged_ = 0, steps_ = 0;
    double peak_kw_ = 0.0, energy_kwh_ = 0.0, loss_kwh_ = 0.0, v_min_ = 1e300, v_max_ = 0.0;
    double minutes_below_ = 0.0, minutes_above_ = 0.0, bus_minutes_below_ = 0.0, bus_minutes_above_ = 0.0;
    double overload_minutes_ = 0.0, ev_peak_kw_ = 0.0, ev_peak_hour_ = 0.0;
    double last_t_ = 0.0;              // end of the last power step
    std::optional<PowerFrame> pending_;  // solved, not written yet
};

}  // namespace citytwin::sim
