#pragma once
// The engine: one clock, the domains (traffic, and power and air when the scenario has them),
// one schedule table saying which domain does what at which step, and one loop over it that
// the CLI, the tests and the benches all use. Checkpoints save the clock and every domain's
// state; a restored engine continues bit for bit.
#include <csignal>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "sim/air/air_model.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/domain.hpp"
#include "sim/core/progress.hpp"
#include "sim/core/run_records.hpp"
#include "sim/core/run_sink.hpp"
#include "sim/core/scenario.hpp"
#include "sim/core/state_view.hpp"
#include "sim/power/power_model.hpp"
#include "sim/traffic/traffic_model.hpp"

namespace citytwin::sim {

// Network, demand and trips of a scenario, ready for a backend. Throws ScenarioError.
TrafficSetup build_traffic_setup(const Scenario& scenario);

// Checkpoints and stopping, for Engine::run.
struct RunControl {
    std::vector<std::int64_t> checkpoint_steps;   // write a checkpoint after these steps
    std::int64_t checkpoint_every = 0;            // and after every multiple of this many steps; 0: none
    std::int64_t stop_step = -1;                  // end the run after this step (its checkpoint first)
    // Set (by a signal handler): finish the current step, write a checkpoint and stop.
    const volatile std::sig_atomic_t* signal = nullptr;
    std::function<void()> write_checkpoint;       // drains the outputs and writes one
};

enum class RunEnd { completed, stopped, signalled };

class Engine {
public:
    // Throws ScenarioError when the scenario is inconsistent or too large for the device.
    Engine(const Scenario& scenario, const DeviceChoice& device);
    // With a traffic setup built elsewhere (a fork whose later departures changed).
    Engine(const Scenario& scenario, const DeviceChoice& device, TrafficSetup setup);
    Engine(const Engine&) = delete;   // the schedule refers to the engine's own members
    Engine& operator=(const Engine&) = delete;

    const Scenario& scenario() const { return scenario_; }
    const TrafficSetup& setup() const { return setup_; }
    TrafficBackend& traffic() { return traffic_->backend(); }
    AirModel* air() { return air_.get(); }   // nullptr without an air: section
    PowerModel* power() { return power_.get(); }   // null when the scenario has no grid
    const DeviceChoice& device() const { return device_; }
    NetworkGeometry geometry() const;
    // The network, the running vehicles and the air's concentrations now (a checkpoint's view);
    // changes no state.
    StateView state_view();
    RunMetadata metadata() const;

    std::int64_t total_steps() const { return total_steps_; }
    std::int64_t steps_done() const { return step_; }
    double step_s() const { return dt_; }
    double time() const { return static_cast<double>(step_) * dt_; }

    // One step of every domain, without outputs (tests).
    void step();
    // The outputs' layouts (the power grid, the air fields) into `sink`, once; run() does it when
    // nobody did before (a resumed run does it before copying its prefix).
    void start_outputs(RunSink& sink);
    // Steps until the end, or until `control` says stop; outputs go to `sink`.
    RunEnd run(RunSink& sink, ProgressReporter& progress, const RunControl& control);
    // The whole run; returns the KPIs.
    std::vector<Kpi> run(RunSink& sink, ProgressReporter& progress);
    // The KPIs of a completed run.
    std::vector<Kpi> kpis();

    // The clock and every domain's state (checkpoints).
    void save(StateWriter& w);
    void restore(const StateReader& r, const RestorePlan& plan);
    // A change of the scenario from now on (a fork's --set): every domain takes its part.
    void apply(const ScenarioChange& change);
    // The run's domains, traffic first: what checkpoints hold and KPIs come from.
    std::vector<Domain*> domains();
    std::vector<std::string> domain_names();

private:
    struct Row {
        const char* name;                  // what it does, for the docs and errors
        std::vector<std::int64_t> every;   // due after steps that are a multiple of any of these (0: never)
        bool at_end;                       // also due after the last step
        bool before_step;                  // runs before the step (rerouting), when the clock is past 0
        bool writes;                       // needs the sink (skipped by step())
        std::function<void(const Tick&, RunSink*)> work;
    };
    void build_schedule();
    // Interventions: applied (and reverted) at the first step boundary at or after their times.
    struct Event {
        std::int64_t step;
        std::int32_t intervention;
        bool applied;
    };
    void build_events();
    void apply_events(RunSink* sink);
    std::int32_t affected_entities(std::int32_t index) const;
    void one_step(RunSink* sink);
    void finish(RunSink& sink);
    Tick tick() const { return Tick{step_, time(), step_ == total_steps_}; }

    Scenario scenario_;
    DeviceChoice device_;
    TrafficSetup setup_;
    double dt_;
    std::unique_ptr<TrafficModel> traffic_;
    std::unique_ptr<PowerModel> power_;
    std::unique_ptr<AirModel> air_;
    std::optional<AirFrame> air_layout_;
    bool outputs_started_ = false;
    std::vector<Row> schedule_;
    std::vector<Event> events_;
    std::size_t next_event_ = 0;
    Coupling coupling_;
    std::int64_t step_ = 0, total_steps_ = 0;
    double loop_s_ = 0.0, wall_s_ = 0.0;   // timing, summed over the parts of a split run
};

}  // namespace citytwin::sim
