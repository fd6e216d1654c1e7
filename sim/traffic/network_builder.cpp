// Compiles a NetworkSpec into a RoadNetwork: lanes, lane-level connections through each
// junction, conflicts between connections (crossing or merging paths), who yields to whom,
// link adjacency for routing, and signal plans as per-connection state columns.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kLaneWidth = 3.2;  // m, SUMO's default lane width

double wrap_angle(double a) {  // to (-pi, pi]
    while (a <= -kPi) a += 2 * kPi;
    while (a > kPi) a -= 2 * kPi;
    return a;
}

struct Builder {
    const TrafficSettings& traffic;
    const NetworkSpec& spec;
    RoadNetwork net;
    std::vector<std::vector<std::int32_t>> in_links, out_links;  // per node

    // Heading of a link (radians, x east, y north).
    double heading(std::int32_t l) const {
        const auto a = net.link_from[l], b = net.link_to[l];
        return std::atan2(net.node_y[b] - net.node_y[a], net.node_x[b] - net.node_x[a]);
    }

    void add_nodes() {
        for (const NodeSpec& n : spec.nodes) {
            if (net.node_by_id.count(n.id))
                throw ScenarioError(n.mark, "network.nodes", "duplicate node id '" + n.id + "'");
            net.node_by_id[n.id] = net.nodes();
            net.node_id.push_back(n.id);
            net.node_x.push_back(n.x_m);
            net.node_y.push_back(n.y_m);
            net.node_plan.push_back(-1);
        }
        in_links.resize(net.nodes());
        out_links.resize(net.nodes());
    }

    std::int32_t node_ref(const std::string& id, const SourceMark& mark, const std::string& key) {
        auto it = net.node_by_id.find(id);
        if (it == net.node_by_id.end())
            throw ScenarioError(mark, key, "no node with id '" + id + "'");
        return it->second;
    }

    void add_links() {
        for (const LinkSpec& s : spec.links) {
            if (net.link_by_id.count(s.id))
                throw ScenarioError(s.mark, "network.links", "duplicate link id '" + s.id + "'");
            const auto a = node_ref(s.from, s.mark, "network.links.from");
            const auto b = node_ref(s.to, s.mark, "network.links.to");
            if (a == b)
                throw ScenarioError(s.mark, "network.links", "link '" + s.id + "' starts and ends at node '" + s.from + "'");
            if (s.lanes < 1 || s.lanes > 32)
                throw ScenarioError(s.mark, "network.links.lanes", "lanes must be 1..32, got " + std::to_string(s.lanes));
            double length = s.length_m;
            if (length <= 0.0)
                length = std::hypot(net.node_x[b] - net.node_x[a], net.node_y[b] - net.node_y[a]);
            if (!(length > 0.1))
                throw ScenarioError(s.mark, "network.links.length", "link '" + s.id + "' has length " + std::to_string(length) + " m; it must be longer than 0.1 m");
            if (!(s.speed_mps > 0.0))
                throw ScenarioError(s.mark, "network.links.speed", "speed must be positive");
            const auto l = net.links();
            net.link_by_id[s.id] = l;
            net.link_id.push_back(s.id);
            net.link_from.push_back(a);
            net.link_to.push_back(b);
            net.link_lanes.push_back(s.lanes);
            net.link_first_lane.push_back(net.lanes());
            net.link_length.push_back(length);
            net.link_speed.push_back(s.speed_mps);
            net.link_priority.push_back(s.priority >= 0 ? s.priority
                                        : s.lanes * 1000 + static_cast<int>(std::lround(s.speed_mps * 3.6)));
            net.link_closed.push_back(s.closed ? 1 : 0);
            for (int i = 0; i < s.lanes; ++i) {
                net.lane_link.push_back(l);
                net.lane_index.push_back(i);
                net.lane_allow.push_back(kClassAllRoad);
            }
            out_links[a].push_back(l);
            in_links[b].push_back(l);
        }
    }

