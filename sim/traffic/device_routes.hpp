#pragma once
// Per-vehicle routes on a device (traffic.routing: routes): each vehicle's route as a run of links
// in one pool, searched when the vehicle needs one (on release, at every reroute for all vehicles,
// when links or bans change, and when a vehicle finds itself off its route), in batches of
// searches that each own a slot of scratch (kernels/traffic/route_search.hpp). Memory grows with
// the vehicles and their route lengths, not with destinations x links. The requests are gathered
// on the host (once per reroute period, or for the few vehicles that ask), the searches and the
// copying into the pool run on the device. Part of the per-backend translation unit (included by
// sim/traffic/traffic_device.cpp only).
#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <vector>

#include "kernels/traffic/route_search.hpp"
#include "kernels/traffic/traffic_view.hpp"
#include "sim/core/device_state.hpp"
#include "sim/traffic/device_network.hpp"
#include "sim/traffic/route_landmarks.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::kernels {
inline namespace CITYTWIN_BACKEND_NS {

// Writes the routes of one batch into the pool at the offsets the host chose (-1: leave it).
struct PlaceRoutes {
    const std::int32_t* vehicle;
    const std::uint8_t* kind;         // DeviceRoutes::Kind
    const std::int32_t* prefix;       // a link before the searched path, -1 none
    const std::int32_t* anchor;
    const std::int64_t* offset;
    const std::int64_t* src;          // kKeep: in old_pool; kFixed: in fixed_link
    const std::int32_t* src_len;
    const std::uint8_t* set_next;     // 1: next_link becomes the route's second link; 2: the anchor
    const std::int32_t* old_pool;
    const std::int32_t* fixed_link;
    const std::int32_t* path;         // [slot][n_links]
    const std::int32_t* path_len;
    std::int64_t n_links;
    std::int32_t* pool;
    std::int64_t* begin;
    std::int32_t* len;
    std::int32_t* pos;
    std::uint8_t* flag;
    std::int32_t* next_link;

    CT_HD void operator()(std::int64_t k) const {
        const std::int64_t at = offset[k];
        if (at < 0) return;
        const std::int32_t v = vehicle[k];
        std::int32_t n = 0;
        if (kind[k] == 0) {   // search
            if (prefix[k] >= 0) pool[at + n++] = prefix[k];
            const std::int32_t* p = path + k * n_links;
            if (path_len[k] == 0 && anchor[k] >= 0 && prefix[k] >= 0) pool[at + n++] = anchor[k];
            for (std::int32_t i = 0; i < path_len[k]; ++i) pool[at + n++] = p[i];
        } else {
            const std::int32_t* from = (kind[k] == 1 ? old_pool : fixed_link) + src[k];
            for (std::int32_t i = 0; i < src_len[k]; ++i) pool[at + n++] = from[i];
        }
        begin[v] = at;
        len[v] = n;
        pos[v] = 0;
        // A kept route answers nothing: what the vehicle asked in the last step (a turn to take,
        // a route from where it is) is still served before the next step, as tables answer it then.
        if (kind[k] != 1) flag[v] = kRouteOk;
        if (set_next[k] == 1) next_link[v] = n > 1 ? pool[at + 1] : -1;
        if (set_next[k] == 2) next_link[v] = anchor[k];
    }
};

}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::kernels

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

struct DeviceRoutes {
    enum Kind : std::uint8_t { kSearch = 0, kKeep = 1, kFixed = 2 };
    // A route wanted for a vehicle. Turn candidates of one stuck vehicle come in a group
    // (group > 0, the same for all): the first that reaches the destination is taken.
    struct Want {
        std::int32_t vehicle;
        Kind kind;
        std::int32_t anchor = -1, dest = -1, prefix = -1, block = 0;
        std::int64_t src = 0;
        std::int32_t src_len = 0;
        std::uint8_t set_next = 0;
        std::int32_t group = 0;
        bool probe = false;   // a group only searched: which turn, not placed
    };

