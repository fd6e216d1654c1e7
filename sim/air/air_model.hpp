#pragma once
// The air model as the engine drives it: builds the setup and the backend state, takes each
// traffic step's emissions, steps the dispersion every air.step with the weather of the moment
// and the stacks' emissions, and reports frames, per-trip emissions and the air KPIs.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/air/air_backend.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/run_records.hpp"
#include "sim/core/scenario.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {

class AirModel {
public:
    // Throws ScenarioError for a bad setup and for a grid too large for the device.
    AirModel(const Scenario& scenario, const TrafficSetup& traffic, const DeviceChoice& device);

    // After each traffic step (`steps_done` steps, now at time t): emissions, and the air step
    // when one is due.
    void after_traffic_step(TrafficBackend& traffic, std::int64_t steps_done, double t);
    // Steps over what remains since the last air step (a run whose end is not on an air step).
    void finish(double t);
    AirFrame frame(double t);
    // Per-trip emitted mass into the rows (grams).
    void fill_trips(std::vector<TripRow>& rows);
    std::vector<Kpi> kpis(double t_end);

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
