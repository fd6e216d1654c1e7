#pragma once
// Next-hop tables by travel time: for each destination link, Dijkstra's algorithm backwards
// over the link graph (cost of a link = link_cost of its current travel time, route_cost.hpp),
// one destination per thread with its own heap in scratch memory. Ties break on link index, so the tables are the same
// on every backend and thread count for the same travel times.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/index_heap.hpp"
#include "kernels/traffic/route_cost.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

constexpr float kUnreachable = kCostUnreachable;

// Link travel times from the speeds seen on them since the last recomputation, blended half
// and half with the previous estimate; links nobody drove on keep drifting to free flow.
struct UpdateTravelTimes {
    const std::int32_t* link_first_lane;
    const std::int32_t* link_lanes;
    const float* link_length;
    const float* link_speed;
    const std::uint8_t* link_closed;
    unsigned long long* route_veh_steps;   // per lane; reset here
    unsigned long long* route_speed_mm;
    float* travel_time;
    bool first;
    const std::uint8_t* link_routable;     // 0: not routed over (no lane for cars)

    CT_HD void operator()(std::int64_t l) const {
        const float free_tt = link_length[l] / link_speed[l];
        unsigned long long n = 0, mm = 0;
        for (std::int32_t i = 0; i < link_lanes[l]; ++i) {
            const std::int32_t ln = link_first_lane[l] + i;
            n += route_veh_steps[ln];
            mm += route_speed_mm[ln];
            route_veh_steps[ln] = 0;
            route_speed_mm[ln] = 0;
        }
        if (link_closed[l] || !link_routable[l]) {
            travel_time[l] = kUnreachable;
            return;
        }
        float measured = free_tt;
        if (n > 0) {
            const float mean_speed = static_cast<float>(static_cast<double>(mm) / 1000.0 / static_cast<double>(n));
            measured = link_length[l] / ct_max(mean_speed, 0.05f * link_speed[l]);
            if (measured < free_tt) measured = free_tt;
        }
        const float prev = travel_time[l];
        travel_time[l] = (first || prev >= kUnreachable) ? measured : 0.5f * (prev + measured);
    }
};

struct ShortestPathsToDestinations {
    std::int32_t n_links;
    std::int32_t batch_first;            // destination index of thread 0
    const std::int32_t* dest_link;
    const std::int32_t* pred_begin;
    const std::int32_t* pred_link;
    const std::uint8_t* pred_open;       // 0: the movement pred -> link is closed (its lanes are)
    const std::uint64_t* cost;           // link_cost of each link
    const std::uint8_t* link_closed;     // a closed destination is still reached (access only)
    std::uint64_t* dist;                 // scratch [batch][n_links]
    std::int32_t* heap;                  // scratch [batch][n_links]
    std::int32_t* heap_pos;              // scratch [batch][n_links], -1: not in heap
    std::int32_t* next_hop;              // [dest][n_links]

    CT_HD void operator()(std::int64_t b) const {
        const std::int64_t d = batch_first + b;
        const std::int64_t off = b * static_cast<std::int64_t>(n_links);
        std::uint64_t* D = dist + off;
        std::int32_t* H = heap + off;
        std::int32_t* P = heap_pos + off;
        std::int32_t* N = next_hop + d * static_cast<std::int64_t>(n_links);
        for (std::int32_t l = 0; l < n_links; ++l) {
            D[l] = kNoCost;
            P[l] = -1;
            N[l] = -1;
        }
        const std::int32_t target = dest_link[d];
        // A closed link takes no through traffic, but the vehicles going to it may still enter
        // it and arrive; a link no car may use is no destination at all.
        const bool closed_target = link_closed[target] != 0;
        if (cost[target] == kNoCost && !closed_target) return;
        IndexHeap q{D, H, P};
        D[target] = closed_target ? 0ull : cost[target];
        q.push_or_decrease(target);
        while (q.size > 0) {
            const std::int32_t u = q.pop();
            for (std::int32_t i = pred_begin[u]; i < pred_begin[u + 1]; ++i) {
                if (!pred_open[i]) continue;
                const std::int32_t p = pred_link[i];
                const std::uint64_t c = cost[p];
                if (c == kNoCost || P[p] == -2) continue;
                // Costs are positive integers: a p settled before u is never improved by u, and of
                // the successors giving p its least cost the lowest index wins (route_search.hpp
                // picks the same one).
                const std::uint64_t cand = D[u] + c;
                if (cand < D[p] || (cand == D[p] && u < N[p])) {
                    D[p] = cand;
                    N[p] = u;
                    q.push_or_decrease(p);
                }
            }
        }
        N[target] = -1;
    }
};

// Costs of every link from the travel times; with `zone`, a ban's: its zone links cost 10^6 s more,
// so any way through the zone costs more than any way round it.
struct LinkCosts {
    const float* travel_time;
    const std::uint8_t* zone;       // null: the common costs
    std::uint64_t* cost;

    CT_HD void operator()(std::int64_t l) const {
        std::uint64_t c = link_cost(travel_time[l], l);
        if (zone && zone[l] && c != kNoCost) c += kBanPenaltyCost;
        cost[l] = c;
    }
};

// Fixed routes written over their next-hop rows after each recomputation (see FixedRoutes).
struct ApplyFixedRoutes {
    std::int32_t n_links;
    const std::int32_t* row;
    const std::int32_t* link;
    const std::int32_t* next;
    std::int32_t* next_hop;

    CT_HD void operator()(std::int64_t k) const {
        next_hop[static_cast<std::int64_t>(row[k]) * n_links + link[k]] = next[k];
    }
};

CT_KERNELS_END
