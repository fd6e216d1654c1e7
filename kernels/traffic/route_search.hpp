#pragma once
// Per-vehicle routes (traffic.routing: routes): one goal-directed search per vehicle that needs a
// route, in batches, each with its own scratch. The search runs backwards from the destination
// z towards the vehicle's link o over predecessor lists, as the next-hop tables' Dijkstra does,
// ordered by D(x) + h(x): D the exact cost from x to z (x's own cost included) and h a lower
// bound of the cost from o up to x from landmarks (ALT: Goldberg & Harrelson 2005). It settles
// every link with D + h <= D(o), so every successor that ties for the least cost is settled, and
// the route is walked forwards from o taking at each link the successor of least D, ties to the
// lower index: exactly the chain of next hops the tables hold for z. A link's scratch entries
// carry the number of the search that wrote them, so nothing is cleared between searches.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/index_heap.hpp"
#include "kernels/traffic/route_cost.hpp"

CT_KERNELS_BEGIN

constexpr int kActiveLandmarks = 4;

// Landmark costs on the costs in force (recomputed whenever they change; a ban's or a closure's
// costs are only higher), arc a -> b weighted by cost(a), interleaved per link: cost[x][2i] the
// least cost from landmark i to x (x excluded), cost[x][2i + 1] from x to landmark i (landmark
// excluded); kNoCost: no way at all.
struct LandmarkView {
    std::int32_t count;
    const std::uint64_t* cost;   // [link][2 * count]
};

// A link's entry in a search's scratch: its cost to the destination, its bound, where it is in
// the heap (-1 not in it, -2 settled) and the search that wrote it (older entries are stale).
struct SearchNode {
    std::uint64_t dist;
    std::uint64_t bound;
    std::int32_t heap_pos;
    std::uint32_t stamp;
};

struct HeapEntry {
    std::uint64_t f;
    std::int32_t link;
};

struct RouteSearchScratch {
    SearchNode* node;        // [slot][n_links]
    HeapEntry* heap;         // [slot][n_links]
    std::int32_t* path;      // [slot][n_links]: the route found, anchor first
    std::int32_t* path_len;  // [slot]: 0 when the destination cannot be reached
};

struct SearchRoutes {
    std::int32_t n_links;
    const std::int32_t* pred_begin;
    const std::int32_t* pred_link;
    const std::uint8_t* pred_open;
    const std::int32_t* succ_begin;
    const std::int32_t* succ_link;
    const std::int32_t* succ_pred;       // the pred entry (u <- l) of succ entry (l -> u)
    const std::uint64_t* cost;           // [block][n_links]
    const std::uint8_t* link_closed;
    LandmarkView lm;
    const std::int32_t* req_anchor;      // batch; anchor < 0: no search
    const std::int32_t* req_dest;
    const std::int32_t* req_block;
    RouteSearchScratch s;
    std::uint32_t search_id;             // this batch's number (the same in every slot)

    CT_HD static bool before(const HeapEntry& a, const HeapEntry& b) {
        return a.f < b.f || (a.f == b.f && a.link < b.link);
    }

