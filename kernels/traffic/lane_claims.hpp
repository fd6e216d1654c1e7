#pragma once
// One vehicle per lane per step may cross a junction into it. Each lane's first vehicle that
// could reach its stop line within the step claims the lane it would enter; the lowest vehicle
// id wins (an integer minimum: the same winner on every backend and thread count). Without
// this, two movements with right of way that merge into one lane could put two vehicles on the
// same spot, since each sees only the lane's previous last vehicle.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/route_query.hpp"
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

    CT_HD void operator()(std::int64_t lane) const {
        const std::int32_t h = o.lane_head[lane];
        if (h < 0) return;
        const std::int32_t link = net.lane_link[lane];
        const std::int32_t next = veh.next_link[h];
        if (link == veh.dest[h] || next < 0) return;
        const float reach = veh.speed[h] * dt + 0.5f * ty.accel[veh.type[h]] * dt * dt + 0.001f;
        if (net.link_length[link] - veh.pos[h] > reach) return;
        const std::int32_t c = find_connection(net, static_cast<std::int32_t>(lane), next);
        if (c < 0 || net.conn_state[c] == 'r') return;
        atomic_min(&claim[net.conn_to_lane[c]], h);
    }
};

CT_KERNELS_END
