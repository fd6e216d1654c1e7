// Compiles a lane-by-lane network (SUMO's) into the device arrays. Unlike the builder for
// listed nodes and links, nothing is derived here: lanes, connections, who yields to whom and
// the signal programs are taken as given. Link i is edge i of the spec.
#include <algorithm>
#include <numeric>

#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

namespace {

TurnKind turn_of(char dir) {
    switch (dir) {
        case 'r': case 'R': return TurnKind::Right;
        case 'l': case 'L': return TurnKind::Left;
        case 't': case 'T': return TurnKind::UTurn;
        default: return TurnKind::Through;
    }
}

void add_nodes_and_links(const LaneNetworkSpec& spec, RoadNetwork& net) {
    for (const JunctionEntry& j : spec.junctions) {
        net.node_by_id[j.id] = net.nodes();
        net.node_id.push_back(j.id);
        net.node_x.push_back(j.x_m);
        net.node_y.push_back(j.y_m);
        net.node_plan.push_back(-1);
    }
    for (const EdgeEntry& e : spec.edges) {
        if (e.lanes.size() > 32)
            throw ScenarioError(e.mark, "<edge>", "edge '" + e.id + "' has " + std::to_string(e.lanes.size()) +
                                                      " lanes; at most 32 are supported");
        const auto l = net.links();
        net.link_by_id[e.id] = l;
        net.link_id.push_back(e.id);
        net.link_from.push_back(e.from);
        net.link_to.push_back(e.to);
        net.link_lanes.push_back(static_cast<std::int32_t>(e.lanes.size()));
        net.link_first_lane.push_back(net.lanes());
        double length = 0.0, speed = 0.0;
        for (const LaneEntry& ln : e.lanes) {
            length += ln.length_m;
            speed = std::max(speed, ln.speed_mps);
        }
        // Lanes of a curved edge differ slightly in length; one length per link: their mean.
        net.link_length.push_back(std::max(0.2, length / static_cast<double>(e.lanes.size())));
        net.link_speed.push_back(speed);
        net.link_priority.push_back(e.priority);
        net.link_closed.push_back(0);
        for (std::size_t i = 0; i < e.lanes.size(); ++i) {
            net.lane_link.push_back(l);
            net.lane_index.push_back(static_cast<std::int32_t>(i));
            net.lane_allow.push_back(e.lanes[i].allow);
        }
    }
}

// Programs that control at least one connection become plans, in program order.
std::vector<std::int32_t> add_plans(const LaneNetworkSpec& spec, RoadNetwork& net) {
    std::vector<std::uint8_t> used(spec.programs.size(), 0);
    for (const ConnectionEntry& c : spec.connections)
        if (c.program >= 0) used[c.program] = 1;
    std::vector<std::int32_t> plan_of(spec.programs.size(), -1);
    for (std::size_t i = 0; i < spec.programs.size(); ++i) {
        if (!used[i]) continue;
        const SignalProgram& p = spec.programs[i];
        plan_of[i] = net.plans();
        net.plan_node.push_back(p.junction);
        net.plan_offset.push_back(p.offset_s);
        net.plan_phase_begin.push_back(static_cast<std::int32_t>(net.phase_duration.size()));
        net.plan_slots.push_back(static_cast<std::int32_t>(p.phases.front().state.size()));
        double cycle = 0.0;
        for (const ProgramPhase& ph : p.phases) {
            cycle += ph.duration_s;
            net.phase_duration.push_back(ph.duration_s);
            net.phase_state_begin.push_back(static_cast<std::int32_t>(net.phase_state.size()));
            for (char ch : ph.state) net.phase_state.push_back(static_cast<std::uint8_t>(ch));
        }
        net.plan_cycle.push_back(cycle);
    }
    net.plan_phase_begin.push_back(static_cast<std::int32_t>(net.phase_duration.size()));
    return plan_of;
}

}  // namespace

