#pragma once
// Right of way at junctions. A movement with a minor green ('g', or any movement of a priority
// junction that has foes) waits while a foe vehicle would reach the junction within the
// critical gap; among vehicles standing at their lines, the one that has waited longer goes
// first (ties by id), so waiting can never form a cycle. A standing foe whose own exit lane
// has no room for it cannot go, and does not hold anyone up (otherwise one full street
// freezes every junction around it).
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct YieldContext {
    const NetView* net;
    const TypeView* ty;
    const VehicleView* veh;
    const OrderView* o;
    float gap_time;
};

CT_HD inline bool foe_may_go(std::uint8_t foe_state, bool always) {
    return always ? foe_state != 'r' : (foe_state == 'G' || foe_state == 'y');
}

CT_HD inline bool must_yield(const YieldContext& y, std::int32_t conn, std::int32_t self) {
    const NetView& net = *y.net;
    const VehicleView& veh = *y.veh;
    for (std::int32_t i = net.conn_foe_begin[conn]; i < net.conn_foe_begin[conn + 1]; ++i) {
        const std::int32_t f = net.foe_conn[i];
        if (!foe_may_go(net.conn_state[f], net.foe_always[i] != 0)) continue;
        const std::int32_t fl = net.conn_from_lane[f];
        const std::int32_t h = y.o->lane_head[fl];
        if (h < 0 || veh.next_link[h] != net.conn_to_link[f]) continue;
        const float d = net.link_length[net.lane_link[fl]] - veh.pos[h];
        const float v = veh.speed[h];
        if (v > 0.1f) {
            if (d < v * y.gap_time) return true;
        } else if (d < 3.0f) {
            const std::int32_t tail = y.o->lane_tail[net.conn_to_lane[f]];
            if (tail >= 0) {
                const float room = veh.pos[tail] - y.ty->length[veh.type[tail]];
                const std::int32_t ft = veh.type[h];
                if (room < y.ty->length[ft] + y.ty->min_gap[ft]) continue;  // blocked itself
            }
            const float wf = veh.wait_time[h], ws = veh.wait_time[self];
            if (wf > ws || (wf == ws && h < self)) return true;
        }
    }
    return false;
}

CT_KERNELS_END
