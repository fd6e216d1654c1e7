#pragma once
// One traffic step for every running vehicle: IDM acceleration behind the leader on its lane
// or, for the first vehicle of a lane, behind whatever the junction ahead presents (a red or
// yellow signal, a foe with right of way, a missing connection: a stopped obstacle at the
// line; otherwise the last vehicle of the lanes ahead, turn and speed-limit changes), then the
// ballistic update, link transitions and arrival.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/core/random.hpp"
#include "kernels/traffic/car_following.hpp"
#include "kernels/traffic/junction.hpp"
#include "kernels/traffic/ordering.hpp"
#include "kernels/traffic/route_query.hpp"
#include "kernels/traffic/teleport.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct MoveSettings {
    float dt;
    double t;                 // time at the start of the step
    float gap_time;
    float yield_lookahead;
    float lane_change_patience;
    float teleport_after;     // s standing at the line before the vehicle is moved on; 0: never
    std::uint64_t seed;       // Krauss's dawdling: counter-based draws per vehicle and step
    std::uint32_t step;
};

// The zones of the bans in force, for the one choice a vehicle makes without its route: a turn
// when it is stuck at a lane end (the route keeps it out of the zone otherwise).
struct BanView {
    const std::uint8_t* zones = nullptr;       // [ban][link]; null: no bans
    const std::int32_t* type_block = nullptr;  // per type: 0, or 1 + the ban keeping it out
    std::int32_t n_links = 0;

    CT_HD bool keeps_out(std::int32_t type, std::int32_t link) const {
        if (!zones) return false;
        const std::int32_t b = type_block[type];
        return b > 0 && zones[static_cast<std::int64_t>(b - 1) * n_links + link] != 0;
    }
};

struct MoveVehicles {
    NetView net;
    TypeView ty;
    VehicleView veh;
    OrderView o;
    StatsView st;
    MoveSettings ms;
    StopView sv;
    BanView bans;

    // A stop ahead on this link: approach it as a stopped obstacle at its position, dwell there
    // (speed 0) for its duration and until its time, then go on. Returns true while dwelling.
    // A stop the vehicle is already past (inserted beyond it) is counted as missed.
    CT_HD bool serve_stop(std::int32_t v, std::int32_t link, float x, float s, const FollowParams& p, float& acc,
                          float& limit) const {
        const std::int32_t k = sv.next_stop[v];
        if (k >= sv.stop_begin[v + 1] || sv.stop_link[k] != link) return false;
        const float at = ct_min(sv.stop_pos[k], net.link_length[link] - 0.1f);
        float& dwell = sv.dwell_left[v];
        if (dwell < 0.0f) {
            if (x > at + 1.0f) {  // cannot go back to it
                sv.next_stop[v] = k + 1;
                atomic_add(&st.counters[kCountStopsMissed], 1ull);
                return false;
            }
            if (at - x > 2.0f || s > 0.1f) {
                acc = ct_min(acc, stop_at_line(s, at - x, p));
                limit = ct_min(limit, ct_max(at, x));
                return false;
            }
            const double until = sv.stop_until[k] - ms.t;
            dwell = ct_max(sv.stop_duration[k], static_cast<float>(until > 0.0 ? until : 0.0));
        }
        dwell -= ms.dt;
        if (dwell <= 0.0f) {  // done: leaves this step
            dwell = -1.0f;
            sv.next_stop[v] = k + 1;
            atomic_add(&st.counters[kCountStopsServed], 1ull);
            return false;
        }
        return true;
    }

    CT_HD float desired_speed(std::int32_t v, std::int32_t link) const {
        return ct_min(net.link_speed[link] * veh.speed_factor[v], ty.max_speed[veh.type[v]]);
    }

    // A stopped obstacle so that the vehicle halts about a metre before the line.
    CT_HD static float stop_at_line(float v, float d_line, const FollowParams& p) {
        return follow_accel(v, 0.0f, d_line + ct_max(p.s0 - 1.0f, 0.0f), p);
    }

