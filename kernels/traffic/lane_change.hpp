#pragma once
// Lane changing, in the manner of SUMO's LC2013 reduced to its two main motives: strategic
// (reach a lane that leads to the next link of the route) and speed gain (a faster lane that
// also leads there). A change happens only into a gap that is safe for both the changer and
// its new follower (neither needs to brake harder than its comfortable deceleration).
// Vehicles change only towards one side per step (left on even steps, right on odd), so two
// vehicles can never move into the same gap from opposite sides. A vehicle that must change
// (strategic) sets its blinker to the lane it needs; followers there let it in (move.hpp), as
// SUMO's cooperative lane changing does.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/car_following.hpp"
#include "kernels/traffic/move.hpp"
#include "kernels/traffic/ordering.hpp"
#include "kernels/traffic/route_query.hpp"

CT_KERNELS_BEGIN

struct ChangeLanes {
    NetView net;
    TypeView ty;
    VehicleView veh;
    OrderView o;
    StatsView st;
    int dir;                       // +1: towards higher lane index (left), -1: right
    float speed_gain_threshold;    // m/s² of acceleration advantage that makes a change worth it
    std::int32_t* link_changed;    // [link] changes on it this step (ResortChangedLinks, ordering.hpp)

    // First sorted position on lane `tl` whose key is above `probe` (lane_end if none).
    CT_HD std::int32_t upper(std::int32_t tl, std::uint64_t probe) const {
        std::int32_t lo = o.lane_begin[tl], hi = o.lane_end[tl];
        while (lo < hi) {
            const std::int32_t mid = lo + (hi - lo) / 2;
            if (o.key[mid] <= probe) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    CT_HD void operator()(std::int64_t k) const {
        if (!running_key(o.key[k], net.n_lanes)) return;
        const std::int32_t v = o.vid[k];
        const std::int32_t lane = veh.lane[v];
        const std::int32_t link = net.lane_link[lane];
        const std::int32_t nlanes = net.link_lanes[link];
        veh.blinker[v] = -1;
        if (nlanes < 2) return;
        const std::int32_t li = net.lane_index[lane];
        const std::int32_t dest = veh.dest[v];
        const std::int32_t next = ends_at(net, dest, veh.dest_index[v], link) ? -1 : veh.next_link[v];
        // Still inside the junction: no lane change, except on a joining edge (shorter than
        // kJoiningEdgeM, so driven while still inside), the last place to take the lane it needs.
        if (veh.pos[v] < 0.0f && net.link_length[link] >= kJoiningEdgeM) return;
        const std::int32_t type = veh.type[v];
        // The route's lanes depend only on the link and the route ahead: worked out once per link.
        std::uint32_t mask = veh.route_lanes[v];
        if (mask == 0u) mask = veh.route_lanes[v] = lanes_for_route(net, link, next, dest, veh.dest_index[v], ty.lane_class[type]);
        const bool here_ok = (mask >> li) & 1u;
        if (!here_ok) {
            // The side of the nearest lane that leads on (ties: left, as below).
            for (std::int32_t d = 1; d < nlanes; ++d) {
                const bool up_ok = li + d < nlanes && ((mask >> (li + d)) & 1u);
                const bool down_ok = li - d >= 0 && ((mask >> (li - d)) & 1u);
                if (up_ok || down_ok) {
                    veh.blinker[v] = lane + (up_ok ? 1 : -1);
                    atomic_add(&o.lane_wanted[veh.blinker[v]], 1);
                    break;
                }
            }
        }
        const std::int32_t ti = li + dir;
        if (ti < 0 || ti >= nlanes) return;
        const bool target_ok = (mask >> ti) & 1u;
        if (here_ok && !target_ok) return;
        if (!target_ok && !((lanes_allowed(net, link, ty.lane_class[type]) >> ti) & 1u)) return;  // not into a lane it may not use
        const float x = veh.pos[v], s = veh.speed[v], len = ty.length[type];
        const FollowParams p = follow_params(ty, type, ct_min(net.link_speed[link] * veh.speed_factor[v], ty.max_speed[type]));

        // Motive first (cheap), the gap check only for vehicles that want to change.
        float acc_here = 0.0f;
        if (!here_ok) {
            // Strategic: move towards the nearest lane that leads on.
            bool want = false;
            for (std::int32_t d = 1; d < nlanes; ++d) {
                const bool up_ok = li + d < nlanes && ((mask >> (li + d)) & 1u);
                const bool down_ok = li - d >= 0 && ((mask >> (li - d)) & 1u);
                if (up_ok || down_ok) {
                    want = (dir > 0) ? up_ok : (down_ok && !up_ok);
                    break;
                }
            }
            if (!want) return;
        } else {
            // Speed gain: only behind a leader that holds the vehicle back.
            if (!(k + 1 < o.lane_end[lane]) || s >= 0.9f * p.v0 + 0.5f) return;
            const std::int32_t u = o.vid[k + 1];
            acc_here = follow_accel(s, veh.speed[u], veh.pos[u] - ty.length[veh.type[u]] - x, p);
            if (acc_here + speed_gain_threshold >= free_accel(s, p)) return;
        }

        // Neighbours on the target lane.
        const std::int32_t tl = net.link_first_lane[link] + ti;
        std::int32_t lead = -1, follow = -1;
        if (o.lane_begin[tl] >= 0) {
            const std::uint64_t probe = (static_cast<std::uint64_t>(tl) << 32) | float_key_bits(x);
            const std::int32_t up = upper(tl, probe);
            if (up < o.lane_end[tl]) lead = o.vid[up];
            if (up > o.lane_begin[tl]) follow = o.vid[up - 1];
        }
        float acc_target = free_accel(s, p);
        if (lead >= 0) {
            const float gap = veh.pos[lead] - ty.length[veh.type[lead]] - x;
            if (gap < 0.5f) return;
            acc_target = follow_accel(s, veh.speed[lead], gap, p);
            // In a standing queue any real gap is safe: nobody needs to brake.
            if (acc_target < -p.b && !(s < 1.0f && veh.speed[lead] < 1.0f)) return;
        }
        if (follow >= 0) {
            const std::int32_t ft = veh.type[follow];
            const float gap = x - len - veh.pos[follow];
            if (gap < 0.5f) return;
            const FollowParams pf = follow_params(ty, ft, ct_min(net.link_speed[link] * veh.speed_factor[follow], ty.max_speed[ft]));
            if (follow_accel(veh.speed[follow], s, gap, pf) < -pf.b && !(s < 1.0f && veh.speed[follow] < 1.0f)) return;
        }
        if (follow < 0) {
            // The changer becomes the lane's last vehicle: whoever is about to cross into the
            // lane from upstream must still be able to follow it.
            for (std::int32_t i = net.lane_in_begin[tl]; i < net.lane_in_begin[tl + 1]; ++i) {
                const std::int32_t c = net.in_conn[i];
                const std::int32_t fl = net.conn_from_lane[c];
                const std::int32_t h = o.lane_head[fl];
                if (h < 0 || veh.next_link[h] != link) continue;
                const std::int32_t ht = veh.type[h];
                const float gap = net.link_length[net.lane_link[fl]] - veh.pos[h] + net.conn_via_length[c] + x - len;
                const FollowParams ph = follow_params(ty, ht, ct_min(net.link_speed[net.lane_link[fl]] * veh.speed_factor[h], ty.max_speed[ht]));
                if (gap < 0.5f || follow_accel(veh.speed[h], s, gap, ph) < -ph.b) return;
            }
        }
        if (here_ok && !(acc_target > acc_here + speed_gain_threshold)) return;
        veh.lane[v] = tl;
        veh.blinker[v] = -1;
        atomic_add(&link_changed[link], 1);
        atomic_add(&st.counters[kCountLaneChanges], 1ull);
    }
};

CT_KERNELS_END
