#pragma once
// Right of way at junctions. A movement with a minor green ('g', or any movement of a priority
// junction that has foes) waits while a foe vehicle would reach the junction within the
// critical gap; among vehicles standing at their lines, the one that has waited longer goes
// first (ties by id), so waiting can never form a cycle. A standing foe whose own exit lane
// has no room for it cannot go, and does not hold anyone up (otherwise one full street
// freezes every junction around it). Where junctions have internal lanes (docs/models.md §3.9),
// a vehicle crossing one holds the movements with right of way that its way crosses, and no
// vehicle enters a junction it could not leave (keepClear).
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/idm.hpp"
#include "kernels/traffic/route_query.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct YieldContext {
    const NetView* net;
    const TypeView* ty;
    const VehicleView* veh;
    const OrderView* o;
    float gap_time;
};

// A movement that gives way: a minor green, or a stop sign once the vehicle has halted.
CT_HD inline bool is_minor(std::uint8_t state) { return state == 'g' || state == 's'; }

// SUMO's jmStopSignWait default: at a stop sign a vehicle stands this long before it may go.
constexpr float kStopSignWait = 1.0f;
// SUMO's default foe visibility of a connection (m before the line): from further away a
// vehicle on a minor link cannot see its foes and must stay able to stop at the line.
constexpr float kFoeVisibility = 4.5f;

// Whether a vehicle crossing the junction on a way that crosses conn's is there
// (junction_occupancy.hpp marks them; nothing is ever inside a point junction).
CT_HD inline bool junction_holds(const NetView& net, const OrderView& o, std::int32_t conn) {
    for (std::int32_t i = net.conn_cross_begin[conn]; i < net.conn_cross_begin[conn + 1]; ++i) {
        const std::int32_t f = net.cross_conn[i];
        if (o.lane_inside[net.conn_to_lane[f]] == f) return true;
    }
    return false;
}

CT_HD inline bool foe_may_go(std::uint8_t foe_state, bool always) {
    return always ? foe_state != 'r' : (foe_state == 'G' || foe_state == 'y');
}

// SUMO's look-ahead time of a minor link (MSLink, JM_TIMEGAP_MINOR): the gap kept after a
// foe's window at the junction.
constexpr float kMinorTimeGap = 1.0f;

// When a vehicle at distance d before the line, at speed v, accelerating at a up to the way's
// speed limit vc, reaches the line and when its back has left the way of length w behind it
// (SUMO's arrival and leave times of a link: the leave at the mean of arrival and leave speeds).
struct LinkWindow {
    float arrive, leave;
};
CT_HD inline LinkWindow link_window(float d, float v, float a, float vc, float w, float length) {
    const float v_arr = ct_min(ct_max(v, sqrtf(v * v + 2.0f * a * ct_max(d, 0.0f))), ct_max(vc, v));
    const float arrive = d <= 0.0f ? 0.0f : 2.0f * d / ct_max(v + v_arr, 0.1f);
    const float v_leave = ct_min(sqrtf(v_arr * v_arr + 2.0f * a * w), ct_max(vc, v_arr));
    return {arrive, arrive + (w + length) / ct_max(0.5f * (v_arr + v_leave), 0.1f)};
}

