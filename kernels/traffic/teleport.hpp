#pragma once
// Gridlock relief, as SUMO's time-to-teleport: a vehicle that has stood at its line for
// teleport_after seconds is put at the start of the first link along its route (up to
// kTeleportReach links on) with room for it, so a deadlock cannot last for ever. Used by the
// claim kernel (which reserves the target lane) and the move kernel (which moves the vehicle).
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/route_query.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

constexpr int kTeleportReach = 8;

// The lane to put vehicle v on (its front at its length from the lane start), or -1 if no
// link within reach has room.
CT_HD inline std::int32_t teleport_target(const NetView& net, const TypeView& ty, const VehicleView& veh, const OrderView& o,
                                          std::int32_t v, std::int32_t lane, std::int32_t next) {
    const std::int32_t type = veh.type[v];
    const std::uint8_t cls = ty.lane_class[type];
    const float need = ty.length[type] + ty.min_gap[type];
    std::int32_t from = lane, link = next;
    for (int hop = 0; hop < kTeleportReach && link >= 0; ++hop) {
        if (net.link_closed[link]) return -1;
        const std::int32_t tl = teleport_lane(net, from, link, veh.dest[v], veh.dest_index[v], cls);
        const std::int32_t tail = o.lane_tail[tl];
        const float room = tail < 0 ? net.link_length[link] : veh.pos[tail] - ty.length[veh.type[tail]];
        if (room >= need && net.link_length[link] >= need) return tl;
        if (ends_at(net, veh.dest[v], veh.dest_index[v], link)) return -1;
        from = tl;
        link = route_next(net, veh.dest[v], veh.dest_index[v], link);
    }
    return -1;
}

CT_KERNELS_END
