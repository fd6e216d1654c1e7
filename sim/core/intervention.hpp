#pragma once
// Interventions: what-if changes at a time of the run (docs/scenario-format.md §16). Each has
// one action; `until` reverts it. Closures, speed limits and signal retiming change the traffic
// state at a step boundary; weather, stacks, charging and PV are functions of time the models
// read; fleet and demand change the trips that depart in their window, decided when the trip
// table is built.
#include <optional>
#include <string>
#include <vector>

#include "sim/core/scenario_error.hpp"
#include "sim/core/weather.hpp"

namespace citytwin::sim {

enum class InterventionAction { Close, SpeedLimit, Weather, Stack, Charging, Fleet, Demand, Signal, Pv };

inline const char* intervention_action_name(InterventionAction a) {
    switch (a) {
        case InterventionAction::Close: return "close";
        case InterventionAction::SpeedLimit: return "speed_limit";
        case InterventionAction::Weather: return "weather";
        case InterventionAction::Stack: return "stack";
        case InterventionAction::Charging: return "charging";
        case InterventionAction::Fleet: return "fleet";
        case InterventionAction::Demand: return "demand";
        case InterventionAction::Signal: return "signal";
        case InterventionAction::Pv: return "pv";
    }
    return "?";
}

struct InterventionSpec {
    std::string id;
    InterventionAction action = InterventionAction::Close;
    double at_s = 0.0;                 // seconds since the start
    double until_s = -1.0;             // < 0: not reverted
    std::vector<std::string> links;    // close, speed_limit: link ids
    double speed_mps = 0.0;            // speed_limit
    WeatherOverride weather;           // weather (from_s/until_s filled from at/until)
    std::string stack;                 // stack: its id
    double scale = 1.0;                // stack: emission factor; demand: departure factor
    double max_power_kw = -1.0;        // charging: cap per session (< 0: the charger's)
    double start_after_s_of_day = -1.0;  // charging: sessions wait until this local time (< 0: none)
    std::string node;                  // signal: the signalised node
    std::optional<double> offset_s;    // signal: the plan's new offset
    double scale_green = 1.0;          // signal: factor on the phases with a green
    std::vector<std::string> buses;    // pv: bus ids ("BUS", or "FEEDER/BUS" where ids repeat)
    double kwp = 0.0;                  // pv: added to each bus
    std::string type;                  // fleet: the vehicle type
    double share = 0.0;                // fleet: its share of the later departures
    SourceMark mark;

    bool active_at(double t) const { return t >= at_s && (until_s < 0.0 || t < until_s); }
};

}  // namespace citytwin::sim
