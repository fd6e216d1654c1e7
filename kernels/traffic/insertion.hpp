#pragma once
// Insertion: the first waiting vehicle of each origin link enters, standing at the start of
// the lane with the most room among those leading to its next link (SUMO's departLane "best",
// departPos "base", departSpeed 0), when its length plus the minimum gap fits behind the lane's
// last vehicle and no vehicle about to cross into that lane would have to brake harder than
// comfortably. Otherwise it keeps waiting and its depart delay grows.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/idm.hpp"
#include "kernels/traffic/route_query.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct InsertVehicles {
    NetView net;
    TypeView ty;
    VehicleView veh;
    OrderView o;
    StatsView st;
    double t;
    // Both buffers of the double-buffered fields: an inserted vehicle is visible to this step's
    // movement (as a lane's last vehicle) and carries its state into the next.
    float* pos_cur;
    float* speed_cur;
    std::int32_t* next_link_cur;
    float* wait_cur;

    CT_HD void operator()(std::int64_t link) const {
        const std::int32_t v = o.queue_head[link];
        if (v < 0 || net.link_closed[link]) return;
        const std::int32_t dest = veh.dest[v];
        const std::int32_t next = route_next(net, dest, veh.dest_index[v], static_cast<std::int32_t>(link));
        if (dest >= 0 && dest != link && next < 0) return;  // no route from here at present
        const std::int32_t type = veh.type[v];
        const std::uint32_t mask =
            lanes_for_route(net, static_cast<std::int32_t>(link), next, dest, veh.dest_index[v], ty.lane_class[type]);
        const float len = ty.length[type];
        const float L = net.link_length[link];
        std::int32_t best = -1;
        float best_room = -1.0f;
        for (std::int32_t i = 0; i < net.link_lanes[link]; ++i) {
            if (!((mask >> i) & 1u)) continue;
            const std::int32_t ln = net.link_first_lane[link] + i;
            const std::int32_t tail = o.lane_tail[ln];
            const float room = tail < 0 ? L : pos_cur[tail] - ty.length[veh.type[tail]];
            if (room > best_room) {
                best_room = room;
                best = ln;
            }
        }
        if (best < 0) return;
        const float front = ct_min(len, L);
        if (best_room < front + ty.min_gap[type] && !(o.lane_tail[best] < 0)) return;
        // Vehicles about to cross into this lane must be able to stop behind the new one.
        for (std::int32_t i = net.lane_in_begin[best]; i < net.lane_in_begin[best + 1]; ++i) {
            const std::int32_t c = net.in_conn[i];
            const std::int32_t fl = net.conn_from_lane[c];
            const std::int32_t h = o.lane_head[fl];
            if (h < 0 || next_link_cur[h] != link) continue;
            const std::int32_t ht = veh.type[h];
            const float d = net.link_length[net.lane_link[fl]] - pos_cur[h];
            const float vh = speed_cur[h];
            if (d < brake_gap(vh, ty.decel[ht]) + ty.min_gap[ht] + vh * 0.5f) return;
        }
        veh.status[v] = kRunning;
        veh.lane[v] = best;
        pos_cur[v] = veh.pos_next[v] = front;
        speed_cur[v] = veh.speed_next[v] = 0.0f;
        next_link_cur[v] = veh.next_link_next[v] = next;
        wait_cur[v] = veh.wait_time_next[v] = 0.0f;
        veh.insert_time[v] = t;
        veh.link_enter_time[v] = t;
        o.lane_tail[best] = v;
        atomic_add(&st.link_entered[link], 1ull);
        atomic_add(&st.counters[kCountInserted], 1ull);
    }
};

CT_KERNELS_END