    // Where a link's end meets the node on a circle around it: incoming ends sit just
    // counter-clockwise of the road's bearing, outgoing just clockwise (right-hand traffic).
    double end_angle(std::int32_t node, std::int32_t link, bool incoming) const {
        const auto other = incoming ? net.link_from[link] : net.link_to[link];
        const double a = std::atan2(net.node_y[other] - net.node_y[node], net.node_x[other] - net.node_x[node]);
        return a + (incoming ? 1e-3 : -1e-3);
    }

    TurnKind turn_kind(std::int32_t in, std::int32_t out) const {
        if (net.link_from[in] == net.link_to[out]) return TurnKind::UTurn;
        const double d = wrap_angle(heading(out) - heading(in));
        if (std::abs(d) < kPi / 6) return TurnKind::Through;
        if (std::abs(d) > 5 * kPi / 6) return TurnKind::UTurn;
        return d > 0 ? TurnKind::Left : TurnKind::Right;
    }

    // Speed through a turn from lateral acceleration and a radius that shrinks with the
    // turn angle; the radius of a 90° turn approximates netconvert's junction shapes.
    float turn_speed(std::int32_t in, std::int32_t out, TurnKind k) const {
        const double v_link = std::min(net.link_speed[in], net.link_speed[out]);
        if (k == TurnKind::Through) return static_cast<float>(v_link);
        const double ang = std::max(std::abs(wrap_angle(heading(out) - heading(in))), 0.2);
        const double r90 = k == TurnKind::Right ? 2.5 * kLaneWidth : k == TurnKind::Left ? 5.0 * kLaneWidth : 1.5 * kLaneWidth;
        const double r = r90 / std::tan(std::min(ang, 3.0) / 2.0);
        return static_cast<float>(std::min(v_link, std::sqrt(traffic.turn_lateral_accel_mps2 * r)));
    }

    struct PendingConn { std::int32_t from_lane, to_lane, from_link, to_link, node; TurnKind kind; };

    // Lane-level connections in netconvert's manner: rightmost movements from lane 0, the
    // leftmost from the leftmost lane, straight on from every lane; U-turns only at dead ends.
    void add_connections() {
        std::vector<PendingConn> pending;
        for (std::int32_t node = 0; node < net.nodes(); ++node) {
            for (const auto in : in_links[node]) {
                std::vector<std::pair<double, std::int32_t>> outs;  // (turn angle, link), right to left
                for (const auto out : out_links[node]) {
                    const bool uturn = net.link_to[out] == net.link_from[in];
                    if (uturn && out_links[node].size() > 1) continue;
                    double d = wrap_angle(heading(out) - heading(in));
                    if (uturn) d = kPi;
                    outs.push_back({d, out});
                }
                std::sort(outs.begin(), outs.end());
                const int nin = net.link_lanes[in];
                bool has_through = false;
                for (const auto& o : outs) has_through |= turn_kind(in, o.second) == TurnKind::Through;
                for (std::size_t k = 0; k < outs.size(); ++k) {
                    const auto out = outs[k].second;
                    const TurnKind kind = turn_kind(in, out);
                    const int nout = net.link_lanes[out];
                    int lo = 0, hi = nin - 1;
                    if (outs.size() > 1 && nin > 1) {
                        // Turns from the outer lanes, straight on from all; with no straight
                        // movement the right half turns right and the left half left, so every
                        // lane leads somewhere.
                        const bool left = kind == TurnKind::Left || kind == TurnKind::UTurn;
                        if (kind == TurnKind::Right) hi = has_through ? 0 : (nin + 1) / 2 - 1;
                        else if (left) lo = has_through ? nin - 1 : (nin + 1) / 2;
                        if (lo > hi) lo = hi = left ? nin - 1 : 0;
                    }
                    for (int i = lo; i <= hi; ++i) {
                        int j;
                        if (kind == TurnKind::Right) j = 0;
                        else if (kind == TurnKind::Left || kind == TurnKind::UTurn) j = nout - 1;
                        else j = std::min(i, nout - 1);
                        pending.push_back({net.link_first_lane[in] + i, net.link_first_lane[out] + j, in, out, node, kind});
                    }
                }
            }
        }
        std::stable_sort(pending.begin(), pending.end(),
                         [](const PendingConn& a, const PendingConn& b) { return a.from_lane < b.from_lane; });
        net.lane_conn_begin.assign(net.lanes() + 1, 0);
        for (const PendingConn& p : pending) {
            net.lane_conn_begin[p.from_lane + 1]++;
            net.conn_from_lane.push_back(p.from_lane);
            net.conn_to_lane.push_back(p.to_lane);
            net.conn_from_link.push_back(p.from_link);
            net.conn_to_link.push_back(p.to_link);
            net.conn_node.push_back(p.node);
            net.conn_turn.push_back(p.kind);
            net.conn_speed.push_back(turn_speed(p.from_link, p.to_link, p.kind));
            net.conn_plan.push_back(-1);
            net.conn_plan_slot.push_back(-1);
            net.conn_static_state.push_back(kGreenMajor);
            net.conn_via_length.push_back(0.0f);  // junctions are points here
            net.conn_via_after_wait.push_back(0.0f);
            net.conn_keep_clear.push_back(1);
        }
        net.conn_cross_begin.assign(net.connections() + 1, 0);  // nothing is ever inside a point
        std::partial_sum(net.lane_conn_begin.begin(), net.lane_conn_begin.end(), net.lane_conn_begin.begin());
    }

