#pragma once
// What the traffic state asks of its per-vehicle routes (device_routes.hpp), gathered on the
// host from the vehicle arrays: routes for trips just released, for the vehicles that asked in
// the last step, and every vehicle's at a reroute or when links or bans change. Part of the
// per-backend translation unit (included by sim/traffic/traffic_device.cpp only).
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include <thrust/copy.h>

#include "kernels/traffic/traffic_view.hpp"
#include "sim/core/device_state.hpp"
#include "sim/traffic/device_network.hpp"
#include "sim/traffic/device_routes.hpp"

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

namespace k = citytwin::kernels;
using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
using citytwin::CITYTWIN_BACKEND_NS::raw;

struct HasRouteRequest {
    const std::uint8_t* flag;
    CT_HD bool operator()(std::int32_t v) const { return flag[v] != k::kRouteOk; }
};

struct GatherRequests {
    const std::int32_t* ids;
    const std::int32_t* lane;
    const std::int32_t* type;
    const std::int32_t* next_link;
    const std::uint8_t* flag;
    std::int32_t* lane_out;
    std::int32_t* type_out;
    std::int32_t* next_out;
    std::uint8_t* flag_out;
    CT_HD void operator()(std::int64_t i) const {
        const std::int32_t v = ids[i];
        lane_out[i] = lane[v];
        type_out[i] = type[v];
        next_out[i] = next_link[v];
        flag_out[i] = flag[v];
    }
};

struct ClearRouteRequests {
    const std::int32_t* ids;
    std::uint8_t* flag;
    CT_HD void operator()(std::int64_t i) const { flag[ids[i]] = k::kRouteOk; }
};

enum class Rebuild { kAll, kLinksChanged, kTypesMoved };

// The traffic state's arrays as one step leaves them (its current buffers), and the routes.
struct RouteRequests {
    DeviceRoutes& r;
    const DeviceNetwork& net;
    const dvec<std::uint64_t>& cost;
    std::size_t n_trips;
    const dvec<std::int32_t>& active;
    std::int64_t n_active;
    dvec<std::uint8_t>& status_d;
    const dvec<std::int32_t>& lane_d;
    const dvec<std::int32_t>& type_d;
    const dvec<std::int32_t>& type_block;
    dvec<std::int32_t>& next_link;
    dvec<float>& wait;
    dvec<float>& speed;
    dvec<double>& arrival_time;
    dvec<unsigned long long>& counters;

    DeviceRoutes::Want search_from(std::int32_t v, std::int32_t anchor, std::int32_t prefix, std::int32_t block,
                                   std::uint8_t set_next) const {
        DeviceRoutes::Want w{v, DeviceRoutes::kSearch};
        w.anchor = anchor;
        w.dest = r.dest_h[v];
        w.prefix = prefix;
        w.block = block;
        w.set_next = set_next;
        return w;
    }

    bool follows_fixed(std::int32_t v, const std::vector<std::uint8_t>& own) const {
        return r.trip_route[v] >= 0 && !own[v];
    }

    // Trips just released: their fixed route, or a search from their origin.
    void route_released(std::size_t from, std::size_t to) {
        // Only the released rows come over: this runs at most steps.
        std::vector<std::int32_t> type(to - from);
        std::vector<std::uint8_t> status(to - from);
        thrust::copy(type_d.begin() + from, type_d.begin() + to, type.begin());
        thrust::copy(status_d.begin() + from, status_d.begin() + to, status.begin());
        const std::vector<std::int32_t> blocks = state_download(type_block);
        std::vector<DeviceRoutes::Want> wants;
        for (std::size_t i = from; i < to; ++i) {
            const auto v = static_cast<std::int32_t>(i);
            const std::uint8_t st = status[i - from];
            if ((st != k::kPending && st != k::kWaiting) || r.dest_h[i] < 0) continue;
            if (const std::int32_t f = r.trip_route[i]; f >= 0) {
                DeviceRoutes::Want w{v, DeviceRoutes::kFixed};
                w.src = r.fixed_begin[f];
                w.src_len = static_cast<std::int32_t>(r.fixed_begin[f + 1] - r.fixed_begin[f]);
                wants.push_back(w);
            } else {
                wants.push_back(search_from(v, r.origin_h[i], -1, blocks[type[i - from]], 0));
            }
        }
        r.serve(wants, net, cost, raw(next_link), false);
    }

