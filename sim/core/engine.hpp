#pragma once
// The engine: one clock, the traffic state on the chosen backend, output intervals, KPIs.
// Power and air will step on the same clock; their coupling buffers belong here.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/air/air_model.hpp"
#include "sim/core/air_records.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/progress.hpp"
#include "sim/core/run_records.hpp"
#include "sim/core/scenario.hpp"
#include "sim/power/power_model.hpp"
#include "sim/power/power_records.hpp"
#include "sim/traffic/traffic_backend.hpp"

namespace citytwin::sim {

// Where a run's records go (the CLI writes them to HDF5).
class RunSink {
public:
    virtual ~RunSink() = default;
    virtual void links(LinkSeriesFrame&& frame) = 0;
    virtual void vehicles(VehicleFrame&& frame) = 0;
    virtual void trips(std::vector<TripRow>&& rows) = 0;
    virtual void air(AirFrame&&) {}   // only runs with an air model produce these
    // The grid once before the first power frame, then one frame per power step.
    virtual void power_grid(const PowerGrid&) {}
    virtual void power(PowerFrame&&) {}
};

// Network, demand and trips of a scenario, ready for a backend. Throws ScenarioError.
TrafficSetup build_traffic_setup(const Scenario& scenario);

class Engine {
public:
    // Throws ScenarioError when the scenario is inconsistent or too large for the device.
    Engine(const Scenario& scenario, const DeviceChoice& device);

    const TrafficSetup& setup() const { return setup_; }
    TrafficBackend& traffic() { return *traffic_; }
    AirModel* air() { return air_.get(); }   // nullptr without an air: section
    PowerModel* power() { return power_.get(); }   // null when the scenario has no grid
    const DeviceChoice& device() const { return device_; }
    NetworkGeometry geometry() const;
    RunMetadata metadata() const;

    std::int64_t total_steps() const { return total_steps_; }
    std::int64_t steps_done() const { return step_; }
    double time() const { return static_cast<double>(step_) * dt_; }

    // One traffic step (with rerouting when due). For tests and the run loop.
    void step();
    // The whole run: steps, output frames, trips; returns the KPIs.
    std::vector<Kpi> run(RunSink& sink, ProgressReporter& progress);

private:
    Scenario scenario_;
    DeviceChoice device_;
    TrafficSetup setup_;
    std::unique_ptr<TrafficBackend> traffic_;
    std::unique_ptr<AirModel> air_;
    std::unique_ptr<PowerModel> power_;
    double dt_;
    std::int64_t step_ = 0, total_steps_ = 0, reroute_steps_ = 0;
};

}  // namespace citytwin::sim