CT_HD inline bool must_yield(const YieldContext& y, std::int32_t conn, std::int32_t self, float d_line) {
    const NetView& net = *y.net;
    const VehicleView& veh = *y.veh;
    const TypeView& ty = *y.ty;
    // Where junctions have internal lanes, SUMO's rule: the vehicle's time at the junction, from
    // reaching the line until its back has left its way through, may not overlap a foe's (kept
    // kMinorTimeGap apart); a foe already on its way through counts from now.
    // A left turn split at a waiting point (SUMO's internal junction) meets the opposing stream
    // there in SUMO, standing out of the way of the vehicles behind it; citytwin has it wait at
    // the line, where a window as long as SUMO's would hold the whole lane behind it: it keeps
    // the gap rule (docs/models.md §3.9).
    const bool ways = net.conn_via_length[conn] > 0.0f && net.conn_via_after_wait[conn] <= 0.0f;
    LinkWindow own{0.0f, 0.0f};
    if (ways) {
        const std::int32_t t = veh.type[self];
        own = link_window(d_line, veh.speed[self], ty.accel[t], net.conn_speed[conn], net.conn_via_length[conn], ty.length[t]);
        for (std::int32_t i = net.conn_foe_begin[conn]; i < net.conn_foe_begin[conn + 1]; ++i) {
            const std::int32_t f = net.foe_conn[i];
            const std::int32_t u = y.o->lane_inside[net.conn_to_lane[f]];
            if (u != f) continue;
            // Inside on the foe's way (its front short of the lane it enters): gone when its back is.
            const std::int32_t ln = net.conn_to_lane[f];
            const std::int32_t tail = y.o->lane_tail[ln];
            if (tail < 0) continue;
            const float left = -veh.pos[tail] + ty.length[veh.type[tail]];
            if (left > 0.0f && left > veh.speed[tail] * own.arrive) return true;
        }
    }
    for (std::int32_t i = net.conn_foe_begin[conn]; i < net.conn_foe_begin[conn + 1]; ++i) {
        const std::int32_t f = net.foe_conn[i];
        if (!foe_may_go(net.conn_state[f], net.foe_always[i] != 0)) continue;
        const std::int32_t fl = net.conn_from_lane[f];
        const std::int32_t h = y.o->lane_head[fl];
        if (h < 0) continue;
        const float L_f = net.link_length[net.lane_link[fl]];
        if (ways) {
            // Each foe on the lane, nearest first, as it drives now (it has right of way); a
            // standing one is judged by the waiting order below.
            bool conflict = false;
            for (std::int32_t k = y.o->lane_end[fl] - 1, seen = 0; k >= y.o->lane_begin[fl] && seen < 4; --k, ++seen) {
                const std::int32_t u = y.o->vid[k];
                const float vu = veh.speed[u];
                if (vu <= 0.1f) break;
                const float arrive = (L_f - veh.pos[u]) / vu;
                if (arrive >= own.leave + kMinorTimeGap) break;   // and those behind it later still
                if (veh.next_link[u] != net.conn_to_link[f]) continue;
                const float leave = arrive + (net.conn_via_length[f] + ty.length[veh.type[u]]) / vu;
                if (leave > own.arrive) conflict = true;
                break;
            }
            if (conflict) return true;
        }
        if (veh.next_link[h] != net.conn_to_link[f]) continue;
        const float d = L_f - veh.pos[h];
        const float v = veh.speed[h];
        if (ways && v > 0.1f) continue;   // judged above
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

// Junction blocking (SUMO's keepClear): a vehicle does not enter a junction it could not leave.
// As SUMO judges it, the room beyond the junction is the length of the lanes the vehicle enters
// (on along its route until they are as long as it needs) less the space their vehicles take
// closed up (length and minimum gap each); it counts only where a vehicle on them has halted,
// since a moving queue makes room as it goes, or where the vehicle itself will have to stop at
// the next junction's signal (red or yellow): otherwise a vehicle waiting there on a short
// joining edge stands inside the junction behind. (Counting a minor movement that must yield
// at the next junction too was tried: judged from afar it held vehicles back for minutes.)
// `need`: the vehicle's length and minimum gap.
CT_HD inline bool would_block_junction(const YieldContext& y, std::int32_t conn, std::int32_t dest, std::int32_t dest_index,
                                       std::uint8_t cls, float need) {
    const NetView& net = *y.net;
    if (net.conn_keep_clear[conn] == 0 || net.conn_via_length[conn] <= 0.0f) return false;
    float room = 0.0f, seen = 0.0f;
    bool halted = false;
    std::int32_t ln = net.conn_to_lane[conn];
    for (int hop = 0; hop < 4; ++hop) {
        const std::int32_t lk = net.lane_link[ln];
        float taken = 0.0f;
        if (y.o->lane_begin[ln] >= 0)
            for (std::int32_t k = y.o->lane_begin[ln]; k < y.o->lane_end[ln]; ++k) {
                const std::int32_t u = y.o->vid[k];
                taken += y.ty->length[y.veh->type[u]] + y.ty->min_gap[y.veh->type[u]];
                halted = halted || y.veh->speed[u] < 0.1f;
            }
        if (ends_at(net, dest, dest_index, lk) && taken == 0.0f) return false;   // it leaves the network at the end
        room += net.link_length[lk] - taken;
        seen += net.link_length[lk];
        if (seen >= need || taken > 0.0f || ends_at(net, dest, dest_index, lk)) break;
        const std::int32_t nl = route_next(net, dest, dest_index, lk);
        const std::int32_t c2 = nl >= 0 ? connection_for_route(net, ln, nl, dest, dest_index, cls) : -1;
        if (c2 < 0) break;
        const std::uint8_t st = net.conn_state[c2];
        if (st == 'r' || st == 'y') {
            halted = true;   // it will stand at that line
            break;
        }
        room += net.conn_via_length[c2];
        seen += net.conn_via_length[c2];
        ln = net.conn_to_lane[c2];
    }
    return halted && room < need;
}

// Whether the first vehicle of a lane, allowed through by its signal, still waits at its line
// for right of way: the decision the lane claims (lane_claims.hpp) and the move (move.hpp)
// must take alike. A yellow stops it if it can stop comfortably (SUMO: "stop if you can"); a stop
// sign until it has stood kStopSignWait; and while it can still stop comfortably within the
// yield look-ahead: a minor movement yields to its foes (must_yield), a movement with right of
// way is held by a vehicle crossing its way, at the last moment it can stop, as that vehicle is
// gone in seconds (holding minor movements for every major vehicle inside too starves them in
// steady priority traffic), and any vehicle waits rather than block the junction.
CT_HD inline bool waits_for_right_of_way(const YieldContext& y, std::int32_t conn, std::int32_t self, std::int32_t dest,
                                         std::int32_t dest_index, float d_line, float dt, float lookahead) {
    const NetView& net = *y.net;
    const std::uint8_t state = net.conn_state[conn];
    const std::int32_t type = y.veh->type[self];
    const float v = y.veh->speed[self];
    const float bg = brake_gap(v, y.ty->decel[type]);
    if (state == 'y') return bg <= d_line;
    if (state == 's' && d_line < lookahead && y.veh->wait_time[self] < kStopSignWait - 1e-4f) return true;
    if (d_line >= lookahead || bg > d_line) return false;   // closer than its braking distance: committed
    if (is_minor(state)) {
        if (must_yield(y, conn, self, d_line)) return true;
    } else if (d_line <= bg + v * dt + 2.0f && junction_holds(net, *y.o, conn)) {
        return true;
    }
    return would_block_junction(y, conn, dest, dest_index, y.ty->lane_class[type], y.ty->length[type] + y.ty->min_gap[type]);
}

CT_KERNELS_END