    DeviceRoutes(const TrafficSetup& s, const DeviceNetwork& net, std::size_t trips, int threads)
        : n_links(s.net.links()) {
        const RoadNetwork& n = s.net;
        // succ entry (l -> u) to pred entry (u <- l), for the open flags of movements
        std::vector<std::int32_t> sp(n.succ_link.size(), 0);
        for (std::int32_t l = 0; l < n_links; ++l)
            for (std::int32_t e = n.link_succ_begin[l]; e < n.link_succ_begin[l + 1]; ++e) {
                const std::int32_t u = n.succ_link[e];
                for (std::int32_t i = n.link_pred_begin[u]; i < n.link_pred_begin[u + 1]; ++i)
                    if (n.pred_link[i] == l) {
                        sp[e] = i;
                        break;
                    }
            }
        succ_pred = up(sp);
        link_pred_begin_h = n.link_pred_begin;
        pred_link_h = n.pred_link;
        lane_link_h = n.lane_link;
        lane_conn_begin_h = n.lane_conn_begin;
        conn_to_link_h = n.conn_to_link;
        conn_to_lane_h = n.conn_to_lane;
        dest_h = s.trips.dest;
        origin_h = s.trips.origin;
        trip_route = s.trips.route_of;
        trip_route.resize(trips, -1);
        fixed_begin = s.trips.fixed_route_begin;
        fixed_link = up(s.trips.fixed_route_link.empty() ? std::vector<std::int32_t>{0} : s.trips.fixed_route_link);
        begin = dvec<std::int64_t>(std::max<std::size_t>(trips, 1), 0);
        len = dvec<std::int32_t>(std::max<std::size_t>(trips, 1), 0);
        pos = dvec<std::int32_t>(std::max<std::size_t>(trips, 1), 0);
        flag = dvec<std::uint8_t>(std::max<std::size_t>(trips, 1), kernels::kRouteOk);
        own = dvec<std::uint8_t>(std::max<std::size_t>(trips, 1), 0);
        turn = dvec<std::int32_t>(std::max<std::size_t>(trips, 1), -1);
        turn_lane = dvec<std::int32_t>(std::max<std::size_t>(trips, 1), -1);
        requests = dvec<unsigned long long>(1, 0ull);
        pool = dvec<std::int32_t>(1024, -1);
        // Concurrent searches: enough to keep the threads (or the GPU) busy, scratch at most ~512 MB.
        const std::int64_t per_slot = 44ll * std::max(n_links, 1);
        const std::int64_t want = CT_DEVICE_CODE ? 4096 : std::max(64, 16 * std::max(threads, 1));
        slots = static_cast<std::int32_t>(std::max<std::int64_t>(1, std::min<std::int64_t>(want, (512ll << 20) / per_slot)));
        const std::size_t scratch = static_cast<std::size_t>(slots) * std::max(n_links, 1);
        node = dvec<kernels::SearchNode>(scratch, kernels::SearchNode{0, 0, -1, 0u});
        heap = dvec<kernels::HeapEntry>(scratch);
        path = dvec<std::int32_t>(scratch);
        path_len = dvec<std::int32_t>(slots, 0);
        landmarks(net);
    }

    // The landmarks, chosen on the free-flow times (again whenever speed limits change).
    void landmarks(const DeviceNetwork& net) {
        const std::vector<float> length = state_download(net.link_length), speed = state_download(net.link_speed);
        const std::vector<std::uint8_t> car = state_download(net.link_car);
        std::vector<float> free(n_links);
        for (std::int32_t l = 0; l < n_links; ++l) free[l] = length[l] / speed[l];
        RoadNetwork g;   // only the adjacency is read
        g.link_id.resize(n_links);
        g.link_pred_begin = link_pred_begin_h;
        g.pred_link = pred_link_h;
        g.link_succ_begin = state_download(net.link_succ_begin);
        g.succ_link = state_download(net.succ_link);
        const std::vector<std::int32_t> chosen = choose_landmarks(g, free, car, landmark_count(n_links));
        n_landmarks = static_cast<std::int32_t>(chosen.size());
        lm_link = up(chosen.empty() ? std::vector<std::int32_t>{0} : chosen);
        const std::size_t n = static_cast<std::size_t>(std::max(n_landmarks, 1)) * std::max(n_links, 1);
        lm_from = dvec<std::uint64_t>(n, kernels::kNoCost);
        lm_to = dvec<std::uint64_t>(n, kernels::kNoCost);
        lm_cost = dvec<std::uint64_t>(2 * n, kernels::kNoCost);
        lm_heap = dvec<std::int32_t>(2 * n);
        lm_heap_pos = dvec<std::int32_t>(2 * n);
    }

