#pragma once
// Interventions: what-if changes at a time of the run (docs/scenario-format.md §16). Each has
// one action; `until` reverts it. Closures, speed limits and signal retiming change the traffic
// state at a step boundary; weather, stacks, charging and PV are functions of time the models
// read; fleet and demand change the trips that depart in their window, decided when the trip
// table is built; bans and cancellations change trips at their time. Lanes, bans, batteries and
// feeder lines are resolved against the built network and grid.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/scenario_error.hpp"
#include "sim/core/time_window.hpp"
#include "sim/core/weather.hpp"

namespace citytwin::sim {

enum class InterventionAction { Close, SpeedLimit, Weather, Stack, Charging, Fleet, Demand, Signal, Pv, Lanes, Ban, Battery, Feeder };

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
        case InterventionAction::Lanes: return "lanes";
        case InterventionAction::Ban: return "ban";
        case InterventionAction::Battery: return "battery";
        case InterventionAction::Feeder: return "feeder";
    }
    return "?";
}

// One phase of a new signal plan: movements "in>out" by link ids, or a SUMO state string with a
// character per connection of the node's plan.
struct InterventionPhase {
    double duration_s = 0.0;
    std::vector<std::string> green, minor, yellow;
    std::string state;               // non-empty: SUMO tlLogic state, overrides the lists
    SourceMark mark;
};

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
    int priority = 0;                  // of two overlapping on the same thing, the higher is in force
    std::vector<std::string> lanes;    // close: lane ids ("LINK_INDEX", SUMO lane ids)
    std::int32_t n_lanes = 0;          // lanes: lanes kept open (the rightmost ones)
    std::vector<std::pair<double, double>> area;   // speed_limit, ban: polygon, m in network coordinates
    bool cancel_closed_ends = false;   // close: on_closed_end cancel
    std::vector<std::string> ban_types, ban_classes;   // ban: vehicle type ids, emission classes
    std::string replace_with;          // ban: the type trips starting or ending inside switch to ("": cancelled)
    std::vector<InterventionPhase> phases;   // signal: a new plan (empty: offset/scale_green)
    double demand_from_s = -1.0, demand_to_s = -1.0;   // demand: departure window (< 0: at / until)
    std::string bus;                   // battery: "BUS" or "FEEDER/BUS"; feeder: the branch's feeder
    double battery_kwh = 0.0, battery_kw = 0.0, threshold_kw = 0.0;
    double initial_soc = 0.5;          // battery: state of charge at `at`
    std::string branch;                // feeder: the branch id ("FEEDER/BRANCH" or its to-bus)
    double r_ohm = 0.0, x_ohm = 0.0;
    SourceMark mark;

    bool active_at(double t) const { return in_window(t, at_s, until_s); }
    // demand: whether a departure at `t` is in the window it scales.
    bool scales_departure(double t) const {
        return in_window(t, demand_from_s >= 0.0 ? demand_from_s : at_s, demand_to_s >= 0.0 ? demand_to_s : until_s);
    }
};

}  // namespace citytwin::sim