    bool conflict(std::int32_t c1, std::int32_t c2, std::int32_t node) const {
        if (c1 == c2) return false;
        if (net.conn_to_lane[c1] == net.conn_to_lane[c2])
            return net.conn_from_lane[c1] != net.conn_from_lane[c2];  // merging into one lane
        if (net.conn_from_link[c1] == net.conn_from_link[c2]) return false;
        if (net.conn_to_link[c1] == net.conn_to_link[c2]) return false;  // side by side
        // Paths cross when exactly one end of c2 lies on the arc from c1's entry to its exit.
        const double a1 = end_angle(node, net.conn_from_link[c1], true);
        const double b1 = end_angle(node, net.conn_to_link[c1], false);
        auto on_arc = [&](double x) {
            double span = std::fmod(b1 - a1 + 4 * kPi, 2 * kPi);
            double at = std::fmod(x - a1 + 4 * kPi, 2 * kPi);
            return at > 0 && at < span;
        };
        const bool in2 = on_arc(end_angle(node, net.conn_from_link[c2], true));
        const bool out2 = on_arc(end_angle(node, net.conn_to_link[c2], false));
        return in2 != out2;
    }

    // At a priority junction c yields to f when f ranks higher: the road's priority first,
    // then straight and right turns over left turns, then right before left, then lane order.
    bool yields_to(std::int32_t c, std::int32_t f) const {
        auto rank = [&](std::int32_t x) {
            const TurnKind k = net.conn_turn[x];
            return std::pair<int, int>{net.link_priority[net.conn_from_link[x]],
                                       (k == TurnKind::Through || k == TurnKind::Right) ? 1 : 0};
        };
        const auto rc = rank(c), rf = rank(f);
        if (rc != rf) return rf > rc;
        if (net.conn_from_link[c] != net.conn_from_link[f]) {
            const double hc = heading(net.conn_from_link[c]);
            const double hf = heading(net.conn_from_link[f]);
            const double cross = std::cos(hc) * std::sin(hf) - std::sin(hc) * std::cos(hf);
            // f travels to c's left (cross > 0) when f comes from c's right.
            if (std::abs(cross) > 1e-6) return cross > 0;
        }
        return net.conn_from_lane[f] < net.conn_from_lane[c] ||
               (net.conn_from_lane[f] == net.conn_from_lane[c] && f < c);
    }

