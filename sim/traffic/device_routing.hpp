#pragma once
// Routing on a device: the link travel-time estimates, the link costs from them (one block for
// everyone and one per ban in force), and with traffic.routing "tables" the next-hop tables built
// from those (one shortest-path search per destination, in batches), the fixed routes laid over
// them, and the searches' scratch. Per-vehicle routes are device_routes.hpp. Part of the
// per-backend translation unit (included by sim/traffic/traffic_device.cpp only).
#include <algorithm>
#include <vector>

#include "kernels/traffic/routing.hpp"
#include "sim/core/device_state.hpp"
#include "sim/traffic/ban_interventions.hpp"
#include "sim/traffic/device_network.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

struct DeviceRouting {
    DeviceRouting(const TrafficSetup& s, std::int32_t links)
        : n_links(links), n_dest(static_cast<std::int32_t>(s.dest_links.size())), use_tables(s.use_tables),
          batch(use_tables ? batch_for(links, n_dest) : 0) {
        dest_link = up(s.dest_links);
        // Block 0 routes everyone; block b + 1 the vehicles ban b keeps out of its zone.
        blocks = 1 + static_cast<std::int32_t>(s.bans.size());
        next_hop = dvec<std::int32_t>(use_tables ? std::max<std::size_t>(1, static_cast<std::size_t>(blocks) * n_dest * n_links) : 1, -1);
        ban_active.assign(s.bans.size(), 0);
        std::vector<std::uint8_t> zones;
        for (const BanIntervention& b : s.bans) zones.insert(zones.end(), b.zone.begin(), b.zone.end());
        ban_zones = up(zones);
        cost = dvec<std::uint64_t>(static_cast<std::size_t>(blocks) * std::max(n_links, 1), kernels::kNoCost);
        n_fixed = use_tables ? static_cast<std::int64_t>(s.fixed.row.size()) : 0;
        fixed_row = up(s.fixed.row);
        fixed_link = up(s.fixed.link);
        fixed_next = up(s.fixed.next);
        travel_time = dvec<float>(n_links, 0.0f);
        const std::size_t scratch = use_tables ? std::max<std::size_t>(static_cast<std::size_t>(batch) * n_links, 1) : 1;
        dist = dvec<std::uint64_t>(scratch);
        heap = dvec<std::int32_t>(scratch);
        heap_pos = dvec<std::int32_t>(scratch);
    }

    // New travel-time estimates from the speeds seen since the last call (free flow when
    // `first`), then the tables.
    void update(DeviceNetwork& net, dvec<unsigned long long>& veh_steps, dvec<unsigned long long>& speed_mm, bool first) {
        using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
        using citytwin::CITYTWIN_BACKEND_NS::parallel_tasks;
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        parallel_for("traffic.travel_times", n_links,
                     kernels::UpdateTravelTimes{raw(net.link_first_lane), raw(net.link_lanes), raw(net.link_length),
                                                raw(net.link_speed), raw(net.link_closed), raw(veh_steps), raw(speed_mm),
                                                raw(travel_time), first, raw(net.link_car)});
        tables(net);
    }

    // After closures or speed limits changed: closed links unreachable, reopened ones at free
    // flow, the other estimates kept (so a closure nobody's route uses changes nothing else; the
    // estimates move on at the next reroute), then the tables.
    void links_changed(const DeviceNetwork& net) {
        std::vector<float> tt = state_download(travel_time);
        const std::vector<std::uint8_t> closed = state_download(net.link_closed), car = state_download(net.link_car);
        const std::vector<float> length = state_download(net.link_length), speed = state_download(net.link_speed);
        for (std::int32_t l = 0; l < n_links; ++l) {
            if (closed[l]) tt[l] = kernels::kUnreachable;
            else if (tt[l] >= kernels::kUnreachable && car[l]) tt[l] = length[l] / speed[l];
        }
        state_upload(tt, travel_time);
        tables(net);
    }

    // Link costs from the current estimates, and the next-hop tables from them (a restored run
    // rebuilds them so), with the costs and rows of the bans in force.
    void tables(const DeviceNetwork& net) {
        using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
        using citytwin::CITYTWIN_BACKEND_NS::parallel_tasks;
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        if (n_links == 0) return;
        parallel_for("traffic.link_costs", n_links, kernels::LinkCosts{raw(travel_time), nullptr, raw(cost)});
        for (std::size_t b = 0; b < ban_active.size(); ++b)
            if (ban_active[b])
                parallel_for("traffic.ban_link_costs", n_links,
                             kernels::LinkCosts{raw(travel_time), raw(ban_zones) + b * n_links, raw(cost) + (b + 1) * n_links});
        if (!use_tables) return;
        search(net, raw(cost), raw(next_hop));
        if (n_fixed > 0)
            parallel_for("traffic.fixed_routes", n_fixed,
                         kernels::ApplyFixedRoutes{n_links, raw(fixed_row), raw(fixed_link), raw(fixed_next), raw(next_hop)});
        const std::size_t block = static_cast<std::size_t>(n_dest) * n_links;
        for (std::size_t b = 0; b < ban_active.size(); ++b)
            if (ban_active[b]) search(net, raw(cost) + (b + 1) * n_links, raw(next_hop) + (b + 1) * block);
    }

    std::int32_t n_links, n_dest;
    bool use_tables;                        // false: per-vehicle routes (device_routes.hpp)
    std::int32_t batch, blocks = 1;
    std::int64_t n_fixed = 0;
    std::vector<std::uint8_t> ban_active;   // per ban: its rows are in use (state)
    dvec<std::uint8_t> ban_zones;           // [ban][link]
    dvec<std::uint64_t> cost;               // [block][link]: link_cost (block b + 1: ban b's)
    dvec<std::int32_t> dest_link, next_hop, fixed_row, fixed_link, fixed_next;
    dvec<float> travel_time;
    dvec<std::uint64_t> dist;
    dvec<std::int32_t> heap, heap_pos;

private:
    void search(const DeviceNetwork& net, const std::uint64_t* c, std::int32_t* rows) {
        using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
        using citytwin::CITYTWIN_BACKEND_NS::parallel_tasks;
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        for (std::int32_t b0 = 0; b0 < n_dest; b0 += batch) {
            const std::int32_t nb = std::min(batch, n_dest - b0);
            parallel_tasks("traffic.shortest_paths", nb,
                         kernels::ShortestPathsToDestinations{n_links, b0, raw(dest_link), raw(net.pred_begin), raw(net.pred_link),
                                                              raw(net.pred_open), c, raw(net.link_closed), raw(dist), raw(heap),
                                                              raw(heap_pos), rows});
        }
    }

    static std::int32_t batch_for(std::int32_t links, std::int32_t dests) {
        // Scratch for concurrent searches: enough to fill the device, at most ~256 MB.
        const std::int64_t cap = std::max<std::int64_t>(1, (256ll << 20) / (16ll * std::max(links, 1)));
        const std::int64_t want = CT_DEVICE_CODE ? 8192 : 256;
        return static_cast<std::int32_t>(std::max<std::int64_t>(1, std::min<std::int64_t>({want, cap, std::max(dests, 1)})));
    }
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