    // What vehicles asked for in the last step (kernels::RouteView): a route from where they are
    // or on from their next link, or which of their lane's turns leads to their destination (for
    // this step, taking it, or for the next; as the next-hop tables know at once). A vehicle
    // stuck with no such turn and no next link leaves, as with tables.
    void serve_requests(double t) {
        dvec<std::int32_t> ids(std::max<std::int64_t>(n_active, 1));
        const auto end = thrust::copy_if(thrust::device, active.begin(), active.begin() + n_active, ids.begin(),
                                         HasRouteRequest{raw(r.flag)});
        const auto m = static_cast<std::size_t>(end - ids.begin());
        std::vector<std::int32_t> v(m), lane(m), type(m), next(m);
        std::vector<std::uint8_t> flag(m);
        {
            dvec<std::int32_t> l(std::max<std::size_t>(m, 1)), ty(std::max<std::size_t>(m, 1)), nx(std::max<std::size_t>(m, 1));
            dvec<std::uint8_t> f(std::max<std::size_t>(m, 1));
            parallel_for("traffic.route_requests", static_cast<std::int64_t>(m),
                         GatherRequests{raw(ids), raw(lane_d), raw(type_d), raw(next_link), raw(r.flag), raw(l), raw(ty),
                                        raw(nx), raw(f)});
            v = down(ids, m), lane = down(l, m), type = down(ty, m), next = down(nx, m), flag = down(f, m);
        }
        const std::vector<std::int32_t> blocks = state_download(type_block);
        const std::vector<std::uint8_t> allow = state_download(net.lane_allow);
        std::vector<DeviceRoutes::Want> wants;
        std::int32_t group = 0;
        for (std::size_t i = 0; i < m; ++i) {
            if (lane[i] < 0) continue;
            const std::int32_t link = r.lane_link_h[lane[i]], block = blocks[type[i]];
            if (flag[i] == k::kRouteFromCurrent) {
                wants.push_back(search_from(v[i], link, -1, block, 1));
            } else if (flag[i] == k::kRouteFromNext) {
                if (next[i] >= 0) wants.push_back(search_from(v[i], next[i], link, block, 0));
            } else {
                ++group;
                for (std::int32_t c = r.lane_conn_begin_h[lane[i]]; c < r.lane_conn_begin_h[lane[i] + 1]; ++c) {
                    if (allow[r.conn_to_lane_h[c]] == 0) continue;
                    DeviceRoutes::Want w = search_from(v[i], r.conn_to_link_h[c], link, block, 2);
                    w.group = group;
                    w.probe = flag[i] == k::kRouteTurnAhead;
                    wants.push_back(w);
                }
                if (wants.empty() || wants.back().group != group) {   // no open turn at all
                    r.turn[v[i]] = -1;
                    r.turn_lane[v[i]] = lane[i];
                }
            }
        }
        std::vector<std::pair<std::int32_t, std::int32_t>> turns;
        r.serve(wants, net, cost, raw(next_link), false, &turns);
        std::unordered_map<std::int32_t, std::size_t> at;
        for (std::size_t i = 0; i < m; ++i) at[v[i]] = i;
        for (const auto& [veh, chosen] : turns) {
            const std::size_t i = at[veh];
            if (flag[i] == k::kRouteTurnAhead) {
                r.turn[veh] = chosen;
                r.turn_lane[veh] = lane[i];
            } else if (chosen >= 0) {
                wait[veh] = 0.0f;
                counters[k::kCountRerouteStuck] = counters[k::kCountRerouteStuck] + 1ull;
            } else if (next[i] < 0) {
                status_d[veh] = k::kRemoved;
                arrival_time[veh] = t;
                speed[veh] = 0.0f;
                counters[k::kCountRemoved] = counters[k::kCountRemoved] + 1ull;
            }
        }
        parallel_for("traffic.clear_route_requests", static_cast<std::int64_t>(m), ClearRouteRequests{raw(ids), raw(r.flag)});
        r.requests[0] = 0ull;
    }

