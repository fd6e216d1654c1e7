#pragma once
// Route and connection look-ups shared by the traffic kernels.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

// The connection from `lane` into link `to_link`, or -1 if the lane does not lead there.
CT_HD inline std::int32_t find_connection(const NetView& net, std::int32_t lane, std::int32_t to_link) {
    for (std::int32_t c = net.lane_conn_begin[lane]; c < net.lane_conn_begin[lane + 1]; ++c)
        if (net.conn_to_link[c] == to_link) return c;
    return -1;
}

// The link after `link` on the way to the destination; circulating vehicles (dest < 0) take the
// first successor. -1 if there is none.
CT_HD inline std::int32_t route_next(const NetView& net, std::int32_t dest, std::int32_t dest_index,
                                     std::int32_t link) {
    if (dest < 0) {
        const std::int32_t b = net.link_succ_begin[link];
        return b < net.link_succ_begin[link + 1] ? net.succ_link[b] : -1;
    }
    if (link == dest) return -1;
    return net.next_hop[static_cast<std::int64_t>(dest_index) * net.n_links + link];
}

// Lanes of `link` (bit i = lane i) with a connection to `next`; every lane when next < 0.
CT_HD inline std::uint32_t lanes_toward(const NetView& net, std::int32_t link, std::int32_t next) {
    const std::int32_t n = net.link_lanes[link];
    const std::uint32_t all = n >= 32 ? 0xffffffffu : ((1u << n) - 1u);
    if (next < 0) return all;
    for (std::int32_t s = net.link_succ_begin[link]; s < net.link_succ_begin[link + 1]; ++s)
        if (net.succ_link[s] == next) return net.succ_lane_mask[s];
    return 0u;
}

CT_KERNELS_END