    // The landmarks' least costs on the costs in force: every search until they change again
    // gets bounds as tight as the landmarks allow (a ban's costs are only higher).
    void landmark_costs(const DeviceNetwork& net, const dvec<std::uint64_t>& cost) {
        using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
        using citytwin::CITYTWIN_BACKEND_NS::parallel_tasks;
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        if (n_landmarks == 0) return;
        parallel_tasks("traffic.landmark_costs", 2 * static_cast<std::int64_t>(n_landmarks),
                     kernels::LandmarkCosts{n_links, raw(lm_link), raw(net.link_succ_begin), raw(net.succ_link), raw(succ_pred),
                                            raw(net.pred_begin), raw(net.pred_link), raw(net.pred_open), raw(cost),
                                            raw(lm_heap), raw(lm_heap_pos), raw(lm_from), raw(lm_to)});
        parallel_for("traffic.landmark_layout", n_links,
                     kernels::InterleaveLandmarks{n_links, n_landmarks, raw(lm_from), raw(lm_to), raw(lm_cost)});
    }

    kernels::RouteView view() {
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        return kernels::RouteView{raw(begin), raw(len), raw(pos), raw(pool), raw(flag), raw(requests), raw(turn), raw(turn_lane)};
    }

    // One 8-byte read per step (per-vehicle routing only): a vehicle that asked must have its
    // answer before it moves again, or runs would differ from the tables'.
    bool any_requests() { return state_download(requests)[0] != 0; }

    // Routes for `wants`, appended to the pool, or (`rebuild`) in a new pool holding only them.
    // `turns`: per group of turns, its vehicle and the first turn that reaches the destination
    // (-1: none does).
    void serve(const std::vector<Want>& wants, const DeviceNetwork& net, const dvec<std::uint64_t>& cost,
               std::int32_t* next_link, bool rebuild, std::vector<std::pair<std::int32_t, std::int32_t>>* turns = nullptr) {
        using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
        using citytwin::CITYTWIN_BACKEND_NS::parallel_tasks;
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        dvec<std::int32_t> fresh;
        dvec<std::int32_t>* out = &pool;
        std::int64_t out_used = used;
        if (rebuild) {
            fresh = dvec<std::int32_t>(std::max<std::int64_t>(1024, used / 2), -1);
            out = &fresh;
            out_used = 0;
        }
        std::size_t i = 0;
        while (i < wants.size()) {
            // A batch of at most `slots` wants, never splitting a group of turns.
            std::size_t end = std::min(wants.size(), i + static_cast<std::size_t>(slots));
            while (end < wants.size() && end > i && wants[end].group > 0 && wants[end].group == wants[end - 1].group) --end;
            if (end == i) end = std::min(wants.size(), i + static_cast<std::size_t>(slots));
            const std::size_t nb = end - i;
            std::vector<std::int32_t> anchor(nb, -1), dest(nb, -1), block(nb, 0), vehicle(nb), prefix(nb), src_len(nb);
            std::vector<std::uint8_t> kind(nb), set_next(nb);
            std::vector<std::int64_t> src(nb), offset(nb, -1);
            bool any_search = false;
            for (std::size_t k = 0; k < nb; ++k) {
                const Want& w = wants[i + k];
                searches += w.kind == kSearch ? 1 : 0;
                vehicle[k] = w.vehicle;
                kind[k] = w.kind;
                prefix[k] = w.prefix;
                src[k] = w.src;
                src_len[k] = w.src_len;
                set_next[k] = w.set_next;
                anchor[k] = w.anchor;
                if (w.kind == kSearch) {
                    dest[k] = w.dest;
                    block[k] = w.block;
                    any_search = true;
                }
            }
            std::vector<std::int32_t> found(nb, 0);
            if (any_search) {
                std::vector<std::int32_t> search_anchor = anchor;
                for (std::size_t k = 0; k < nb; ++k)
                    if (kind[k] != kSearch) search_anchor[k] = -1;
                const dvec<std::int32_t> a = up(search_anchor), d = up(dest), b = up(block);
                ++search_id;
                parallel_tasks("traffic.route_search", static_cast<std::int64_t>(nb),
                             kernels::SearchRoutes{n_links, raw(net.pred_begin), raw(net.pred_link), raw(net.pred_open),
                                                   raw(net.link_succ_begin), raw(net.succ_link), raw(succ_pred), raw(cost),
                                                   raw(net.link_closed),
                                                   kernels::LandmarkView{n_landmarks, raw(lm_cost)}, raw(a), raw(d), raw(b),
                                                   kernels::RouteSearchScratch{raw(node), raw(heap), raw(path), raw(path_len)},
                                                   search_id});
                found = down(path_len, nb);
            }
            // Where each route goes: in want order, so the pool is the same on every backend.
            std::int64_t total = 0;
            for (std::size_t k = 0; k < nb; ++k) {
                const Want& w = wants[i + k];
                std::int64_t n = 0;
                if (w.group > 0) {
                    // the first candidate of its group that reaches the destination
                    const bool first_found = found[k] > 0 && [&] {
                        for (std::size_t j = k; j-- > 0 && wants[i + j].group == w.group;)
                            if (found[j] > 0) return false;
                        return true;
                    }();
                    const bool last = k + 1 == nb || wants[i + k + 1].group != w.group;
                    if (first_found && !w.probe) n = 1 + found[k];
                    if (turns && last) {
                        std::int32_t chosen = -1;
                        for (std::size_t j = k + 1; j-- > 0 && wants[i + j].group == w.group;)
                            if (found[j] > 0) chosen = wants[i + j].anchor;
                        turns->push_back({w.vehicle, chosen});
                    }
                    if (n == 0) continue;
                } else if (w.kind == kSearch) {
                    n = (w.prefix >= 0 ? 1 : 0) + (found[k] > 0 ? found[k] : (w.prefix >= 0 && w.anchor >= 0 ? 1 : 0));
                } else {
                    n = w.src_len;
                }
                offset[k] = out_used + total;
                total += n;
            }
            ensure(*out, out_used, out_used + total);
            const dvec<std::int32_t> dv = up(vehicle), dp = up(prefix), da = up(anchor), dl = up(src_len);
            const dvec<std::uint8_t> dk = up(kind), dn = up(set_next);
            const dvec<std::int64_t> doff = up(offset), ds = up(src);
            parallel_for("traffic.place_routes", static_cast<std::int64_t>(nb),
                         kernels::PlaceRoutes{raw(dv), raw(dk), raw(dp), raw(da), raw(doff), raw(ds), raw(dl), raw(dn), raw(pool),
                                              raw(fixed_link), raw(path), raw(path_len), n_links, raw(*out), raw(begin), raw(len),
                                              raw(pos), raw(flag), next_link});
            out_used += total;
            i = end;
        }
        if (rebuild) std::swap(pool, fresh);
        used = out_used;
    }

