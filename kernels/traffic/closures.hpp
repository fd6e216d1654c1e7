#pragma once
// A closure takes effect at once: vehicles whose next link has just closed, or whose way into
// it runs only over lanes just closed, take the way the new next-hop tables give from the link
// they are on (and work out their lanes again), rather than finding the closure when they reach
// its line. A ban does the same for the vehicles of the types it moves to other rows.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/route_query.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct AvoidClosedLinks {
    NetView net;
    const std::int32_t* active;
    const std::uint8_t* status;
    const std::int32_t* lane;
    const std::int32_t* dest;
    const std::int32_t* dest_index;
    const std::int32_t* type;
    const std::uint8_t* type_moved;   // per type: its rows changed; null: none did
    const std::int32_t* pred_begin;
    const std::int32_t* pred_link;
    const std::uint8_t* pred_open;
    std::int32_t* next_link;        // of the current buffer
    std::uint32_t* route_lanes;
    unsigned long long* rerouted;   // one counter

    CT_HD bool movement_open(std::int32_t from, std::int32_t to) const {
        for (std::int32_t i = pred_begin[to]; i < pred_begin[to + 1]; ++i)
            if (pred_link[i] == from) return pred_open[i] != 0;
        return true;
    }

    CT_HD void operator()(std::int64_t i) const {
        const std::int32_t v = active[i];
        if (status[v] != kRunning) return;
        const std::int32_t next = next_link[v];
        const std::int32_t link = net.lane_link[lane[v]];
        const bool moved = type_moved && type_moved[type[v]];
        if (!moved) {
            if (next < 0 || next == dest[v]) return;   // its destination: access stays
            if (!net.link_closed[next] && movement_open(link, next)) return;
        }
        const std::int32_t nl = route_next(net, dest[v], dest_index[v], link);
        if (nl == next) return;
        next_link[v] = nl;
        route_lanes[v] = 0u;
        atomic_add(rerouted, 1ull);
    }
};

CT_KERNELS_END