    // What lies beyond the line once the vehicle may pass it: the ways through the junctions
    // and the lanes it will drive on, their last vehicles, speed limits and turns, and signals
    // further on. `gap_limit` receives the bumper-to-bumper distance to the first vehicle found,
    // if any.
    CT_HD float beyond_line(std::int32_t v, float s, const FollowParams& p, std::int32_t conn,
                            float d_line, std::int32_t dest, std::int32_t dest_index,
                            float& gap_limit) const {
        float acc = approach_accel(s, net.conn_speed[conn], d_line, p.b);
        float dist = d_line + net.conn_via_length[conn];   // to the start of the lane it enters
        std::int32_t ln = net.conn_to_lane[conn];
        std::int32_t lk = net.conn_to_link[conn];
        const float horizon = ct_max(150.0f, brake_gap(p.v0, p.b) + 2.0f * p.v0 * p.T);
        for (int hop = 0; hop < 8; ++hop) {
            acc = ct_min(acc, approach_accel(s, desired_speed(v, lk), dist, p.b));
            const std::int32_t tail = o.lane_tail[ln];
            if (tail >= 0) {
                const float gap = dist + veh.pos[tail] - ty.length[veh.type[tail]];
                gap_limit = gap;
                return ct_min(acc, follow_accel(s, veh.speed[tail], gap, p));
            }
            dist += net.link_length[lk];
            if (dist > horizon || ends_at(net, dest, dest_index, lk)) break;
            const std::int32_t nl = route_next(net, dest, dest_index, lk);
            if (nl < 0) break;
            const std::int32_t c2 = connection_for_route(net, ln, nl, dest, dest_index, ty.lane_class[veh.type[v]]);
            if (c2 < 0) break;  // it will change lanes on that link first
            const std::uint8_t st2 = net.conn_state[c2];
            if (st2 == 'r' || (st2 == 'y' && brake_gap(s, p.b) <= dist) || (net.link_closed[nl] && nl != dest))
                return ct_min(acc, stop_at_line(s, dist, p));
            acc = ct_min(acc, approach_accel(s, net.conn_speed[c2], dist, p.b));
            dist += net.conn_via_length[c2];
            ln = net.conn_to_lane[c2];
            lk = nl;
        }
        return acc;
    }

    // The first vehicle on `lane` ahead of position x, by the sorted order; -1 when none.
    CT_HD std::int32_t ahead_on_lane(std::int32_t lane, float x) const {
        if (o.lane_begin[lane] < 0) return -1;
        std::int32_t lo = o.lane_begin[lane], hi = o.lane_end[lane];
        const std::uint64_t probe = (static_cast<std::uint64_t>(lane) << 32) | float_key_bits(x);
        while (lo < hi) {
            const std::int32_t mid = lo + (hi - lo) / 2;
            if (o.key[mid] <= probe) lo = mid + 1;
            else hi = mid;
        }
        return lo < o.lane_end[lane] ? o.vid[lo] : -1;
    }

    // Cooperation: the nearest vehicle ahead on a neighbouring lane that needs to change into
    // this one is followed as if it were already here, so a gap opens for it.
    CT_HD float let_in(std::int32_t lane, float x, float s, const FollowParams& p) const {
        float acc = 3.0e38f;
        const std::int32_t link = net.lane_link[lane];
        const std::int32_t first = net.link_first_lane[link], n = net.link_lanes[link];
        for (std::int32_t side = -1; side <= 1; side += 2) {
            const std::int32_t nl = lane + side;
            if (nl < first || nl >= first + n) continue;
            const std::int32_t w = ahead_on_lane(nl, x);
            if (w < 0) continue;
            if (veh.blinker[w] != lane) continue;
            const float gap = veh.pos[w] - ty.length[veh.type[w]] - x;
            if (gap < 0.5f || gap > 30.0f) continue;
            acc = ct_min(acc, follow_accel(s, veh.speed[w], gap, p));
        }
        return acc;
    }

