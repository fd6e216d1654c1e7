// Ways -> links. A way node is a junction when two or more way references meet there, at the
// ends of a way, or next to a node the file lacks (the way is cut there).
#include "io/osm/road_graph.hpp"

#include <cmath>
#include <unordered_map>

#include "io/scenario/physical_ranges.hpp"

namespace citytwin::io::osm {

namespace {

struct Builder {
    const OsmRoads& roads;
    const LocalProjection& proj;
    GraphCounts& counts;
    RoadGraph g;
    std::unordered_map<std::int64_t, int> uses;
    std::unordered_map<std::int64_t, int> node_index;

    // Runs of consecutive located points of a way: [begin, end).
    static std::vector<std::pair<std::size_t, std::size_t>> runs(const OsmRoad& r) {
        std::vector<std::pair<std::size_t, std::size_t>> out;
        std::size_t i = 0;
        while (i < r.points.size()) {
            while (i < r.points.size() && !r.points[i].located) ++i;
            const std::size_t b = i;
            while (i < r.points.size() && r.points[i].located) ++i;
            if (i - b >= 2) out.push_back({b, i});
        }
        return out;
    }

    void count_uses() {
        for (const OsmRoad& r : roads.roads) {
            const auto rs = runs(r);
            if (rs.empty()) ++counts.ways_without_positions;
            for (auto [b, e] : rs) {
                for (std::size_t i = b; i < e; ++i) ++uses[r.points[i].node];
                ++uses[r.points[b].node];  // run ends are always junctions
                ++uses[r.points[e - 1].node];
            }
        }
    }

    bool is_junction(std::int64_t node) const { return uses.at(node) >= 2; }

    int node(const WayPoint& p) {
        auto [it, fresh] = node_index.try_emplace(p.node, static_cast<int>(g.nodes.size()));
        if (fresh) {
            const auto [x, y] = proj.to_metres(p.lon, p.lat);
            g.nodes.push_back(GraphNode{"n" + std::to_string(p.node), x, y, false});
            const int v = static_cast<int>(g.nodes.size()) - 1;
            if (roads.signal_nodes.count(p.node)) g.signal_points.push_back(SignalPoint{v, v, 0.0, 0.0});
        }
        return it->second;
    }

    void add_links(const OsmRoad& r, int segment, int a, int b, double length, const std::vector<double>& bx,
                   const std::vector<double>& by) {
        const std::string base = std::to_string(r.way_id) + "#" + std::to_string(segment);
        if (r.forward)
            g.links.push_back(GraphLink{base, a, b, r.lanes_forward, r.speed_forward_kmh, length, r.type->priority, r.type->name,
                                        bx, by});
        if (r.backward)
            g.links.push_back(GraphLink{"-" + base, b, a, r.lanes_backward, r.speed_backward_kmh, length, r.type->priority,
                                        r.type->name, {bx.rbegin(), bx.rend()}, {by.rbegin(), by.rend()}});
    }

    void split_ways() {
        // Link ids number the pieces of each way; a way id the file holds twice (two extracts
        // merged without osmium's dedupe) goes on numbering, so that ids stay unique.
        std::unordered_map<std::int64_t, int> next_segment;
        for (const OsmRoad& r : roads.roads) {
            int& segment = next_segment[r.way_id];
            for (auto [b, e] : runs(r)) {
                int start = node(r.points[b]);
                double length = 0.0;
                std::vector<double> signal_at;  // distances of interior signal nodes from `start`
                std::vector<double> bend_x, bend_y;
                auto [px, py] = proj.to_metres(r.points[b].lon, r.points[b].lat);
                for (std::size_t i = b + 1; i < e; ++i) {
                    const WayPoint& p = r.points[i];
                    const auto [x, y] = proj.to_metres(p.lon, p.lat);
                    const double piece = std::hypot(x - px, y - py);
                    // A scenario's links are at most kLinkLengthMaxM long: a road that would
                    // pass it without a junction ends at its last bend, which becomes a node.
                    if (length + piece > ranges::kLinkLengthMaxM && !bend_x.empty()) {
                        bend_x.pop_back();
                        bend_y.pop_back();
                        const double cut_at = length;
                        while (!signal_at.empty() && signal_at.back() >= cut_at) signal_at.pop_back();  // the node's own
                        const int end = node(r.points[i - 1]);
                        --counts.geometry_points;  // a node now
                        for (const double d : signal_at) g.signal_points.push_back(SignalPoint{start, end, d, cut_at - d});
                        signal_at.clear();
                        add_links(r, segment++, start, end, cut_at, bend_x, bend_y);
                        ++counts.roads_cut_at_bends;
                        start = end;
                        length = 0.0;
                        bend_x.clear();
                        bend_y.clear();
                    }
                    px = x;
                    py = y;
                    // Two way nodes further apart than any link may be: that piece is left out.
                    if (piece > ranges::kLinkLengthMaxM) {
                        ++counts.overlong_pieces;
                        start = node(p);
                        signal_at.clear();
                        continue;
                    }
                    length += piece;
                    if (!is_junction(p.node)) {
                        ++counts.geometry_points;
                        bend_x.push_back(x);
                        bend_y.push_back(y);
                        if (roads.signal_nodes.count(p.node)) signal_at.push_back(length);
                        continue;
                    }
                    const int end = node(p);
                    for (const double d : signal_at) g.signal_points.push_back(SignalPoint{start, end, d, length - d});
                    signal_at.clear();
                    add_links(r, segment++, start, end, length, bend_x, bend_y);
                    start = end;
                    length = 0.0;
                    bend_x.clear();
                    bend_y.clear();
                }
            }
        }
        counts.junctions = g.nodes.size();
    }
};

}  // namespace

std::size_t keep_links(RoadGraph& g, const std::vector<char>& keep) {
    std::vector<int> remap(g.nodes.size(), -1);
    std::vector<GraphLink> links;
    for (std::size_t i = 0; i < g.links.size(); ++i)
        if (keep[i]) {
            links.push_back(std::move(g.links[i]));
            remap[static_cast<std::size_t>(links.back().from)] = 0;
            remap[static_cast<std::size_t>(links.back().to)] = 0;
        }
    std::vector<GraphNode> nodes;
    for (std::size_t n = 0; n < g.nodes.size(); ++n)
        if (remap[n] == 0) {
            remap[n] = static_cast<int>(nodes.size());
            nodes.push_back(std::move(g.nodes[n]));
        }
    for (GraphLink& l : links) {
        l.from = remap[static_cast<std::size_t>(l.from)];
        l.to = remap[static_cast<std::size_t>(l.to)];
    }
    const std::size_t dropped = g.nodes.size() - nodes.size();
    g.nodes = std::move(nodes);
    g.links = std::move(links);
    return dropped;
}

RoadGraph build_road_graph(const OsmRoads& roads, const LocalProjection& proj, GraphCounts& counts) {
    Builder b{roads, proj, counts, {}, {}, {}};
    b.count_uses();
    b.split_ways();
    return std::move(b.g);
}

}  // namespace citytwin::io::osm