    void add_foes() {
        std::vector<std::vector<std::int32_t>> at_node(net.nodes());
        for (std::int32_t c = 0; c < net.connections(); ++c) at_node[net.conn_node[c]].push_back(c);
        net.conn_foe_begin.assign(net.connections() + 1, 0);
        std::vector<std::vector<std::pair<std::int32_t, std::uint8_t>>> foes(net.connections());
        for (std::int32_t node = 0; node < net.nodes(); ++node) {
            const bool signalised = net.node_plan[node] >= 0;
            for (const auto c : at_node[node])
                for (const auto f : at_node[node]) {
                    if (!conflict(c, f, node)) continue;
                    if (signalised) {
                        foes[c].push_back({f, 0});
                    } else if (yields_to(c, f)) {
                        foes[c].push_back({f, 1});
                        net.conn_static_state[c] = kGreenMinor;
                    }
                }
        }
        for (std::int32_t c = 0; c < net.connections(); ++c) {
            net.conn_foe_begin[c + 1] = net.conn_foe_begin[c] + static_cast<std::int32_t>(foes[c].size());
            for (auto [f, always] : foes[c]) {
                net.foe_conn.push_back(f);
                net.foe_always.push_back(always);
            }
        }
    }

    void add_signals() {
        std::vector<std::vector<std::int32_t>> at_node(net.nodes());
        for (std::int32_t c = 0; c < net.connections(); ++c) at_node[net.conn_node[c]].push_back(c);
        for (const SignalPlanSpec& ps : spec.signals) {
            const auto node = node_ref(ps.node, ps.mark, "network.signals.node");
            if (net.node_plan[node] >= 0)
                throw ScenarioError(ps.mark, "network.signals", "node '" + ps.node + "' has two signal plans");
            if (ps.phases.empty())
                throw ScenarioError(ps.mark, "network.signals.phases", "a signal plan needs at least one phase");
            const auto p = net.plans();
            net.node_plan[node] = p;
            net.plan_node.push_back(node);
            net.plan_offset.push_back(ps.offset_s);
            net.plan_phase_begin.push_back(static_cast<std::int32_t>(net.phase_duration.size()));
            const auto& conns = at_node[node];
            net.plan_slots.push_back(static_cast<std::int32_t>(conns.size()));
            for (std::size_t k = 0; k < conns.size(); ++k) {
                net.conn_plan[conns[k]] = p;
                net.conn_plan_slot[conns[k]] = static_cast<std::int32_t>(k);
            }
            double cycle = 0.0;
            for (const SignalPhaseSpec& ph : ps.phases) {
                if (!(ph.duration_s > 0.0))
                    throw ScenarioError(ph.mark, "network.signals.phases.duration", "phase duration must be positive");
                cycle += ph.duration_s;
                net.phase_duration.push_back(ph.duration_s);
                net.phase_state_begin.push_back(static_cast<std::int32_t>(net.phase_state.size()));
                std::vector<std::uint8_t> states(conns.size(), kRed);
                auto apply = [&](const std::vector<MovementRef>& refs, std::uint8_t st, const char* key) {
                    for (const MovementRef& m : refs) {
                        auto fi = net.link_by_id.find(m.from_link);
                        auto ti = net.link_by_id.find(m.to_link);
                        const std::string where = std::string("network.signals.phases.") + key;
                        if (fi == net.link_by_id.end())
                            throw ScenarioError(m.mark, where, "no link with id '" + m.from_link + "'");
                        if (ti == net.link_by_id.end())
                            throw ScenarioError(m.mark, where, "no link with id '" + m.to_link + "'");
                        bool found = false;
                        for (std::size_t k = 0; k < conns.size(); ++k)
                            if (net.conn_from_link[conns[k]] == fi->second && net.conn_to_link[conns[k]] == ti->second) {
                                states[k] = st;
                                found = true;
                            }
                        if (!found)
                            throw ScenarioError(m.mark, where, "no movement from '" + m.from_link + "' to '" + m.to_link + "' at node '" + ps.node + "'");
                    }
                };
                apply(ph.green, kGreenMajor, "green");
                apply(ph.minor, kGreenMinor, "minor");
                apply(ph.yellow, kYellow, "yellow");
                net.phase_state.insert(net.phase_state.end(), states.begin(), states.end());
            }
            net.plan_cycle.push_back(cycle);
        }
        net.plan_phase_begin.push_back(static_cast<std::int32_t>(net.phase_duration.size()));
        for (const NodeSpec& n : spec.nodes) {
            const auto node = net.node_by_id.at(n.id);
            if (n.control == JunctionControl::Signal && net.node_plan[node] < 0)
                throw ScenarioError(n.mark, "network.nodes.control", "node '" + n.id + "' is marked signal but has no signal plan");
            if (n.control == JunctionControl::Priority && net.node_plan[node] >= 0)
                throw ScenarioError(n.mark, "network.nodes.control", "node '" + n.id + "' is marked priority but has a signal plan");
        }
    }

};

}  // namespace

