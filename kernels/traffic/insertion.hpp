#pragma once
// Insertion: the first waiting vehicle of each origin link enters when there is room, as SUMO's
// departLane, departPos and departSpeed say (SUMO's defaults: best, base, 0).
// - Lane: `best` the lane with the most room among those leading to its next link; `free` and
//   `allowed` the one with the most room among the lanes it may use; `first` the rightmost of
//   them; `random` one of them drawn by the counter-based generator (again each step it waits);
//   an index that lane.
// - Position of the front: `base` its own length (its back at the lane start); metres; `random`
//   drawn between its length and the lane end; `last` and `free` right behind the lane's last
//   vehicle, at its minimum gap (at the lane start on an empty lane).
// - Speed: a value (the insertion waits until it is safe); `max` the lane's limit, `desired` the
//   vehicle's own desired speed, `random` up to `max`, `avg` and `last` the speed of the vehicle
//   ahead — each lowered to the speed that is safe behind the vehicle ahead.
// A standing insertion at the lane start (the defaults) needs its length plus the minimum gap
// behind the lane's last vehicle; one at speed needs the gap from which it can stop behind it
// (the Krauss safe speed), and one mid-lane also room for the vehicle behind to stop. No vehicle
// about to cross into the lane may have to brake harder than comfortably. Otherwise the vehicle
// keeps waiting and its depart delay grows.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/core/random.hpp"
#include "kernels/traffic/car_following.hpp"
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
    std::uint64_t seed;        // random lanes, positions and speeds: per vehicle and step
    std::uint32_t step;

    CT_HD float uniform(std::int32_t v, std::uint32_t which) const {
        return static_cast<float>(uniform_open(random4(seed, static_cast<std::uint32_t>(v), step, kStreamDepart).v[which]));
    }

    // The lane to try, -1 when none.
    CT_HD std::int32_t choose_lane(std::int32_t link, std::int32_t v, std::uint32_t route_mask, std::uint8_t cls, float L) const {
        const std::int32_t mode = veh.depart_lane[v];
        const std::int32_t first = net.link_first_lane[link], n = net.link_lanes[link];
        if (mode >= 0) return mode < n ? first + mode : -1;
        std::uint32_t mask = route_mask;
        if (mode == kDepartLaneFree || mode == kDepartLaneAllowed || mode == kDepartLaneFirst || mode == kDepartLaneRandom)
            mask = lanes_allowed(net, link, cls);
        if (mode == kDepartLaneFirst || mode == kDepartLaneRandom) {
            std::int32_t count = 0;
            for (std::int32_t i = 0; i < n; ++i) count += (mask >> i) & 1u;
            if (count == 0) return -1;
            std::int32_t pick = mode == kDepartLaneFirst ? 0 : ct_min(static_cast<std::int32_t>(uniform(v, 0) * count), count - 1);
            for (std::int32_t i = 0; i < n; ++i)
                if ((mask >> i) & 1u) {
                    if (pick == 0) return first + i;
                    --pick;
                }
            return -1;
        }
        std::int32_t best = -1;
        float best_room = -1.0f;
        for (std::int32_t i = 0; i < n; ++i) {
            if (!((mask >> i) & 1u)) continue;
            const std::int32_t ln = first + i;
            const std::int32_t tail = o.lane_tail[ln];
            const float room = tail < 0 ? L : pos_cur[tail] - ty.length[veh.type[tail]];
            if (room > best_room) {
                best_room = room;
                best = ln;
            }
        }
        return best;
    }

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
        const std::int32_t best = choose_lane(static_cast<std::int32_t>(link), v, mask, ty.lane_class[type], L);
        if (best < 0) return;
        const float want_pos = veh.depart_pos[v], want_speed = veh.depart_speed[v];
        float front = ct_min(len, L), speed = 0.0f;
        const std::int32_t tail = o.lane_tail[best];
        // A position within its own length is the lane start too (SUMO files often say 0).
        const bool at_start = want_pos == kDepartPosBase || (want_pos >= 0.0f && want_pos <= front);
        const bool standard = at_start && want_speed == 0.0f;
        if (standard) {
            // SUMO's defaults: standing at the lane start behind the last vehicle.
            const float room = tail < 0 ? L : pos_cur[tail] - ty.length[veh.type[tail]];
            if (room < front + ty.min_gap[type] && !(tail < 0)) return;
        } else if (!place(static_cast<std::int32_t>(link), v, best, type, want_pos, want_speed, front, speed)) {
            return;
        }
        // Vehicles about to cross into this lane must be able to stop behind the new one.
        for (std::int32_t i = net.lane_in_begin[best]; i < net.lane_in_begin[best + 1]; ++i) {
            const std::int32_t c = net.in_conn[i];
            const std::int32_t fl = net.conn_from_lane[c];
            const std::int32_t h = o.lane_head[fl];
            if (h < 0 || next_link_cur[h] != link) continue;
            const std::int32_t ht = veh.type[h];
            const float d = net.link_length[net.lane_link[fl]] - pos_cur[h] + net.conn_via_length[c] + ct_max(front - len, 0.0f);
            const float vh = speed_cur[h];
            if (d < brake_gap(vh, ty.decel[ht]) + ty.min_gap[ht] + vh * 0.5f) return;
        }
        veh.status[v] = kRunning;
        veh.lane[v] = best;
        pos_cur[v] = veh.pos_next[v] = front;
        speed_cur[v] = veh.speed_next[v] = speed;
        next_link_cur[v] = veh.next_link_next[v] = next;
        veh.route_lanes[v] = mask;
        veh.via_conn[v] = -1;
        wait_cur[v] = veh.wait_time_next[v] = 0.0f;
        veh.insert_time[v] = t;
        veh.link_enter_time[v] = t;
        if (tail < 0 || front <= pos_cur[tail]) o.lane_tail[best] = v;   // the lane's new last vehicle
        const std::int32_t head = o.lane_head[best];
        if (head < 0 || front > pos_cur[head]) o.lane_head[best] = v;   // or its new first (it moves this step)
        atomic_add(&st.link_entered[link], 1ull);
        atomic_add(&st.counters[kCountInserted], 1ull);
    }

    // Position and speed of an insertion that is not SUMO's default; false while it must wait.
    CT_HD bool place(std::int32_t link, std::int32_t v, std::int32_t lane, std::int32_t type, float want_pos, float want_speed,
                     float& front, float& speed) const {
        const float len = ty.length[type], L = net.link_length[link];
        const float v_lim = ct_min(net.link_speed[link], ty.max_speed[type]);
        const FollowParams p = follow_params(ty, type, ct_min(net.link_speed[link] * veh.speed_factor[v], ty.max_speed[type]));
        // The vehicles on the lane, by position: find the one ahead of and behind the front.
        const std::int32_t b = o.lane_begin[lane], e = o.lane_end[lane];
        const auto ahead_of = [&](float x, std::int32_t& lead, std::int32_t& follow) {
            lead = follow = -1;
            if (b < 0) return;
            for (std::int32_t k = b; k < e; ++k) {
                const std::int32_t u = o.vid[k];
                if (pos_cur[u] > x) {
                    lead = u;
                    return;
                }
                follow = u;
            }
        };
        const std::int32_t tail = o.lane_tail[lane];
        if (want_pos == kDepartPosBase) front = ct_min(len, L);
        else if (want_pos == kDepartPosRandom) front = len + uniform(v, 1) * ct_max(L - len, 0.0f);
        else if (want_pos == kDepartPosLast || want_pos == kDepartPosFree)
            front = tail < 0 ? ct_min(len, L) : pos_cur[tail] - ty.length[veh.type[tail]] - p.s0;
        else front = ct_max(want_pos, ct_min(len, L));
        front = ct_min(front, L);
        if (front < ct_min(len, L) - 1e-3f) return false;
        std::int32_t lead = -1, follow = -1;
        ahead_of(front, lead, follow);
        const float lead_speed = lead >= 0 ? speed_cur[lead] : v_lim;
        const float gap = lead >= 0 ? pos_cur[lead] - ty.length[veh.type[lead]] - front : 3.0e38f;
        if (gap < p.s0) return false;
        const float safe = lead >= 0 ? krauss_safe_speed(lead_speed, gap, p) : 3.0e38f;
        float target;
        if (want_speed >= 0.0f) target = want_speed;
        else if (want_speed == kDepartSpeedMax) target = v_lim;
        else if (want_speed == kDepartSpeedDesired) target = p.v0;
        else if (want_speed == kDepartSpeedRandom) target = uniform(v, 2) * v_lim;
        else target = lead >= 0 ? lead_speed : v_lim;   // avg, last
        if (want_speed >= 0.0f) {
            if (target > safe) return false;   // a given speed waits until it is safe
            speed = target;
        } else {
            speed = ct_max(ct_min(target, safe), 0.0f);
        }
        // The vehicle behind on the lane does not see the new one until the next step: it must be
        // able to stop behind it from where it will be.
        if (follow >= 0) {
            const std::int32_t ft = veh.type[follow];
            const float vf = speed_cur[follow];
            const float room = front - len - pos_cur[follow];
            if (room < vf * p.dt + brake_gap(vf, ty.decel[ft]) + ty.min_gap[ft]) return false;
        }
        return true;
    }
};

CT_KERNELS_END
