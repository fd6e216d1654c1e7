#pragma once
// Route and connection look-ups shared by the traffic kernels.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

// The connection from `lane` into link `to_link`, or -1 if the lane does not lead there. Of
// several, the first into a lane that admits vehicle class `cls` (a car is not led onto a bus
// lane when another lane is reachable). A lane that admits nobody (closed by an intervention;
// networks have no such lanes) is never entered: from a lane that only leads into closed lanes
// a vehicle has to change lanes, as at any lane that does not lead on.
CT_HD inline std::int32_t find_connection(const NetView& net, std::int32_t lane, std::int32_t to_link,
                                          std::uint8_t cls = 0xff) {
    std::int32_t any = -1;
    for (std::int32_t c = net.lane_conn_begin[lane]; c < net.lane_conn_begin[lane + 1]; ++c)
        if (net.conn_to_link[c] == to_link) {
            const std::uint8_t allow = net.lane_allow[net.conn_to_lane[c]];
            if (allow & cls) return c;
            if (any < 0 && allow != 0) any = c;
        }
    return any;
}

// With per-vehicle routes: the link after `link` on vehicle v's route from where it is on, -1 if
// `link` is not on the rest of it (a route visiting a link twice so takes each visit in turn).
CT_HD inline std::int32_t route_after(const NetView& net, std::int32_t v, std::int32_t link) {
    const RouteView& r = net.routes;
    const std::int32_t* R = r.link + r.begin[v];
    for (std::int32_t i = r.pos[v]; i + 1 < r.len[v]; ++i)
        if (R[i] == link) return R[i + 1];
    return -1;
}

// Vehicle v asks for a route (RouteView): served by the host before the next step. A later ask
// in the same step replaces an earlier one.
CT_HD inline void request_route(const NetView& net, std::int32_t v, std::uint8_t what) {
    if (net.routes.flag[v] == kRouteOk) atomic_add(net.routes.requests, 1ull);
    net.routes.flag[v] = what;
}

// Vehicle v has entered `link`: move its place on its route there. A link that is not on the rest
// of the route (pushed off it) asks for a new route from there, before the next step.
CT_HD inline void route_advance(const NetView& net, std::int32_t v, std::int32_t link) {
    if (net.next_hop) return;
    const RouteView& r = net.routes;
    const std::int32_t* R = r.link + r.begin[v];
    for (std::int32_t i = r.pos[v] + 1; i < r.len[v]; ++i)
        if (R[i] == link) {
            r.pos[v] = i;
            return;
        }
    request_route(net, v, kRouteFromCurrent);
}

// The link after `link` on the way to the destination; circulating vehicles (dest < 0) take the
// first successor. -1 if there is none. `dest_index` is the vehicle's next-hop row, or with
// per-vehicle routes the vehicle itself.
CT_HD inline std::int32_t route_next(const NetView& net, std::int32_t dest, std::int32_t dest_index,
                                     std::int32_t link) {
    if (dest < 0) {
        const std::int32_t b = net.link_succ_begin[link];
        return b < net.link_succ_begin[link + 1] ? net.succ_link[b] : -1;
    }
    if (!net.next_hop) return route_after(net, dest_index, link);
    if (link == dest) return -1;
    return net.next_hop[static_cast<std::int64_t>(dest_index) * net.n_links + link];
}

// Whether the trip ends on `link`: its destination, and with per-vehicle routes its last visit
// there (a given route may pass its last link before it ends; it arrives at the end).
CT_HD inline bool ends_at(const NetView& net, std::int32_t dest, std::int32_t dest_index, std::int32_t link) {
    return link == dest && (net.next_hop || route_after(net, dest_index, link) < 0);
}

// Lanes of `link` (bit i = lane i) that admit vehicle class `cls`.
CT_HD inline std::uint32_t lanes_allowed(const NetView& net, std::int32_t link, std::uint8_t cls) {
    std::uint32_t m = 0u;
    const std::int32_t first = net.link_first_lane[link];
    for (std::int32_t i = 0; i < net.link_lanes[link]; ++i)
        if (net.lane_allow[first + i] & cls) m |= 1u << i;
    return m;
}

// Lanes of `link` (bit i = lane i) with a connection to `next` (every lane when next < 0) that
// admit class `cls`; when no such lane admits it, the connected lanes regardless of class, so a
// vehicle is never left with nowhere to go.
CT_HD inline std::uint32_t lanes_toward(const NetView& net, std::int32_t link, std::int32_t next,
                                        std::uint8_t cls = 0xff) {
    const std::int32_t n = net.link_lanes[link];
    std::uint32_t m = n >= 32 ? 0xffffffffu : ((1u << n) - 1u);
    if (next >= 0) {
        m = 0u;
        for (std::int32_t s = net.link_succ_begin[link]; s < net.link_succ_begin[link + 1]; ++s)
            if (net.succ_link[s] == next) m = net.succ_lane_mask[s];
    }
    const std::uint32_t ok = m & lanes_allowed(net, link, cls);
    if (ok) return ok;
    const std::uint32_t open = m & lanes_allowed(net, link, 0xff);   // not closed
    return open ? open : m;
}