void build_adjacency(RoadNetwork& net) {
        const auto L = net.links();
        std::vector<std::vector<std::pair<std::int32_t, std::uint32_t>>> succ(L);
        for (std::int32_t c = 0; c < net.connections(); ++c) {
            const auto from = net.conn_from_link[c], to = net.conn_to_link[c];
            const std::uint32_t bit = 1u << net.lane_index[net.conn_from_lane[c]];
            auto& list = succ[from];
            auto it = std::find_if(list.begin(), list.end(), [&](auto& e) { return e.first == to; });
            if (it == list.end()) list.push_back({to, bit});
            else it->second |= bit;
        }
        std::vector<std::vector<std::int32_t>> pred(L);
        net.link_succ_begin.assign(L + 1, 0);
        for (std::int32_t l = 0; l < L; ++l) {
            std::sort(succ[l].begin(), succ[l].end());
            net.link_succ_begin[l + 1] = net.link_succ_begin[l] + static_cast<std::int32_t>(succ[l].size());
            for (auto [to, mask] : succ[l]) {
                net.succ_link.push_back(to);
                net.succ_lane_mask.push_back(mask);
                pred[to].push_back(l);
            }
        }
        net.link_pred_begin.assign(L + 1, 0);
        for (std::int32_t l = 0; l < L; ++l) {
            net.link_pred_begin[l + 1] = net.link_pred_begin[l] + static_cast<std::int32_t>(pred[l].size());
            net.pred_link.insert(net.pred_link.end(), pred[l].begin(), pred[l].end());
        }
    }

RoadNetwork build_road_network(const TrafficSettings& traffic, const NetworkSpec& spec_in) {
    if (spec_in.lanes) {
        RoadNetwork net = build_lane_network(*spec_in.lanes);
        // traffic.junctions: points (the default) crosses a junction at its line, as if it had
        // no size; lanes drives the internal lanes the network gives.
        if (traffic.junctions != "lanes") {
            std::fill(net.conn_via_length.begin(), net.conn_via_length.end(), 0.0f);
            std::fill(net.conn_via_after_wait.begin(), net.conn_via_after_wait.end(), 0.0f);
        }
        return net;
    }
    NetworkSpec expanded;
    const NetworkSpec* spec = &spec_in;
    if (spec_in.grid) {
        expanded = expand_grid(*spec_in.grid);
        spec = &expanded;
    }
    if (spec->links.empty())
        throw ScenarioError(spec->mark, "network", "the network has no links");
    Builder b{traffic, *spec, {}, {}, {}};
    b.add_nodes();
    b.add_links();
    b.add_connections();
    b.add_signals();
    b.add_foes();
    build_adjacency(b.net);
    return std::move(b.net);
}

}  // namespace citytwin::sim
