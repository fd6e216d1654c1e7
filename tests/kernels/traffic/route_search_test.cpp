// Per-vehicle route searches (kernels/traffic/route_search.hpp) against two references on random
// networks: a plain Dijkstra written here (the route's cost is the least cost) and the next-hop
// tables' search (kernels/traffic/routing.hpp: the very same links, ties included), with closed
// links, closed movements and networks full of equal costs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <random>
#include <vector>

#include "kernels/traffic/route_search.hpp"
#include "kernels/traffic/routing.hpp"

namespace citytwin {
namespace {

namespace k = kernels;
using cpu::dvec;
using cpu::raw;

struct Graph {
    std::int32_t n = 0;
    std::vector<std::int32_t> succ_begin, succ, pred_begin, pred, succ_pred;
    std::vector<std::uint8_t> pred_open, closed;
    std::vector<std::uint64_t> cost;
};

// n links, each with 1..4 successors; costs from `values` (few values: many ties).
Graph random_graph(std::uint32_t seed, std::int32_t n, bool ties) {
    std::mt19937 rng(seed);
    Graph g;
    g.n = n;
    std::vector<std::vector<std::int32_t>> out(n);
    for (std::int32_t l = 0; l < n; ++l) {
        // a ring keeps most of it connected; random chords make alternatives
        out[l].push_back((l + 1) % n);
        const int extra = static_cast<int>(rng() % 4);
        for (int e = 0; e < extra; ++e) {
            const std::int32_t u = static_cast<std::int32_t>(rng() % n);
            if (u != l && std::find(out[l].begin(), out[l].end(), u) == out[l].end()) out[l].push_back(u);
        }
    }
    g.succ_begin.push_back(0);
    for (auto& o : out) {
        g.succ.insert(g.succ.end(), o.begin(), o.end());
        g.succ_begin.push_back(static_cast<std::int32_t>(g.succ.size()));
    }
    std::vector<std::vector<std::int32_t>> in(n);
    for (std::int32_t l = 0; l < n; ++l)
        for (std::int32_t u : out[l]) in[u].push_back(l);
    g.pred_begin.push_back(0);
    for (auto& i : in) {
        g.pred.insert(g.pred.end(), i.begin(), i.end());
        g.pred_begin.push_back(static_cast<std::int32_t>(g.pred.size()));
    }
    g.pred_open.assign(g.pred.size(), 1);
    for (auto& p : g.pred_open)
        if (rng() % 20 == 0) p = 0;   // closed movements
    g.succ_pred.resize(g.succ.size());
    for (std::int32_t l = 0; l < n; ++l)
        for (std::int32_t e = g.succ_begin[l]; e < g.succ_begin[l + 1]; ++e)
            for (std::int32_t i = g.pred_begin[g.succ[e]]; i < g.pred_begin[g.succ[e] + 1]; ++i)
                if (g.pred[i] == l) g.succ_pred[e] = i;
    g.closed.assign(n, 0);
    g.cost.resize(n);
    for (std::int32_t l = 0; l < n; ++l) {
        const float tt = ties ? static_cast<float>(1 + rng() % 3) : std::uniform_real_distribution<float>(1.0f, 60.0f)(rng);
        g.cost[l] = ties ? (static_cast<std::uint64_t>(tt) << 10) : k::link_cost(tt, l);
        if (rng() % 25 == 0) {
            g.closed[l] = 1;
            g.cost[l] = k::kNoCost;
        }
    }
    return g;
}

// Least cost from o to z as the searches count it: every link on the way, o and z included.
std::uint64_t reference_cost(const Graph& g, std::int32_t o, std::int32_t z) {
    if (g.cost[o] == k::kNoCost) return k::kNoCost;
    std::vector<std::uint64_t> d(g.n, k::kNoCost);
    using Item = std::pair<std::uint64_t, std::int32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> q;
    d[o] = g.cost[o];
    q.push({d[o], o});
    while (!q.empty()) {
        const auto [du, u] = q.top();
        q.pop();
        if (du != d[u]) continue;
        if (u == z) return du;
        for (std::int32_t e = g.succ_begin[u]; e < g.succ_begin[u + 1]; ++e) {
            const std::int32_t v = g.succ[e];
            if (!g.pred_open[g.succ_pred[e]]) continue;
            const bool last = v == z;
            const std::uint64_t c = last && g.closed[v] ? 0 : g.cost[v];
            if (c == k::kNoCost) continue;
            if (du + c < d[v]) {
                d[v] = du + c;
                q.push({d[v], v});
            }
        }
    }
    return k::kNoCost;
}

struct Searched {
    std::vector<std::vector<std::int32_t>> routes;   // per pair, empty: none
};

Searched search(const Graph& g, const std::vector<std::int32_t>& landmarks, const std::vector<std::int32_t>& from,
                const std::vector<std::int32_t>& to) {
    const std::int32_t n = g.n;
    const dvec<std::int32_t> sb(g.succ_begin.begin(), g.succ_begin.end()), sl(g.succ.begin(), g.succ.end()),
        sp(g.succ_pred.begin(), g.succ_pred.end()), pb(g.pred_begin.begin(), g.pred_begin.end()),
        pl(g.pred.begin(), g.pred.end()), lm(landmarks.begin(), landmarks.end());
    const dvec<std::uint8_t> po(g.pred_open.begin(), g.pred_open.end()), cl(g.closed.begin(), g.closed.end());
    const dvec<std::uint64_t> cost(g.cost.begin(), g.cost.end());
    const auto L = static_cast<std::int32_t>(landmarks.size());
    dvec<std::int32_t> lh(2 * L * n), lp(2 * L * n);
    dvec<std::uint64_t> lf(L * n), lt(L * n), lc(2 * L * n);
    cpu::parallel_tasks("test.landmarks", 2 * L,
                        k::LandmarkCosts{n, raw(lm), raw(sb), raw(sl), raw(sp), raw(pb), raw(pl), raw(po), raw(cost), raw(lh),
                                         raw(lp), raw(lf), raw(lt)});
    cpu::parallel_for("test.layout", n, k::InterleaveLandmarks{n, L, raw(lf), raw(lt), raw(lc)});
    const auto m = static_cast<std::int64_t>(from.size());
    dvec<k::SearchNode> node(m * n, k::SearchNode{0, 0, -1, 0u});
    dvec<k::HeapEntry> heap(m * n);
    dvec<std::int32_t> path(m * n), len(m);
    const dvec<std::int32_t> a(from.begin(), from.end()), z(to.begin(), to.end()), block(m, 0);
    cpu::parallel_tasks("test.search", m,
                        k::SearchRoutes{n, raw(pb), raw(pl), raw(po), raw(sb), raw(sl), raw(sp), raw(cost), raw(cl),
                                        k::LandmarkView{L, raw(lc)}, raw(a), raw(z), raw(block),
                                        k::RouteSearchScratch{raw(node), raw(heap), raw(path), raw(len)}, 1u});
    Searched out;
    const std::vector<std::int32_t> lh_len(len.begin(), len.end()), p(path.begin(), path.end());
    for (std::int64_t i = 0; i < m; ++i)
        out.routes.emplace_back(p.begin() + i * n, p.begin() + i * n + lh_len[i]);
    return out;
}

// The next-hop tables for the destinations `to`, one row each.
std::vector<std::int32_t> tables(const Graph& g, const std::vector<std::int32_t>& to) {
    const std::int32_t n = g.n;
    const auto m = static_cast<std::int64_t>(to.size());
    const dvec<std::int32_t> pb(g.pred_begin.begin(), g.pred_begin.end()), pl(g.pred.begin(), g.pred.end()),
        dl(to.begin(), to.end());
    const dvec<std::uint8_t> po(g.pred_open.begin(), g.pred_open.end()), cl(g.closed.begin(), g.closed.end());
    const dvec<std::uint64_t> cost(g.cost.begin(), g.cost.end());
    dvec<std::uint64_t> dist(m * n);
    dvec<std::int32_t> heap(m * n), pos(m * n), next(m * n);
    cpu::parallel_tasks("test.tables", m,
                        k::ShortestPathsToDestinations{n, 0, raw(dl), raw(pb), raw(pl), raw(po), raw(cost), raw(cl), raw(dist),
                                                       raw(heap), raw(pos), raw(next)});
    return {next.begin(), next.end()};
}

// The chain of next hops row `row` holds, from o to z.
std::vector<std::int32_t> table_route(const Graph& g, const std::vector<std::int32_t>& N, std::int64_t row, std::int32_t o,
                                      std::int32_t z) {
    std::vector<std::int32_t> r;
    if (o == z) return {z};
    const std::int32_t* next = N.data() + row * g.n;
    if (g.cost[o] == k::kNoCost || next[o] < 0) return r;
    for (std::int32_t l = o; l >= 0 && static_cast<std::int32_t>(r.size()) <= g.n; l = l == z ? -1 : next[l]) r.push_back(l);
    if (r.back() != z) r.clear();
    return r;
}

std::uint64_t route_cost(const Graph& g, const std::vector<std::int32_t>& r) {
    std::uint64_t c = 0;
    for (std::size_t i = 0; i < r.size(); ++i) c += (i + 1 == r.size() && g.closed[r[i]]) ? 0 : g.cost[r[i]];
    return c;
}

void check(std::uint32_t seed, std::int32_t n, bool ties, int landmarks) {
    const Graph g = random_graph(seed, n, ties);
    std::mt19937 rng(seed * 7 + 1);
    std::vector<std::int32_t> lm;
    for (int i = 0; i < landmarks; ++i) lm.push_back(static_cast<std::int32_t>(rng() % n));
    std::vector<std::int32_t> from, to;
    for (int i = 0; i < 300; ++i) {
        from.push_back(static_cast<std::int32_t>(rng() % n));
        to.push_back(static_cast<std::int32_t>(rng() % n));
    }
    const Searched s = search(g, lm, from, to);
    const std::vector<std::int32_t> N = tables(g, to);
    int reached = 0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " pair " + std::to_string(i) + ": " + std::to_string(from[i]) + " -> " +
                     std::to_string(to[i]));
        const std::vector<std::int32_t>& r = s.routes[i];
        const std::uint64_t best = reference_cost(g, from[i], to[i]);
        EXPECT_EQ(table_route(g, N, static_cast<std::int64_t>(i), from[i], to[i]), r);
        if (best == k::kNoCost) {
            EXPECT_TRUE(r.empty());
            continue;
        }
        ++reached;
        ASSERT_FALSE(r.empty());
        EXPECT_EQ(r.front(), from[i]);
        EXPECT_EQ(r.back(), to[i]);
        for (std::size_t j = 0; j + 1 < r.size(); ++j) {   // a drivable chain: open successors
            bool ok = false;
            for (std::int32_t e = g.succ_begin[r[j]]; e < g.succ_begin[r[j] + 1]; ++e)
                ok = ok || (g.succ[e] == r[j + 1] && g.pred_open[g.succ_pred[e]]);
            EXPECT_TRUE(ok) << "step " << j;
        }
        EXPECT_EQ(route_cost(g, r), best);
    }
    EXPECT_GT(reached, 100);   // the case is worth something
}

TEST(RouteSearch, LeastCostRoutesEqualTheTablesOnRandomNetworks) {
    for (std::uint32_t seed = 1; seed <= 6; ++seed) check(seed, 400, false, 8);
}

TEST(RouteSearch, EqualCostsBreakTiesAsTheTablesDo) {
    for (std::uint32_t seed = 11; seed <= 16; ++seed) check(seed, 300, true, 8);
}

TEST(RouteSearch, AnyLandmarksOrNoneGiveTheSameRoutes) {
    for (int landmarks : {0, 1, 16}) check(21, 300, true, landmarks);
}

}  // namespace
}  // namespace citytwin