// How many links ahead the lane choice looks (SUMO's "best lanes" look along the whole route).
// Links shorter than kJoiningEdgeM (SUMO's joining edges of a few decimetres) are looked through
// without counting: no lane can be changed on them, so the lane must be right before them.
constexpr int kLaneLookahead = 2;
constexpr int kLaneChainMax = 8;
constexpr float kJoiningEdgeM = 5.0f;

// Lanes of `link` whose connection into `next` lands on a lane in `good` (bit i = lane i of next).
CT_HD inline std::uint32_t lanes_landing_on(const NetView& net, std::int32_t link, std::int32_t next, std::uint32_t good) {
    std::uint32_t m = 0u;
    const std::int32_t base = net.link_first_lane[next];
    for (std::int32_t i = 0; i < net.link_lanes[link]; ++i) {
        const std::int32_t ln = net.link_first_lane[link] + i;
        for (std::int32_t c = net.lane_conn_begin[ln]; c < net.lane_conn_begin[ln + 1]; ++c)
            if (net.conn_to_link[c] == next && ((good >> (net.conn_to_lane[c] - base)) & 1u)) m |= 1u << i;
    }
    return m;
}

// The lanes of `link` to be on for the route ahead: those leading to `next` (lanes_toward),
// narrowed to the ones from which the following links can be driven without changing lanes,
// as far as kLaneLookahead links ahead (a narrowing that would leave nothing is dropped). So a
// vehicle takes the lane it needs a few links early, as SUMO's strategic lane choice does.
CT_HD inline std::uint32_t lanes_for_route(const NetView& net, std::int32_t link, std::int32_t next,
                                           std::int32_t dest, std::int32_t dest_index, std::uint8_t cls) {
    const std::uint32_t here = lanes_toward(net, link, next, cls);
    if (next < 0 || ends_at(net, dest, dest_index, next)) return here;
    std::int32_t chain[kLaneChainMax];
    chain[0] = link;
    chain[1] = next;
    int n = 2, counted = 2;
    if (net.link_length[next] < kJoiningEdgeM) --counted;
    while (n < kLaneChainMax && counted < kLaneLookahead + 2 && !ends_at(net, dest, dest_index, chain[n - 1])) {
        const std::int32_t nx = route_next(net, dest, dest_index, chain[n - 1]);
        if (nx < 0) break;
        chain[n++] = nx;
        if (net.link_length[nx] >= kJoiningEdgeM) ++counted;
    }
    // From the far end back: good lanes of chain[i] given good lanes of chain[i+1].
    std::uint32_t good = lanes_toward(net, chain[n - 1], -1, cls);
    for (int i = n - 2; i >= 0; --i) {
        const std::uint32_t toward = lanes_toward(net, chain[i], chain[i + 1], cls);
        const std::uint32_t narrowed = toward & lanes_landing_on(net, chain[i], chain[i + 1], good);
        good = narrowed ? narrowed : toward;
    }
    return good ? good : here;
}

// The connection to take from `lane` into `next`: of several, one landing on a lane that leads
// on along the route (lanes_for_route of `next`), else one landing on a lane that at least leads
// to the link after `next` (a vehicle that could not reach the right lane in time is not put
// on one that leads nowhere it goes), else as find_connection.
CT_HD inline std::int32_t connection_for_route(const NetView& net, std::int32_t lane, std::int32_t next,
                                               std::int32_t dest, std::int32_t dest_index, std::uint8_t cls) {
    const std::int32_t first = find_connection(net, lane, next, cls);
    if (first < 0 || ends_at(net, dest, dest_index, next)) return first;
    std::int32_t count = 0;
    for (std::int32_t c = net.lane_conn_begin[lane]; c < net.lane_conn_begin[lane + 1]; ++c) count += net.conn_to_link[c] == next;
    if (count < 2) return first;
    const std::int32_t after = route_next(net, dest, dest_index, next);
    const std::int32_t base = net.link_first_lane[next];
    auto landing = [&](std::uint32_t good) {
        for (std::int32_t c = net.lane_conn_begin[lane]; c < net.lane_conn_begin[lane + 1]; ++c)
            if (net.conn_to_link[c] == next && ((good >> (net.conn_to_lane[c] - base)) & 1u) &&
                (net.lane_allow[net.conn_to_lane[c]] & cls))
                return c;
        return std::int32_t{-1};
    };
    std::int32_t c = landing(lanes_for_route(net, next, after, dest, dest_index, cls));
    if (c < 0 && after >= 0) c = landing(lanes_toward(net, next, after, cls));
    return c >= 0 ? c : first;
}

// Where a vehicle stuck at the end of `lane` is put when it is moved on (SUMO's teleport): the
// lane its connection into `next` lands on, else the first lane of `next` it may use.
CT_HD inline std::int32_t teleport_lane(const NetView& net, std::int32_t lane, std::int32_t next, std::int32_t dest,
                                        std::int32_t dest_index, std::uint8_t cls) {
    const std::int32_t c = connection_for_route(net, lane, next, dest, dest_index, cls);
    if (c >= 0) return net.conn_to_lane[c];
    const std::uint32_t ok = lanes_allowed(net, next, cls);
    for (std::int32_t i = 0; i < net.link_lanes[next]; ++i)
        if ((ok >> i) & 1u) return net.link_first_lane[next] + i;
    return net.link_first_lane[next];
}

CT_KERNELS_END
