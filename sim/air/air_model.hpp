#pragma once
// The air model as the engine drives it: builds the setup and the backend state, takes each
// traffic step's emissions, steps the dispersion every air.step with the weather of the moment
// and the stacks' emissions, and reports frames, per-trip emissions and the air KPIs.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/air/air_backend.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/domain.hpp"
#include "sim/core/run_records.hpp"
#include "sim/core/scenario.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {

class AirModel final : public Domain {
public:
    // Throws ScenarioError for a bad setup and for a grid too large for the device.
    AirModel(const Scenario& scenario, const TrafficSetup& traffic, const DeviceChoice& device);
    // With the setup already built (the engine builds it first, for its memory estimate).
    AirModel(const Scenario& scenario, const TrafficSetup& traffic, const DeviceChoice& device, AirSetup setup);

    const char* name() const override { return "air"; }
    // Traffic steps per air step (the engine's schedule).
    std::int64_t steps_per_air_step() const { return air_every_; }
    // The emissions of the traffic step just taken (every traffic step).
    void emit(const Coupling& coupling);
    // The air step ending at tick.t: the stacks' emissions, transport with the weather of the moment.
    void advance(const Tick& tick, Coupling& coupling) override;
    // The fields at tick.t.
    void output(const Tick& tick, Coupling& coupling, RunSink& sink) override;
    // Steps over what remains since the last air step (a run whose end is not on an air step).
    void finish(const Tick& tick, Coupling& coupling, RunSink& sink) override;
    AirFrame frame(double t);
    // The layout of the frames (grid, field names and units, no values): written once at the start.
    AirFrame layout();
    // Per-trip emitted mass into the rows (grams).
    void fill_trips(std::vector<TripRow>& rows);
    std::vector<Kpi> kpis(double t_end) override;
    void save(StateWriter& w) override;
    void restore(const StateReader& r, const RestorePlan& plan) override;
    // Weather and stacks take effect from the next air step.
    void apply(const ScenarioChange& change) override;

    const AirSetup& setup() const { return setup_; }
    AirBackend& backend() { return *backend_; }

private:
    void advance_to(double t);
    void close_day(double t);

    WeatherSpec weather_;
    std::vector<std::int32_t> vehicle_types_;  // per trip
    AirSetup setup_;
    std::unique_ptr<AirBackend> backend_;
    std::int64_t air_every_ = 1;       // traffic steps per air step
    double last_air_t_ = 0.0, last_frame_t_ = 0.0, day_start_t_ = 0.0;
    std::vector<double> day_start_integral_;
    double who_cell_hours_no2_ = 0.0, who_cell_hours_pm25_ = 0.0;
};

}  // namespace citytwin::sim