    CT_HD void operator()(std::int64_t k) const {
        const std::int64_t off = k * static_cast<std::int64_t>(n_links);
        SearchNode* N = s.node + off;
        HeapEntry* H = s.heap + off;
        std::int32_t* out = s.path + off;
        s.path_len[k] = 0;
        const std::int32_t o = req_anchor[k], z = req_dest[k];
        if (o < 0 || z < 0) return;
        const std::uint64_t* c = cost + static_cast<std::int64_t>(req_block[k]) * n_links;
        if (o == z) {
            out[0] = z;
            s.path_len[k] = 1;
            return;
        }
        const bool closed_target = link_closed[z] != 0;
        if (c[z] == kNoCost && !closed_target) return;
        if (c[o] == kNoCost) return;   // a vehicle on a closed link has no next hop (as the tables)

        // The landmarks that bound the cost from o to z best (the active ones of ALT), and their
        // costs of the anchor, read once; the others cost memory reads for little.
        const std::int32_t all = lm.count < kMaxLandmarks ? lm.count : kMaxLandmarks;
        const std::int64_t stride = 2 * static_cast<std::int64_t>(lm.count);
        std::int32_t use[kActiveLandmarks];
        std::uint64_t lo_from[kActiveLandmarks], lo_to[kActiveLandmarks], gain[kActiveLandmarks];
        std::int32_t nl = 0;
        for (std::int32_t i = 0; i < all; ++i) {
            const std::uint64_t b = lm.cost[o * stride + 2 * i], e = lm.cost[o * stride + 2 * i + 1];
            const std::uint64_t a = lm.cost[z * stride + 2 * i], d = lm.cost[z * stride + 2 * i + 1];
            std::uint64_t g = 0;
            if (b != kNoCost && a != kNoCost && a > b) g = a - b;
            if (e != kNoCost && d != kNoCost && e > d && e - d > g) g = e - d;
            // keep the kActiveLandmarks largest, ties to the lower landmark
            std::int32_t j = nl < kActiveLandmarks ? nl++ : kActiveLandmarks;
            while (j > 0 && gain[j - 1] < g) {
                if (j < kActiveLandmarks) {
                    use[j] = use[j - 1]; gain[j] = gain[j - 1]; lo_from[j] = lo_from[j - 1]; lo_to[j] = lo_to[j - 1];
                }
                --j;
            }
            if (j < kActiveLandmarks) {
                use[j] = i; gain[j] = g; lo_from[j] = b; lo_to[j] = e;
            }
        }
        auto bound_of = [&](std::int32_t x) -> std::uint64_t {
            std::uint64_t h = 0;
            const std::uint64_t* L = lm.cost + x * stride;
            for (std::int32_t i = 0; i < nl; ++i) {
                const std::uint64_t a = L[2 * use[i]], b = lo_from[i];
                if (b != kNoCost) {
                    if (a == kNoCost) return kNoCost;   // the landmark reaches o but not x: nor does o
                    if (a > b && a - b > h) h = a - b;
                }
                const std::uint64_t d = L[2 * use[i] + 1], e = lo_to[i];
                if (e != kNoCost && d != kNoCost && e > d && e - d > h) h = e - d;
            }
            return h;
        };
        auto touch = [&](std::int32_t x) -> SearchNode& {
            SearchNode& n = N[x];
            if (n.stamp != search_id) {
                n.stamp = search_id;
                n.dist = kNoCost;
                n.heap_pos = -1;
                n.bound = bound_of(x);
            }
            return n;
        };
        std::int32_t size = 0;
        auto place = [&](std::int32_t i, const HeapEntry& e) {
            H[i] = e;
            N[e.link].heap_pos = i;
        };
        auto sift_up = [&](std::int32_t i) {
            const HeapEntry e = H[i];
            while (i > 0) {
                const std::int32_t parent = (i - 1) / 2;
                if (!before(e, H[parent])) break;
                place(i, H[parent]);
                i = parent;
            }
            place(i, e);
        };
        auto sift_down = [&](std::int32_t i) {
            const HeapEntry e = H[i];
            for (;;) {
                std::int32_t m = -1;
                const std::int32_t l = 2 * i + 1, r = 2 * i + 2;
                if (l < size) m = l;
                if (r < size && before(H[r], H[l])) m = r;
                if (m < 0 || !before(H[m], e)) break;
                place(i, H[m]);
                i = m;
            }
            place(i, e);
        };
        {
            SearchNode& nz = touch(z);
            if (nz.bound == kNoCost) return;
            nz.dist = closed_target ? 0ull : c[z];
            size = 1;
            place(0, HeapEntry{nz.dist + nz.bound, z});
        }
        std::uint64_t limit = kNoCost;   // D(o) once o is settled
        while (size > 0) {
            const HeapEntry top = H[0];
            if (top.f > limit) break;
            const std::int32_t u = top.link;
            N[u].heap_pos = -2;
            --size;
            if (size > 0) {
                H[0] = H[size];
                sift_down(0);
            }
            const std::uint64_t du = N[u].dist;
            if (u == o) limit = du;
#if !CT_DEVICE_CODE
            // The predecessors' scratch entries and landmark rows are scattered over megabytes:
            // ask for all of them before the first is needed, so their cache misses overlap.
            for (std::int32_t i = pred_begin[u]; i < pred_begin[u + 1]; ++i) {
                const std::int32_t p = pred_link[i];
                __builtin_prefetch(N + p);
                for (std::int32_t j = 0; j < nl; ++j) __builtin_prefetch(lm.cost + p * stride + 2 * use[j]);
            }
#endif
            for (std::int32_t i = pred_begin[u]; i < pred_begin[u + 1]; ++i) {
                if (!pred_open[i]) continue;
                const std::int32_t p = pred_link[i];
                const std::uint64_t cp = c[p];
                if (cp == kNoCost) continue;
                SearchNode& np = touch(p);
                if (np.heap_pos == -2 || np.bound == kNoCost) continue;
                const std::uint64_t cand = du + cp;
                if (cand < np.dist) {
                    np.dist = cand;
                    if (np.heap_pos < 0) {
#if !CT_DEVICE_CODE
                        for (std::int32_t q = pred_begin[p]; q < pred_begin[p + 1]; ++q) __builtin_prefetch(N + pred_link[q]);
#endif
                        np.heap_pos = size;
                        H[size] = HeapEntry{cand + np.bound, p};
                        ++size;
                    } else {
                        H[np.heap_pos].f = cand + np.bound;
                    }
                    sift_up(np.heap_pos);
                }
            }
        }
        if (N[o].stamp != search_id || N[o].heap_pos != -2) return;   // z cannot be reached from o
        // Forwards from o: the settled successor of least D, ties to the lower index.
        std::int32_t n = 0, l = o;
        out[n++] = o;
        while (l != z && n < n_links) {
            std::int32_t best = -1;
            std::uint64_t best_d = kNoCost;
            for (std::int32_t e = succ_begin[l]; e < succ_begin[l + 1]; ++e) {
                if (!pred_open[succ_pred[e]]) continue;
                const std::int32_t u = succ_link[e];
                const SearchNode& nu = N[u];
                if (nu.stamp != search_id || nu.heap_pos != -2) continue;
                if (best < 0 || nu.dist < best_d || (nu.dist == best_d && u < best)) best = u, best_d = nu.dist;
            }
            if (best < 0) return;   // cannot happen: o's chain of least costs reaches z
            out[n++] = best;
            l = best;
        }
        s.path_len[k] = l == z ? n : 0;
    }
};

