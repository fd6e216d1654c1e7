#pragma once
// Closures and speed limits of interventions, resolved to link indices, and the state of the
// links they give at any time: the network's own closures and speeds with every intervention
// active then applied in order. A function of time only, so a run and a fork agree.
#include <cstdint>
#include <vector>

#include "sim/core/intervention.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct LinkIntervention {
    std::int32_t index = 0;               // into the scenario's interventions
    InterventionAction action = InterventionAction::Close;
    double at_s = 0.0, until_s = -1.0;
    std::vector<std::int32_t> links;
    double speed_mps = 0.0;
};

// A signal intervention resolved to its plan.
struct SignalIntervention {
    std::int32_t index = 0;
    double at_s = 0.0, until_s = -1.0;
    std::int32_t plan = 0;
    bool set_offset = false;
    double offset_s = 0.0, scale_green = 1.0;
};

// Throws ScenarioError naming the intervention and the id for a link the network lacks.
std::vector<LinkIntervention> resolve_link_interventions(const RoadNetwork& net,
                                                         const std::vector<InterventionSpec>& interventions);

// Throws ScenarioError for a node that is not there or has no signal plan.
std::vector<SignalIntervention> resolve_signal_interventions(const RoadNetwork& net,
                                                             const std::vector<InterventionSpec>& interventions);

// Offsets, phase durations and cycles of every plan at `t_s`: the network's, with the active
// signal interventions applied (scale_green stretches each phase that shows a green).
void signals_at(const RoadNetwork& net, const std::vector<SignalIntervention>& ivs, double t_s, std::vector<double>& offset,
                std::vector<double>& duration, std::vector<double>& cycle);

void links_at(const RoadNetwork& net, const std::vector<LinkIntervention>& ivs, double t_s,
              std::vector<std::uint8_t>& closed, std::vector<double>& speed_mps);

}  // namespace citytwin::sim
