// Signal nodes -> signalised junctions. OpenStreetMap maps a signal where the stop line is,
// often a few metres before the junction on each approach, or on a junction whose other arms
// are footways; the simulator signals junctions. Each signal point goes to the nearest junction
// of three or more arms within kSignalJoinRadius, searched along the roads in both directions.
#include <functional>
#include <queue>
#include <set>

#include "io/osm/road_graph.hpp"

namespace citytwin::io::osm {

void place_signals(RoadGraph& g, GraphCounts& counts) {
    const std::size_t N = g.nodes.size();
    std::vector<std::vector<std::pair<int, double>>> adj(N);  // undirected, by road length
    std::vector<std::set<int>> arms(N);
    for (const GraphLink& l : g.links) {
        if (l.from == l.to) continue;
        adj[static_cast<std::size_t>(l.from)].push_back({l.to, l.length_m});
        adj[static_cast<std::size_t>(l.to)].push_back({l.from, l.length_m});
        arms[static_cast<std::size_t>(l.from)].insert(l.to);
        arms[static_cast<std::size_t>(l.to)].insert(l.from);
    }
    for (GraphNode& n : g.nodes) n.signal = false;

    using Item = std::pair<double, int>;  // (distance, node)
    for (const SignalPoint& p : g.signal_points) {
        std::priority_queue<Item, std::vector<Item>, std::greater<Item>> open;
        std::vector<std::pair<int, double>> seen;  // small: the search stops at the radius
        auto push = [&](int v, double d) {
            if (d > kSignalJoinRadius) return;
            for (auto& [u, du] : seen)
                if (u == v) {
                    if (d >= du) return;
                    du = d;
                    open.push({d, v});
                    return;
                }
            seen.push_back({v, d});
            open.push({d, v});
        };
        push(p.a, p.from_a);
        if (p.b != p.a) push(p.b, p.from_b);
        int found = -1;
        double found_d = 0.0;
        while (!open.empty()) {
            const auto [d, v] = open.top();
            open.pop();
            if (arms[static_cast<std::size_t>(v)].size() >= 3) {
                found = v;
                found_d = d;
                break;
            }
            for (const auto& [w, len] : adj[static_cast<std::size_t>(v)]) push(w, d + len);
        }
        if (found < 0) {
            ++counts.signals_dropped;
            continue;
        }
        g.nodes[static_cast<std::size_t>(found)].signal = true;
        ++(found_d == 0.0 ? counts.signals_at_junctions : counts.signals_moved);
    }
}

}  // namespace citytwin::io::osm