    CT_HD void operator()(std::int64_t k) const {
        const std::int32_t v = o.vid[k];
        std::int32_t lead;
        if (running_key(o.key[k], net.n_lanes)) {
            lead = k + 1 < o.lane_end[veh.lane[v]] ? o.vid[k + 1] : -1;
        } else if (o.key[k] != kKeyArrived && veh.status[v] == kRunning) {
            // Inserted this step (it was waiting when sorted): as in SUMO, it stands at its
            // insertion position at the step's start and drives from there in the same step,
            // behind whatever is ahead of it on its lane.
            lead = ahead_on_lane(veh.lane[v], veh.pos[v]);
        } else {
            return;
        }
        const std::int32_t lane = veh.lane[v];
        const std::int32_t link = net.lane_link[lane];
        const float L = net.link_length[link];
        const float x = veh.pos[v];
        float s = veh.speed[v];
        const std::int32_t type = veh.type[v];
        const std::int32_t dest = veh.dest[v];
        const std::int32_t dest_index = veh.dest_index[v];
        std::int32_t next = veh.next_link[v];
        // Inside a junction (front before its lane's start) the way through sets the speed.
        const std::int32_t via = veh.via_conn[v];
        const float v_want = (x < 0.0f && via >= 0) ? ct_min(desired_speed(v, link), net.conn_speed[via]) : desired_speed(v, link);
        const FollowParams p = follow_params(ty, type, v_want);
        const float d_line = L - x;

        float acc = free_accel(s, p);
        float limit = 3.0e38f;  // the front may not pass this position (hard constraint)
        bool at_line_blocked = false;
        std::int32_t conn = -1;
        if (lead >= 0) {
            const std::int32_t u = lead;
            const float back = veh.pos[u] - ty.length[veh.type[u]];
            acc = follow_accel(s, veh.speed[u], back - x, p);
            limit = back;
        } else if (!ends_at(net, dest, dest_index, link)) {
            conn = next >= 0 ? connection_for_route(net, lane, next, dest, dest_index, ty.lane_class[type]) : -1;
            bool stop = conn < 0;
            if (!stop) {
                const std::uint8_t state = net.conn_state[conn];
                if (state == 'r' || (net.link_closed[next] && next != dest)) stop = true;   // closed: access only
                else if (o.lane_claim[net.conn_to_lane[conn]] != v &&
                         d_line <= s * ms.dt + 0.5f * p.a * ms.dt * ms.dt + 0.001f) stop = true;  // another enters first
                else {
                    const YieldContext yc{&net, &ty, &veh, &o, ms.gap_time};
                    stop = waits_for_right_of_way(yc, conn, v, dest, dest_index, d_line, ms.dt, ms.yield_lookahead);
                }
            }
            if (stop) {
                acc = ct_min(acc, stop_at_line(s, d_line, p));
                limit = L;
                at_line_blocked = true;
            } else {
                float gap = 3.0e38f;
                acc = ct_min(acc, beyond_line(v, s, p, conn, d_line, dest, dest_index, gap));
                limit = x + gap;
                // SUMO's approach to a minor link: further from the line than its foe visibility
                // the driver cannot see whether the way is free, so it keeps able to stop there.
                if (is_minor(net.conn_state[conn]) && net.conn_via_length[conn] > 0.0f && d_line > kFoeVisibility)
                    acc = ct_min(acc, approach_accel(s, sqrtf(2.0f * p.b * kFoeVisibility), d_line - kFoeVisibility, p.b));
            }
        }
        // Two searches of the neighbouring lanes, skipped where nobody blinks to come in.
        if (net.link_lanes[link] > 1 && o.lane_wanted[lane] > 0) acc = ct_min(acc, let_in(lane, x, s, p));
        if (serve_stop(v, link, x, s, p, acc, limit)) {
            acc = 0.0f;
            limit = x;  // dwelling: hold position
        }
        acc = ct_max(acc, -p.b_emergency);

        float v_new = s;
        float dx;
        if (p.model == kModelKrauss) {
            // Krauss: the allowed speed, dawdled, driven for the whole step (Euler, as SUMO).
            const float r = static_cast<float>(random_uniform(ms.seed, static_cast<std::uint32_t>(v), ms.step, kStreamDawdle));
            v_new = krauss_dawdle(s, ct_max(s + acc * ms.dt, 0.0f), r, p);
            dx = v_new * ms.dt;
        } else {
            dx = ballistic_advance(v_new, acc, ms.dt);
        }
        float x_new = x + dx;
        if (x_new > limit - 0.001f) {
            // The model could not stop in time: hold the vehicle at the obstacle and count it.
            // An obstacle already behind the front is a vehicle that has just crossed into the
            // next lane with its back still in the junction: the vehicle waits, nothing more.
            if (limit - 0.001f > x) atomic_add(&st.counters[kCountEmergencyStops], 1ull);
            x_new = ct_max(x, limit - 0.001f);
            dx = x_new - x;
            v_new = 0.0f;
        }

        float wait = (v_new < 0.1f && d_line < 10.0f) ? veh.wait_time[v] + ms.dt : 0.0f;
        if (at_line_blocked && conn < 0 && wait > ms.lane_change_patience && d_line < 10.0f) {
            // Stuck on a lane that does not lead where the route goes: take a turn this lane has
            // from which the destination can still be reached. A per-vehicle route knows only its
            // own links: the turn was searched the step before (see below), or if not (the lane
            // changed, links closed) is searched before the next step.
            std::int32_t pick = -1;
            bool known = true;
            if (net.next_hop) {
                // A turn into a ban's zone only when no other leads on (and into its destination).
                std::int32_t banned = -1;
                for (std::int32_t c = net.lane_conn_begin[lane]; c < net.lane_conn_begin[lane + 1] && pick < 0; ++c) {
                    const std::int32_t to = net.conn_to_link[c];
                    if (net.lane_allow[net.conn_to_lane[c]] == 0) continue;   // into a closed lane
                    if (to != dest && route_next(net, dest, dest_index, to) < 0) continue;
                    if (to != dest && bans.keeps_out(type, to)) {
                        if (banned < 0) banned = to;
                    } else {
                        pick = to;
                    }
                }
                if (pick < 0) pick = banned;
            } else if (net.routes.turn_lane[v] == lane) {
                pick = net.routes.turn[v];
            } else {
                known = false;
            }
            bool open_turn = false;
            for (std::int32_t c = net.lane_conn_begin[lane]; c < net.lane_conn_begin[lane + 1]; ++c)
                open_turn = open_turn || net.lane_allow[net.conn_to_lane[c]] != 0;
            if (pick >= 0) {
                next = pick;
                wait = 0.0f;
                atomic_add(&st.counters[kCountRerouteStuck], 1ull);
                if (!net.next_hop) request_route(net, v, kRouteFromNext);   // on from the turn taken
            } else if (!known && open_turn) {
                request_route(net, v, kRouteFromTurns);
            } else if (next < 0) {
                // No path on from here at all (pushed off its route into a dead end): the vehicle
                // leaves the network rather than block the lane for ever.
                veh.status[v] = kRemoved;
                veh.arrival_time[v] = ms.t + ms.dt;
                atomic_add(&st.counters[kCountRemoved], 1ull);
                veh.pos_next[v] = x;
                veh.speed_next[v] = 0.0f;
                veh.next_link_next[v] = -1;
                veh.wait_time_next[v] = 0.0f;
                return;
            }
        } else if (!net.next_hop && at_line_blocked && conn < 0 && d_line < 10.0f && v_new < 0.1f &&
                   wait + ms.dt > ms.lane_change_patience && net.routes.turn_lane[v] != lane) {
            // It will take another turn next step: find which before then.
            request_route(net, v, kRouteTurnAhead);
        }

        const double t_end = ms.t + ms.dt;
        std::int32_t new_lane = lane;
        if (ms.teleport_after > 0.0f && wait > ms.teleport_after && next >= 0 && !ends_at(net, dest, dest_index, link) && d_line < 10.0f) {
            const std::int32_t tl = teleport_target(net, ty, veh, o, v, lane, next);
            if (tl >= 0 && o.lane_claim[tl] == v) {
                const std::int32_t to = net.lane_link[tl];
                atomic_add(&st.link_left[link], 1ull);
                atomic_add(&st.link_entered[to], 1ull);
                atomic_add(&st.counters[kCountTeleports], 1ull);
                veh.route_length[v] += L - x;
                veh.time_loss[v] += ms.dt;
                veh.link_enter_time[v] = t_end;
                veh.lane[v] = tl;
                veh.pos_next[v] = ty.length[type];
                veh.speed_next[v] = 0.0f;
                route_advance(net, v, to);
                veh.next_link_next[v] = route_next(net, dest, dest_index, to);
                veh.route_lanes[v] = 0u;
                veh.via_conn[v] = -1;
                veh.wait_time_next[v] = 0.0f;
                return;
            }
        }
        if (x_new >= L) {
            atomic_add(&st.link_left[link], 1ull);
            atomic_add(&st.link_tt_ms[link],
                       static_cast<unsigned long long>((t_end - veh.link_enter_time[v]) * 1000.0 + 0.5));
            if (ends_at(net, dest, dest_index, link)) {
                veh.route_length[v] += L - x;
                veh.time_loss[v] += ms.dt * ct_max(0.0f, 1.0f - v_new / p.v0);
                veh.status[v] = kArrived;
                veh.arrival_time[v] = t_end;
                atomic_add(&st.counters[kCountArrived], 1ull);
                veh.pos_next[v] = L;
                veh.speed_next[v] = v_new;
                veh.next_link_next[v] = -1;
                veh.wait_time_next[v] = 0.0f;
                return;
            }
            const std::int32_t nl = next;
            const std::int32_t c = conn >= 0 ? conn : connection_for_route(net, lane, nl, dest, dest_index, ty.lane_class[type]);
            new_lane = net.conn_to_lane[c];
            x_new -= L + net.conn_via_length[c];   // into the junction, or through it
            veh.via_conn[v] = c;
            std::int32_t cur = nl;
            atomic_add(&st.link_entered[cur], 1ull);
            route_advance(net, v, cur);
            next = route_next(net, dest, dest_index, cur);
            // A link shorter than the rest of the step's travel (SUMO networks join two
            // junctions by edges of a few centimetres) is driven through in the same step where the way on
            // has a major green; otherwise the vehicle stops at its end. The distance limit above
            // already kept the front behind every vehicle on the lanes ahead.
            for (int hop = 0; hop < 4 && x_new > net.link_length[cur] - 0.01f; ++hop) {
                const std::int32_t c2 = (!ends_at(net, dest, dest_index, cur) && next >= 0 && (!net.link_closed[next] || next == dest))
                                            ? connection_for_route(net, new_lane, next, dest, dest_index, ty.lane_class[type])
                                            : -1;
                if (c2 < 0 || net.conn_state[c2] != 'G') break;
                atomic_add(&st.link_left[cur], 1ull);
                x_new -= net.link_length[cur] + net.conn_via_length[c2];
                new_lane = net.conn_to_lane[c2];
                veh.via_conn[v] = c2;
                cur = next;
                atomic_add(&st.link_entered[cur], 1ull);
                route_advance(net, v, cur);
                next = route_next(net, dest, dest_index, cur);
            }
            if (x_new > net.link_length[cur] - 0.01f) x_new = net.link_length[cur] - 0.01f;
            veh.link_enter_time[v] = t_end;
            wait = 0.0f;
        }
        veh.route_length[v] += dx;
        veh.time_loss[v] += ms.dt * ct_max(0.0f, 1.0f - (dx / ms.dt) / p.v0);
        veh.lane[v] = new_lane;
        veh.pos_next[v] = x_new;
        veh.speed_next[v] = v_new;
        if (next != veh.next_link[v] || new_lane != lane) veh.route_lanes[v] = 0u;  // work it out again
        veh.next_link_next[v] = next;
        veh.wait_time_next[v] = wait;
    }
};

CT_KERNELS_END