    // New routes for every vehicle on the way or waiting to enter, from the travel times now: as
    // the next-hop tables would give them, a running vehicle keeps the next link it has chosen
    // and is routed on from there, a waiting one from its origin; a fixed route is kept. When
    // links changed, a vehicle heading into a link just closed is routed from where it is; when
    // bans moved types, only those types' vehicles are routed again (from where they are).
    void rebuild_routes(Rebuild why, const std::vector<std::uint8_t>* moved) {
        const std::vector<std::int32_t> on_way = down(active, static_cast<std::size_t>(n_active));
        const std::vector<std::uint8_t> status = down(status_d, n_trips), own = down(r.own, n_trips);
        const std::vector<std::uint8_t> flag = down(r.flag, n_trips);
        const std::vector<std::int32_t> lane = down(lane_d, n_trips), next = down(next_link, n_trips);
        const std::vector<std::int32_t> type = down(type_d, n_trips), blocks = state_download(type_block);
        const std::vector<std::int64_t> begin = down(r.begin, n_trips);
        const std::vector<std::int32_t> len = down(r.len, n_trips), pos = down(r.pos, n_trips);
        std::vector<std::uint8_t> closed, open;
        if (why == Rebuild::kLinksChanged) closed = state_download(net.link_closed), open = state_download(net.pred_open);
        auto movement_open = [&](std::int32_t from, std::int32_t to) {
            for (std::int32_t i = r.link_pred_begin_h[to]; i < r.link_pred_begin_h[to + 1]; ++i)
                if (r.pred_link_h[i] == from) return open[i] != 0;
            return true;
        };
        std::vector<DeviceRoutes::Want> wants;
        wants.reserve(on_way.size());
        for (const std::int32_t v : on_way) {
            const std::uint8_t st = status[v];
            const bool waiting = st == k::kPending || st == k::kWaiting, running = st == k::kRunning;
            if ((!waiting && !running) || r.dest_h[v] < 0) continue;
            const std::int32_t block = blocks[type[v]];
            const bool type_moved = moved && (*moved)[type[v]];
            DeviceRoutes::Want keep{v, DeviceRoutes::kKeep};
            keep.src = begin[v] + pos[v];
            keep.src_len = std::max(0, len[v] - pos[v]);
            if ((why == Rebuild::kTypesMoved && !type_moved) || (follows_fixed(v, own) && flag[v] == k::kRouteOk)) {
                wants.push_back(keep);
                continue;
            }
            if (waiting) {
                wants.push_back(search_from(v, r.origin_h[v], -1, block, 0));
                continue;
            }
            const std::int32_t link = r.lane_link_h[lane[v]], nx = next[v], dest = r.dest_h[v];
            if (flag[v] != k::kRouteOk) {
                wants.push_back(keep);   // served before the next step, from where it is then
                continue;
            }
            const bool avoid = why == Rebuild::kLinksChanged && nx >= 0 && nx != dest && (closed[nx] || !movement_open(link, nx));
            if (link == dest || nx < 0 || avoid || type_moved) wants.push_back(search_from(v, link, -1, block, 0));
            else wants.push_back(search_from(v, nx, link, block, 0));
        }
        r.serve(wants, net, cost, raw(next_link), true);
        // Vehicles whose fixed routes were replaced by a search now drive their own.
        std::vector<std::uint8_t> own_now = own;
        bool changed = false;
        for (const DeviceRoutes::Want& w : wants)
            if (w.kind == DeviceRoutes::kSearch && r.trip_route[w.vehicle] >= 0 && !own_now[w.vehicle] &&
                status[w.vehicle] == k::kRunning)
                own_now[w.vehicle] = 1, changed = true;
        if (changed) state_upload(own_now, r.own);
    }
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