// The landmark costs (LandmarkView) from the costs in force: item 2i the least costs from
// landmark i to every link (forwards over successors), item 2i + 1 from every link to it
// (backwards over predecessors), each a Dijkstra with its own heap in scratch.
struct LandmarkCosts {
    std::int32_t n_links;
    const std::int32_t* landmark;
    const std::int32_t* succ_begin;
    const std::int32_t* succ_link;
    const std::int32_t* succ_pred;
    const std::int32_t* pred_begin;
    const std::int32_t* pred_link;
    const std::uint8_t* pred_open;
    const std::uint64_t* cost;
    std::int32_t* heap;       // [item][n_links]
    std::int32_t* heap_pos;
    std::uint64_t* from;      // [landmark][n_links]
    std::uint64_t* to;

    CT_HD void operator()(std::int64_t item) const {
        const bool forward = (item % 2) == 0;
        const std::int64_t i = item / 2;
        std::uint64_t* D = (forward ? from : to) + i * n_links;
        std::int32_t* H = heap + item * n_links;
        std::int32_t* P = heap_pos + item * n_links;
        for (std::int32_t l = 0; l < n_links; ++l) {
            D[l] = kNoCost;
            P[l] = -1;
        }
        IndexHeap q{D, H, P};
        D[landmark[i]] = 0;
        q.push_or_decrease(landmark[i]);
        while (q.size > 0) {
            const std::int32_t x = q.pop();
            if (forward && cost[x] == kNoCost) continue;
            const std::int32_t b = forward ? succ_begin[x] : pred_begin[x], e = forward ? succ_begin[x + 1] : pred_begin[x + 1];
            for (std::int32_t k = b; k < e; ++k) {
                if (!pred_open[forward ? succ_pred[k] : k]) continue;
                const std::int32_t y = forward ? succ_link[k] : pred_link[k];
                const std::uint64_t w = forward ? cost[x] : cost[y];
                if (w == kNoCost || P[y] == -2) continue;
                const std::uint64_t cand = D[x] + w;
                if (cand < D[y]) {
                    D[y] = cand;
                    q.push_or_decrease(y);
                }
            }
        }
    }
};

// LandmarkCosts' rows [2 landmarks][link] interleaved per link, as LandmarkView reads them.
struct InterleaveLandmarks {
    std::int32_t n_links, count;
    const std::uint64_t* from;
    const std::uint64_t* to;
    std::uint64_t* out;

    CT_HD void operator()(std::int64_t x) const {
        for (std::int32_t i = 0; i < count; ++i) {
            out[x * 2 * count + 2 * i] = from[static_cast<std::int64_t>(i) * n_links + x];
            out[x * 2 * count + 2 * i + 1] = to[static_cast<std::int64_t>(i) * n_links + x];
        }
    }
};

CT_KERNELS_END