    // The pool as it is used (checkpoints store exactly that).
    void trim() {
        if (static_cast<std::int64_t>(pool.size()) != std::max<std::int64_t>(used, 1)) pool.resize(std::max<std::int64_t>(used, 1));
    }

    std::int32_t n_links;
    std::int32_t slots = 1, n_landmarks = 0;
    std::uint32_t search_id = 0;
    std::int64_t searches = 0;       // route searches made (for the run's routing figures)
    std::int64_t used = 0;
    // per trip (state)
    dvec<std::int64_t> begin;
    dvec<std::int32_t> len, pos;
    dvec<std::uint8_t> flag, own;   // own: the route is searched, not the trip's fixed one
    dvec<std::int32_t> turn, turn_lane;
    dvec<unsigned long long> requests;
    dvec<std::int32_t> pool;
    // fixed routes of trips (SUMO routes), kept as given
    std::vector<std::int32_t> trip_route;
    std::vector<std::int64_t> fixed_begin;
    dvec<std::int32_t> fixed_link;
    // host copies of the static network and trips the requests are built from
    std::vector<std::int32_t> link_pred_begin_h, pred_link_h, lane_link_h, lane_conn_begin_h, conn_to_link_h, conn_to_lane_h;
    std::vector<std::int32_t> dest_h, origin_h;
    // search
    dvec<std::int32_t> succ_pred;
    dvec<std::int32_t> lm_link, lm_heap, lm_heap_pos;
    dvec<std::uint64_t> lm_from, lm_to, lm_cost;
    dvec<kernels::SearchNode> node;
    dvec<kernels::HeapEntry> heap;
    dvec<std::int32_t> path, path_len;

private:
    static void ensure(dvec<std::int32_t>& v, std::int64_t used_now, std::int64_t need) {
        if (need <= static_cast<std::int64_t>(v.size())) return;
        dvec<std::int32_t> bigger(std::max<std::int64_t>(need, 2 * static_cast<std::int64_t>(v.size())), -1);
        if (used_now > 0) thrust::copy(v.begin(), v.begin() + used_now, bigger.begin());
        std::swap(v, bigger);
    }
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
