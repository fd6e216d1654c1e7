#pragma once
// Which junctions are occupied, before any vehicle decides to enter one. A vehicle that has
// crossed a line by a connection with a way through the junction (SUMO's internal lanes) is on
// its new lane at a negative position until its front reaches the lane. While its front is on
// the way through, movements with right of way whose ways cross its own do not start
// (junction.hpp, junction_holds). Only each lane's last vehicle is looked at: the vehicles ahead
// of it on the lane entered before it and are further out.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct MarkJunctionOccupancy {
    NetView net;
    TypeView ty;
    VehicleView veh;
    OrderView o;

    CT_HD void operator()(std::int64_t lane) const {
        std::int32_t inside = -1;
        const std::int32_t t = o.lane_tail[lane];
        if (t >= 0 && veh.status[t] == kRunning) {
            const std::int32_t c = veh.via_conn[t];
            if (c >= 0 && net.conn_to_lane[c] == lane && veh.pos[t] < 0.0f) inside = c;
        }
        o.lane_inside[lane] = inside;
    }
};

CT_KERNELS_END
