#pragma once
// Closures, lane closures, lane reductions and speed limits of interventions, resolved to link
// and lane indices, and the state of the links they give at any time: the network's own
// closures and speeds with every intervention active then applied in order (by priority, so
// the higher priority wins). A function of time only, so a run and a fork agree.
#include <cstdint>
#include <vector>

#include "sim/core/intervention.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct LinkIntervention {
    std::int32_t index = 0;               // into the scenario's interventions
    InterventionAction action = InterventionAction::Close;
    double at_s = 0.0, until_s = -1.0;
    std::vector<std::int32_t> links;      // closed, limited, or narrowed to n_lanes
    std::vector<std::int32_t> lanes;      // closed (global lane indices)
    std::int32_t n_lanes = 0;
    double speed_mps = 0.0;
    bool cancel_closed_ends = false;      // close: trips to or from the closed links are cancelled
};

// What the links are at a time. A lane that admits no vehicle is closed; a link whose lanes are
// all closed is closed; a movement (a predecessor entry of the routing graph) is open while a
// car can still make it on open lanes.
struct LinkState {
    std::vector<std::uint8_t> closed;
    std::vector<double> speed_mps;
    std::vector<std::uint8_t> lane_allow;
    std::vector<std::uint8_t> pred_open;   // per entry of RoadNetwork::pred_link
};

// Throws ScenarioError naming the intervention and the id for a link or lane the network lacks,
// or a lane count above the link's.
std::vector<LinkIntervention> resolve_link_interventions(const RoadNetwork& net,
                                                         const std::vector<InterventionSpec>& interventions);

LinkState links_at(const RoadNetwork& net, const std::vector<LinkIntervention>& ivs, double t_s);

// Whether movement from -> to can be made by a car on lanes that admit it.
std::vector<std::uint8_t> open_movements(const RoadNetwork& net, const std::vector<std::uint8_t>& lane_allow);

// The lane index of a lane id "<link id>_<index>" (SUMO's lane ids; the same pattern for every
// network), or -1.
std::int32_t lane_by_id(const RoadNetwork& net, const std::string& id);

}  // namespace citytwin::sim
