#pragma once
// The one interface every domain of a run (traffic, power, air, and any later one) implements.
// The engine's schedule table (sim/core/engine.cpp) says when each is advanced and when it
// writes; the domains meet only through the engine's Coupling. Everything a domain keeps from
// one step to the next is its state: save() writes all of it, restore() reads it back, so a
// run split at a checkpoint continues bit for bit.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/run_records.hpp"
#include "sim/core/run_sink.hpp"
#include "sim/core/scenario.hpp"
#include "sim/core/state_archive.hpp"

namespace citytwin::sim {

class TrafficBackend;

// The engine's clock after a step.
struct Tick {
    std::int64_t step = 0;   // steps done
    double t = 0.0;          // seconds since the start: step · traffic.step
    bool last = false;       // the run's final step
};

// What the domains exchange through the engine (the engine owns it).
struct Coupling {
    TrafficBackend* traffic = nullptr;   // vehicles after the last step, on the run's device
    std::vector<TripRow> arrived;        // trips taken off the network at this exchange, trip order
};

// A change of the scenario while a run is under way (a fork, an intervention): the scenario as
// it now reads, and the key paths that changed. Domains take what can change mid-run.
struct ScenarioChange {
    double t = 0.0;
    const Scenario* scenario = nullptr;
    std::vector<std::string> keys;
};

class Domain {
public:
    virtual ~Domain() = default;
    virtual const char* name() const = 0;
    // Its work for the step that ended at tick.t (called at the domain's rate).
    virtual void advance(const Tick& tick, Coupling& coupling) = 0;
    // Its records at its output cadence.
    virtual void output(const Tick& tick, Coupling& coupling, RunSink& sink) = 0;
    // The end of the run: what remains (an unfinished air step, trips still under way).
    virtual void finish(const Tick& tick, Coupling& coupling, RunSink& sink) = 0;
    virtual std::vector<Kpi> kpis(double t_end) = 0;
    virtual void save(StateWriter& w) = 0;
    virtual void restore(const StateReader& r, const RestorePlan& plan) = 0;
    virtual void apply(const ScenarioChange& change) = 0;
};

}  // namespace citytwin::sim
