#pragma once
// One vehicle per lane per step may cross a junction into it. Each lane's first vehicle that
// could reach its stop line within the step claims the lane it would enter; the lowest vehicle
// id wins (an integer minimum: the same winner on every backend and thread count). Without
// this, two movements with right of way that merge into one lane could put two vehicles on the
// same spot, since each sees only the lane's previous last vehicle. A vehicle that will not go
// this step (it must yield on a minor green, or stops for yellow) does not claim: otherwise it
// could hold the lane against a vehicle with right of way and both would stand for ever.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/idm.hpp"
#include "kernels/traffic/junction.hpp"
#include "kernels/traffic/route_query.hpp"
#include "kernels/traffic/teleport.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

constexpr std::int32_t kUnclaimed = 0x7fffffff;

struct ClaimLanes {
    NetView net;
    TypeView ty;
    VehicleView veh;
    OrderView o;
    float dt;
    std::int32_t* claim;   // [lane], reset to kUnclaimed before the launch
    float gap_time;        // as in MoveSettings
    float yield_lookahead;
    float teleport_after;  // s standing at the line before a vehicle is moved on; 0: never

    CT_HD void operator()(std::int64_t lane) const {
        const std::int32_t h = o.lane_head[lane];
        if (h < 0) return;
        const std::int32_t link = net.lane_link[lane];
        const std::int32_t next = veh.next_link[h];
        if (next < 0 || ends_at(net, veh.dest[h], veh.dest_index[h], link)) return;
        if (teleport_after > 0.0f && veh.wait_time[h] > teleport_after) {
            const std::int32_t tl = teleport_target(net, ty, veh, o, h, static_cast<std::int32_t>(lane), next);
            if (tl >= 0) atomic_min(&claim[tl], h);
            return;
        }
        const float reach = veh.speed[h] * dt + 0.5f * ty.accel[veh.type[h]] * dt * dt + 0.001f;
        if (net.link_length[link] - veh.pos[h] > reach) return;
        const std::int32_t c = connection_for_route(net, static_cast<std::int32_t>(lane), next, veh.dest[h], veh.dest_index[h],
                                                    ty.lane_class[veh.type[h]]);
        if (c < 0 || net.conn_state[c] == 'r') return;
        const float d_line = net.link_length[link] - veh.pos[h];
        const YieldContext yc{&net, &ty, &veh, &o, gap_time};
        if (waits_for_right_of_way(yc, c, h, veh.dest[h], veh.dest_index[h], d_line, dt, yield_lookahead)) return;
        atomic_min(&claim[net.conn_to_lane[c]], h);
    }
};

CT_KERNELS_END
