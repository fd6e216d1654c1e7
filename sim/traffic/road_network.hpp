#pragma once
// The compiled road network: flat arrays ready to copy to the device. Links are directed
// carriageways with lanes (lane 0 is the rightmost); connections join a lane of one link to a
// lane of the next through a junction; foes are the connections a connection must yield to.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/core/scenario.hpp"

namespace citytwin::sim {

// Signal state of a connection, as in SUMO's tlLogic state strings.
enum SignalState : std::uint8_t {
    kRed = 'r',
    kYellow = 'y',
    kGreenMinor = 'g',   // may go, yielding to conflicting traffic
    kGreenMajor = 'G',   // may go with priority
    kStopMinor = 's',    // unsignalised stop sign: halt at the line, then go as a minor movement
};

enum class TurnKind : std::uint8_t { Through = 0, Right = 1, Left = 2, UTurn = 3 };

struct RoadNetwork {
    // nodes
    std::vector<std::string> node_id;
    std::vector<double> node_x, node_y;
    std::vector<std::int32_t> node_plan;        // signal plan index, -1 if none

    // links
    std::vector<std::string> link_id;
    std::vector<std::int32_t> link_from, link_to;   // node indices
    std::vector<std::int32_t> link_lanes, link_first_lane;
    std::vector<double> link_length, link_speed;
    std::vector<std::int32_t> link_priority;
    std::vector<std::uint8_t> link_closed;

    // lanes (global index = link_first_lane[l] + i)
    std::vector<std::int32_t> lane_link;
    std::vector<std::int32_t> lane_index;
    std::vector<std::uint8_t> lane_allow;       // LaneClass bits of the vehicles it admits

    // connections, grouped by from-lane: lane ℓ owns [lane_conn_begin[ℓ], lane_conn_begin[ℓ+1])
    std::vector<std::int32_t> lane_conn_begin;
    std::vector<std::int32_t> conn_from_lane, conn_to_lane, conn_from_link, conn_to_link;
    std::vector<std::int32_t> conn_node;
    std::vector<TurnKind> conn_turn;
    std::vector<float> conn_speed;              // highest speed through the movement (m/s)
    std::vector<std::int32_t> conn_plan;        // signal plan, -1 if unsignalised
    std::vector<std::int32_t> conn_plan_slot;   // index into the plan's state columns
    std::vector<std::uint8_t> conn_static_state;  // unsignalised: kGreenMajor, kGreenMinor or kStopMinor
    // Length of the way through the junction (SUMO's internal lanes, a split one summed); 0
    // where junctions are points (generated grids, OpenStreetMap imports).
    std::vector<float> conn_via_length;
    // Of it, the part beyond a split left turn's waiting point (SUMO's internal junction), where
    // SUMO has the vehicle yield to the opposing stream; 0: not split.
    std::vector<float> conn_via_after_wait;
    std::vector<std::uint8_t> conn_keep_clear;  // 1: never enter without room to leave the junction

    // foes, grouped by connection: c owns [conn_foe_begin[c], conn_foe_begin[c+1])
    std::vector<std::int32_t> conn_foe_begin;
    std::vector<std::int32_t> foe_conn;
    // 1: yield to this foe whenever it may go (priority junctions); 0: only when it has
    // priority green or yellow (signals: a 'g' movement yields to 'G' traffic).
    std::vector<std::uint8_t> foe_always;
    // crossings, grouped by connection: the connections whose way through the junction meets
    // c's (SUMO's request "foes"), whatever their priority; a vehicle still on one of them
    // holds c. Empty where junctions are points.
    std::vector<std::int32_t> conn_cross_begin;
    std::vector<std::int32_t> cross_conn;

    // link successors (distinct next links), grouped by link: l owns [link_succ_begin[l], ...+1)
    std::vector<std::int32_t> link_succ_begin;
    std::vector<std::int32_t> succ_link;
    std::vector<std::uint32_t> succ_lane_mask;  // bit i: lane i of l has a connection to succ_link
    // predecessors for backward routing, grouped by link
    std::vector<std::int32_t> link_pred_begin;
    std::vector<std::int32_t> pred_link;

    // signal plans (fixed time): plan p has phases [plan_phase_begin[p], plan_phase_begin[p+1])
    // and plan_slots[p] state columns; phase k's states are
    // phase_state[phase_state_begin[k] .. + plan_slots[p]).
    std::vector<std::int32_t> plan_node;
    std::vector<double> plan_offset, plan_cycle;
    std::vector<std::int32_t> plan_phase_begin;
    std::vector<std::int32_t> plan_slots;
    std::vector<double> phase_duration;
    std::vector<std::int32_t> phase_state_begin;
    std::vector<std::uint8_t> phase_state;

    std::unordered_map<std::string, std::int32_t> link_by_id;
    std::unordered_map<std::string, std::int32_t> node_by_id;

    std::int32_t nodes() const { return static_cast<std::int32_t>(node_id.size()); }
    std::int32_t links() const { return static_cast<std::int32_t>(link_id.size()); }
    std::int32_t lanes() const { return static_cast<std::int32_t>(lane_link.size()); }
    std::int32_t connections() const { return static_cast<std::int32_t>(conn_from_lane.size()); }
    std::int32_t plans() const { return static_cast<std::int32_t>(plan_node.size()); }
};

// Builds the network a scenario describes (generated grid or listed nodes and links).
// Throws ScenarioError for references that do not resolve.
// A lane network (spec.lanes) goes to build_lane_network.
RoadNetwork build_road_network(const TrafficSettings& traffic, const NetworkSpec& spec);

// Successor and predecessor lists of links, from the connections (the last step of a build).
void build_adjacency(RoadNetwork& net);

// Builds a network given lane by lane (SUMO's), keeping its connections, right of way and
// signal programs as they are.
RoadNetwork build_lane_network(const LaneNetworkSpec& spec);

// The generated grid as listed nodes, links and signal plans (ids n<row>_<col>, "<from>-<to>").
NetworkSpec expand_grid(const GridNetworkSpec& grid);

}  // namespace citytwin::sim
