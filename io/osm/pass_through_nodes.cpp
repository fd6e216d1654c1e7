// Nodes where a road only continues (two ways meeting end to end, a dead-end branch removed)
// become polyline points: the two links through such a node join into one with the summed
// length, as netconvert's --geometry.remove does. Only links alike in lanes, speed and type
// are joined, never at a signal, and never into a link longer than kLinkLengthMaxM.
#include <algorithm>
#include <set>

#include "io/osm/graph_cleaning.hpp"
#include "io/scenario/physical_ranges.hpp"

namespace citytwin::io::osm {

namespace {

// Joinable: alike in lanes, speed and type, and together no longer than a scenario's links
// may be.
bool alike(const GraphLink& a, const GraphLink& b) {
    return a.lanes == b.lanes && a.speed_kmh == b.speed_kmh && a.priority == b.priority && a.highway == b.highway &&
           a.length_m + b.length_m <= ranges::kLinkLengthMaxM;
}

}  // namespace

void remove_pass_through_nodes(RoadGraph& g, CleanCounts& counts) {
    const std::size_t N = g.nodes.size();
    std::vector<std::vector<int>> in(N), out(N);
    std::set<std::pair<int, int>> pairs;
    for (std::size_t l = 0; l < g.links.size(); ++l) {
        in[static_cast<std::size_t>(g.links[l].to)].push_back(static_cast<int>(l));
        out[static_cast<std::size_t>(g.links[l].from)].push_back(static_cast<int>(l));
        pairs.insert({g.links[l].from, g.links[l].to});
    }
    std::vector<char> keep(g.links.size(), 1);
    auto link = [&](int l) -> GraphLink& { return g.links[static_cast<std::size_t>(l)]; };
    for (std::size_t v = 0; v < N; ++v) {
        const auto vi = static_cast<int>(v);
        auto& ins = in[v];
        auto& outs = out[v];
        if (g.nodes[v].signal || ins.empty() || ins.size() != outs.size() || ins.size() > 2) continue;
        // Each way in must continue on exactly one way out to another neighbour, alike.
        std::vector<std::pair<int, int>> joins;  // (in link, out link)
        bool ok = true;
        for (const int i : ins) {
            int match = -1;
            for (const int o : outs)
                if (link(o).to != link(i).from) {
                    if (match >= 0) ok = false;
                    match = o;
                }
            if (match < 0 || !alike(link(i), link(match)) || link(i).from == link(match).to ||
                pairs.count({link(i).from, link(match).to}))
                ok = false;
            joins.push_back({i, match});
        }
        if (!ok || (joins.size() == 2 && joins[0].second == joins[1].second)) continue;
        std::set<int> neighbours;
        for (const int i : ins) neighbours.insert(link(i).from);
        for (const int o : outs) neighbours.insert(link(o).to);
        if (neighbours.size() != 2) continue;
        for (auto [i, o] : joins) {
            GraphLink& a = link(i);
            const GraphLink& b = link(o);
            pairs.erase({a.from, vi});
            pairs.erase({vi, b.to});
            pairs.insert({a.from, b.to});
            a.to = b.to;
            a.length_m += b.length_m;
            // The node that goes is a bend of the joined link.
            a.bend_x.push_back(g.nodes[static_cast<std::size_t>(vi)].x);
            a.bend_y.push_back(g.nodes[static_cast<std::size_t>(vi)].y);
            a.bend_x.insert(a.bend_x.end(), b.bend_x.begin(), b.bend_x.end());
            a.bend_y.insert(a.bend_y.end(), b.bend_y.begin(), b.bend_y.end());
            keep[static_cast<std::size_t>(o)] = 0;
            auto& tin = in[static_cast<std::size_t>(b.to)];
            std::replace(tin.begin(), tin.end(), o, i);
        }
        ins.clear();
        outs.clear();
        ++counts.pass_through_nodes;
    }
    keep_links(g, keep);
}

}  // namespace citytwin::io::osm
