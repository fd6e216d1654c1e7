// The largest strongly connected part of the network, at the level of links: a vehicle on any
// kept link can reach any other kept link. Turns follow the network builder's rule (no U-turn
// at a junction with another way out), so what is kept here is what the simulator can route.
#include <algorithm>

#include "io/osm/graph_cleaning.hpp"

namespace citytwin::io::osm {

namespace {

// Tarjan's algorithm, iterative; component[l] numbers the components.
std::vector<int> link_components(const RoadGraph& g, int& count) {
    const std::size_t L = g.links.size();
    std::vector<std::vector<int>> out(g.nodes.size());
    for (std::size_t l = 0; l < L; ++l) out[static_cast<std::size_t>(g.links[l].from)].push_back(static_cast<int>(l));
    auto successors = [&](int l, std::vector<int>& s) {
        s.clear();
        const GraphLink& k = g.links[static_cast<std::size_t>(l)];
        const auto& outs = out[static_cast<std::size_t>(k.to)];
        for (const int o : outs)
            if (outs.size() == 1 || g.links[static_cast<std::size_t>(o)].to != k.from) s.push_back(o);
    };
    std::vector<int> index(L, -1), low(L, 0), component(L, -1), stack;
    std::vector<char> on_stack(L, 0);
    struct Frame { int link; std::vector<int> succ; std::size_t next; };
    std::vector<Frame> frames;
    int counter = 0;
    count = 0;
    for (std::size_t root = 0; root < L; ++root) {
        if (index[root] >= 0) continue;
        auto open = [&](int l) {
            index[static_cast<std::size_t>(l)] = low[static_cast<std::size_t>(l)] = counter++;
            stack.push_back(l);
            on_stack[static_cast<std::size_t>(l)] = 1;
            frames.push_back({l, {}, 0});
            successors(l, frames.back().succ);
        };
        open(static_cast<int>(root));
        while (!frames.empty()) {
            Frame& f = frames.back();
            const auto v = static_cast<std::size_t>(f.link);
            if (f.next < f.succ.size()) {
                const int w = f.succ[f.next++];
                if (index[static_cast<std::size_t>(w)] < 0) open(w);
                else if (on_stack[static_cast<std::size_t>(w)]) low[v] = std::min(low[v], index[static_cast<std::size_t>(w)]);
                continue;
            }
            if (low[v] == index[v]) {
                int w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[static_cast<std::size_t>(w)] = 0;
                    component[static_cast<std::size_t>(w)] = count;
                } while (w != f.link);
                ++count;
            }
            const int done = f.link;
            frames.pop_back();
            if (!frames.empty()) {
                const auto p = static_cast<std::size_t>(frames.back().link);
                low[p] = std::min(low[p], low[static_cast<std::size_t>(done)]);
            }
        }
    }
    return component;
}

}  // namespace

void keep_largest_strong_component(RoadGraph& g, CleanCounts& counts) {
    if (g.links.empty()) return;
    int n = 0;
    const std::vector<int> component = link_components(g, n);
    std::vector<std::size_t> size(static_cast<std::size_t>(n), 0);
    for (const int c : component) ++size[static_cast<std::size_t>(c)];
    // The largest by links; among equals, the one holding the first link read (deterministic).
    int best = component[0];
    for (int c = 0; c < n; ++c)
        if (size[static_cast<std::size_t>(c)] > size[static_cast<std::size_t>(best)]) best = c;
    std::vector<char> keep(g.links.size(), 0);
    for (std::size_t l = 0; l < g.links.size(); ++l) keep[l] = component[l] == best;
    counts.unreachable_links += g.links.size() - size[static_cast<std::size_t>(best)];
    counts.unreachable_nodes += keep_links(g, keep);
}

}  // namespace citytwin::io::osm
