#pragma once
// A closure takes effect at once: vehicles whose next link has just closed take the way the new
// next-hop tables give from the link they are on (and work out their lanes again), rather than
// finding the closure when they reach its line.
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
    std::int32_t* next_link;        // of the current buffer
    std::uint32_t* route_lanes;
    unsigned long long* rerouted;   // one counter

    CT_HD void operator()(std::int64_t i) const {
        const std::int32_t v = active[i];
        if (status[v] != kRunning) return;
        const std::int32_t next = next_link[v];
        if (next < 0 || !net.link_closed[next] || next == dest[v]) return;   // its destination: access stays
        next_link[v] = route_next(net, dest[v], dest_index[v], net.lane_link[lane[v]]);
        route_lanes[v] = 0u;
        atomic_add(rerouted, 1ull);
    }
};

CT_KERNELS_END
