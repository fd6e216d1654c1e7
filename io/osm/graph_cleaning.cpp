// Joining junctions across short links and merging parallel links (the strongly connected
// part and the pass-through nodes have files of their own).
#include "io/osm/graph_cleaning.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace citytwin::io::osm {

namespace {

struct Box {
    double x0, y0, x1, y1;
    Box merged(const Box& o) const {
        return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
    }
    double diagonal() const { return std::hypot(x1 - x0, y1 - y0); }
};

int find(std::vector<int>& parent, int i) {
    while (parent[static_cast<std::size_t>(i)] != i) {
        parent[static_cast<std::size_t>(i)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])];
        i = parent[static_cast<std::size_t>(i)];
    }
    return i;
}

}  // namespace

void join_short_links(RoadGraph& g, CleanCounts& counts, const CleanOptions& options) {
    const std::size_t n = g.nodes.size();
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    std::vector<Box> box(n);
    for (std::size_t i = 0; i < n; ++i) box[i] = {g.nodes[i].x, g.nodes[i].y, g.nodes[i].x, g.nodes[i].y};

    // Shortest first, so a junction grows along its shortest links before its extent is used up.
    std::vector<std::size_t> order(g.links.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return g.links[a].length_m < g.links[b].length_m; });
    for (const std::size_t l : order) {
        if (!(g.links[l].length_m < options.short_link_m)) break;
        const int a = find(parent, g.links[l].from), b = find(parent, g.links[l].to);
        if (a == b) continue;
        const Box m = box[static_cast<std::size_t>(a)].merged(box[static_cast<std::size_t>(b)]);
        if (m.diagonal() > options.max_junction_extent_m) continue;
        const int root = std::min(a, b), other = std::max(a, b);  // the lower index names the junction
        parent[static_cast<std::size_t>(other)] = root;
        box[static_cast<std::size_t>(root)] = m;
        ++counts.junctions_joined;
    }

    // A joined junction sits at the mean of its members and is signalised if any member was.
    std::vector<double> sx(n, 0.0), sy(n, 0.0);
    std::vector<int> members(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<std::size_t>(find(parent, static_cast<int>(i)));
        sx[r] += g.nodes[i].x;
        sy[r] += g.nodes[i].y;
        ++members[r];
        if (g.nodes[i].signal) g.nodes[r].signal = true;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (members[i] > 1) {
            g.nodes[i].x = sx[i] / members[i];
            g.nodes[i].y = sy[i] / members[i];
        }

    std::vector<char> keep(g.links.size(), 1);
    for (std::size_t l = 0; l < g.links.size(); ++l) {
        GraphLink& k = g.links[l];
        const bool loop = k.from == k.to;
        k.from = find(parent, k.from);
        k.to = find(parent, k.to);
        if (loop) {
            keep[l] = 0;
            ++counts.self_loops;
        } else if (k.from == k.to) {
            keep[l] = 0;
            ++counts.short_links;
        } else if (k.length_m < options.min_link_m) {
            keep[l] = 0;
            ++counts.tiny_links;
        }
    }
    keep_links(g, keep);
}

void merge_parallel_links(RoadGraph& g, CleanCounts& counts) {
    // Two links between the same junctions in the same direction (a loop road with two
    // junctions, a way mapped twice): the quicker at free flow stays, as a router would only
    // ever use that one; ties go to more lanes, then to the first read.
    std::map<std::pair<int, int>, std::size_t> first;
    std::vector<char> keep(g.links.size(), 1);
    auto time = [](const GraphLink& k) { return k.length_m / k.speed_kmh; };
    for (std::size_t l = 0; l < g.links.size(); ++l) {
        auto [it, fresh] = first.try_emplace({g.links[l].from, g.links[l].to}, l);
        if (fresh) continue;
        const GraphLink& k = g.links[it->second];
        const GraphLink& d = g.links[l];
        if (time(d) < time(k) || (time(d) == time(k) && d.lanes > k.lanes)) {
            keep[it->second] = 0;
            it->second = l;
        } else {
            keep[l] = 0;
        }
        ++counts.parallel_links;
    }
    keep_links(g, keep);
}

void clean_road_graph(RoadGraph& g, CleanCounts& counts, const CleanOptions& options) {
    join_short_links(g, counts, options);
    merge_parallel_links(g, counts);
    keep_largest_strong_component(g, counts);
    remove_pass_through_nodes(g, counts);
}

}  // namespace citytwin::io::osm
