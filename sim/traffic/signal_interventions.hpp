#pragma once
// Signal interventions resolved to their plans: a new offset, greens stretched or shrunk
// (scale_green), or a new phase plan. A new plan takes over at the end of the running plan's
// cycle after `at` (as a controller switches programs) and hands back at the end of its own
// cycle after `until`; its phases are appended to the network's, so the device holds every plan
// a run can switch to. The signals at any time are a function of time alone.
#include <cstdint>
#include <vector>

#include "sim/core/intervention.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct SignalIntervention {
    std::int32_t index = 0;             // into the scenario's interventions
    double at_s = 0.0, until_s = -1.0;  // in force (a new plan: from the cycle end after at to the one after until)
    std::int32_t plan = 0;
    bool set_offset = false;
    double offset_s = 0.0, scale_green = 1.0;
    std::int32_t phase_begin = -1, phase_end = -1;   // a new plan's phases in SignalPhases; -1: none
};

// Every phase a run may show: the network's, then each new plan's.
struct SignalPhases {
    std::vector<double> duration;
    std::vector<std::int32_t> state_begin;
    std::vector<std::uint8_t> state;
};

// The plans at a time.
struct SignalTiming {
    std::vector<double> offset, cycle, duration;
    std::vector<std::int32_t> phase_begin, phase_end;   // per plan, into SignalPhases
};

// Throws ScenarioError for a node that is not there or has no signal plan, a movement the node
// does not have, or a state string of the wrong length. Fills `phases`.
std::vector<SignalIntervention> resolve_signal_interventions(const RoadNetwork& net,
                                                             const std::vector<InterventionSpec>& interventions,
                                                             SignalPhases& phases);

// The signals at `t_s`: the network's plans with the interventions in force then applied in
// order (by priority: the last wins).
SignalTiming signals_at(const RoadNetwork& net, const SignalPhases& phases, const std::vector<SignalIntervention>& ivs, double t_s);

}  // namespace citytwin::sim