RoadNetwork build_lane_network(const LaneNetworkSpec& spec) {
    RoadNetwork net;
    if (spec.edges.empty()) throw ScenarioError({spec.file, 0, 0}, "network", "the network has no road edges");
    add_nodes_and_links(spec, net);
    const std::vector<std::int32_t> plan_of = add_plans(spec, net);

    // Connections grouped by from-lane (file order within a lane), as the kernels expect.
    const auto n = static_cast<std::int32_t>(spec.connections.size());
    std::vector<std::int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    auto from_lane = [&](std::int32_t i) {
        const ConnectionEntry& c = spec.connections[i];
        return net.link_first_lane[c.from_edge] + c.from_lane;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) { return from_lane(a) < from_lane(b); });
    std::vector<std::int32_t> new_index(n);
    for (std::int32_t k = 0; k < n; ++k) new_index[order[k]] = k;

    net.lane_conn_begin.assign(net.lanes() + 1, 0);
    net.conn_foe_begin.assign(n + 1, 0);
    for (std::int32_t k = 0; k < n; ++k) {
        const ConnectionEntry& c = spec.connections[order[k]];
        const std::int32_t fl = from_lane(order[k]);
        net.lane_conn_begin[fl + 1]++;
        net.conn_from_lane.push_back(fl);
        net.conn_to_lane.push_back(net.link_first_lane[c.to_edge] + c.to_lane);
        net.conn_from_link.push_back(c.from_edge);
        net.conn_to_link.push_back(c.to_edge);
        net.conn_node.push_back(c.junction);
        net.conn_turn.push_back(turn_of(c.dir));
        const double v = c.via_speed_mps > 0.0 ? c.via_speed_mps : std::min(net.link_speed[c.from_edge], net.link_speed[c.to_edge]);
        net.conn_speed.push_back(static_cast<float>(v));
        const std::int32_t plan = c.program >= 0 ? plan_of[c.program] : -1;
        net.conn_plan.push_back(plan);
        net.conn_plan_slot.push_back(plan >= 0 ? c.link_index : -1);
        if (plan >= 0) net.node_plan[c.junction] = plan;
        // Unsignalised: a connection that yields to anything is a minor movement.
        // SUMO's 's' (stop sign) and 'w' (all-way stop): halt at the line first, then yield.
        const bool stop_sign = c.state == 's' || c.state == 'w';
        net.conn_static_state.push_back(stop_sign ? kStopMinor : c.yields_to.empty() ? kGreenMajor : kGreenMinor);
        net.conn_via_length.push_back(static_cast<float>(c.via_length_m));
        net.conn_via_after_wait.push_back(static_cast<float>(c.via_after_wait_m));
        net.conn_keep_clear.push_back(c.keep_clear ? 1 : 0);
        std::vector<std::int32_t> foes;
        for (std::int32_t f : c.yields_to) foes.push_back(new_index[f]);
        std::sort(foes.begin(), foes.end());
        net.conn_foe_begin[k + 1] = net.conn_foe_begin[k] + static_cast<std::int32_t>(foes.size());
        for (std::int32_t f : foes) {
            net.foe_conn.push_back(f);
            // At a signal a movement yields only to foes that have priority green or yellow;
            // elsewhere to any foe that may go.
            net.foe_always.push_back(plan >= 0 ? 0 : 1);
        }
    }
    std::partial_sum(net.lane_conn_begin.begin(), net.lane_conn_begin.end(), net.lane_conn_begin.begin());
    net.conn_cross_begin.assign(n + 1, 0);
    for (std::int32_t k = 0; k < n; ++k) {
        std::vector<std::int32_t> crosses;
        for (std::int32_t f : spec.connections[order[k]].crosses) crosses.push_back(new_index[f]);
        std::sort(crosses.begin(), crosses.end());
        net.conn_cross_begin[k + 1] = net.conn_cross_begin[k] + static_cast<std::int32_t>(crosses.size());
        net.cross_conn.insert(net.cross_conn.end(), crosses.begin(), crosses.end());
    }
    build_adjacency(net);
    return net;
}

}  // namespace citytwin::sim
