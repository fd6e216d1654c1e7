// Turns scenario trips and vehicle types into the tables the device state is built from.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <map>
#include <unordered_map>

#include "kernels/core/random.hpp"
#include "kernels/traffic/traffic_view.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {

VehicleTypeParams make_type_params(const std::vector<VehicleTypeSpec>& types, const std::string& default_model) {
    VehicleTypeParams p;
    for (const VehicleTypeSpec& t : types) {
        p.id.push_back(t.id);
        p.length.push_back(static_cast<float>(t.length_m));
        p.min_gap.push_back(static_cast<float>(t.min_gap_m));
        p.accel.push_back(static_cast<float>(t.accel_mps2));
        p.decel.push_back(static_cast<float>(t.decel_mps2));
        p.emergency_decel.push_back(static_cast<float>(t.emergency_decel_mps2));
        p.headway.push_back(static_cast<float>(t.headway_s));
        p.delta.push_back(static_cast<float>(t.delta));
        p.max_speed.push_back(static_cast<float>(t.max_speed_mps));
        p.lane_class.push_back(t.lane_class);
        const std::string& model = t.car_following.empty() ? default_model : t.car_following;
        p.model.push_back(model == "krauss" ? kernels::kModelKrauss : kernels::kModelIdm);
        p.sigma.push_back(static_cast<float>(t.sigma));
    }
    return p;
}

namespace {

// Normal(mean, dev) clipped to [lo, hi] by redrawing, as SUMO's speedFactor "normc" does;
// after ten misses the value is clamped.
float draw_speed_factor(const VehicleTypeSpec& t, std::uint64_t seed, std::uint32_t trip) {
    if (t.speed_factor_dev <= 0.0) return static_cast<float>(std::clamp(t.speed_factor_mean, t.speed_factor_min, t.speed_factor_max));
    double x = t.speed_factor_mean;
    for (std::uint32_t attempt = 0; attempt < 10; ++attempt) {
        const kernels::Philox4x32 r = kernels::random4(seed, trip, attempt, /*stream: speed factor*/ 1);
        const double u1 = kernels::uniform_open(r.v[0]), u2 = kernels::uniform_open(r.v[1]);
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
        x = t.speed_factor_mean + t.speed_factor_dev * z;
        if (x >= t.speed_factor_min && x <= t.speed_factor_max) return static_cast<float>(x);
    }
    return static_cast<float>(std::clamp(x, t.speed_factor_min, t.speed_factor_max));
}

std::int32_t resolve_link(const RoadNetwork& net, const std::string& id, const SourceMark& mark, const char* key) {
    auto it = net.link_by_id.find(id);
    if (it == net.link_by_id.end()) throw ScenarioError(mark, key, "no link with id '" + id + "' in the network");
    return it->second;
}

}  // namespace

namespace {

bool connected(const RoadNetwork& net, std::int32_t a, std::int32_t b) {
    for (auto s = net.link_succ_begin[a]; s < net.link_succ_begin[a + 1]; ++s)
        if (net.succ_link[s] == b) return true;
    return false;
}

// The row of a fixed route (a new one for a route not seen before), or -1 when the route cannot
// be an overlay: it visits a link twice or takes a step no connection makes.
std::int32_t fixed_route_row(const RoadNetwork& net, const std::vector<std::int32_t>& route,
                             std::map<std::vector<std::int32_t>, std::int32_t>& rows, std::vector<std::int32_t>& dest_links,
                             FixedRoutes& fixed) {
    if (auto it = rows.find(route); it != rows.end()) return it->second;
    std::vector<std::int32_t> sorted = route;
    std::sort(sorted.begin(), sorted.end());
    std::int32_t row = static_cast<std::int32_t>(dest_links.size());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
        ++fixed.revisiting;
        row = -1;
    } else {
        for (std::size_t k = 0; k + 1 < route.size(); ++k)
            if (!connected(net, route[k], route[k + 1])) {
                ++fixed.disconnected;
                row = -1;
                break;
            }
    }
    rows.emplace(route, row);
    if (row < 0) return -1;
    dest_links.push_back(route.back());
    ++fixed.routes;
    for (std::size_t k = 0; k + 1 < route.size(); ++k) {
        fixed.row.push_back(row);
        fixed.link.push_back(route[k]);
        fixed.next.push_back(route[k + 1]);
    }
    return row;
}

}  // namespace

// Next-hop tables and their search scratch (capped at 256 MiB), or per-vehicle routes: a pool
// of about two routes per trip (the one in use and the next period's) of at most 2·sqrt(links)
// + 16 links each, searched in slots of 44 bytes per link (capped at 512 MiB), and the costs of
// 16 landmarks with their searches' scratch (48 bytes per landmark and link).
std::size_t routing_bytes(const TrafficSetup& s) {
    const std::size_t L = static_cast<std::size_t>(s.net.links());
    const std::size_t D = s.dest_links.size();
    if (s.use_tables)
        return s.fixed.row.size() * 12 + next_hop_table_bytes(s) +
               std::min<std::size_t>(std::max<std::size_t>(D, 1) * L * 16, std::size_t{256} << 20);
    const std::size_t route = std::min<std::size_t>(L, static_cast<std::size_t>(2.0 * std::sqrt(static_cast<double>(L))) + 16);
    return static_cast<std::size_t>(s.trips.size()) * (2 * route * 4 + 8 + 4 + 4 + 2) + s.trips.fixed_route_link.size() * 4 +
           std::min<std::size_t>(L * 44 * 64, std::size_t{512} << 20) + L * 16 * 48;
}

TripTable make_trip_table(const RoadNetwork& net, const std::vector<VehicleTypeSpec>& types,
                          std::vector<TripSpec> trips, std::uint64_t seed, std::vector<std::int32_t>& dest_links,
                          FixedRoutes* fixed, const std::vector<FleetWindow>& fleet) {
    std::stable_sort(trips.begin(), trips.end(), [](const TripSpec& a, const TripSpec& b) { return a.depart_s < b.depart_s; });
    std::unordered_map<std::string, std::int32_t> type_index;
    for (std::size_t i = 0; i < types.size(); ++i) type_index[types[i].id] = static_cast<std::int32_t>(i);
    // Types for trips that name none are drawn from the shares.
    std::vector<double> cumulative;
    double total = 0.0;
    for (const auto& t : types) cumulative.push_back(total += t.share);

    TripTable tt;
    std::unordered_map<std::int32_t, std::int32_t> dest_row;
    std::map<std::vector<std::int32_t>, std::int32_t> route_rows, given_routes;
    FixedRoutes unused;
    FixedRoutes& fx = fixed ? *fixed : unused;
    fx = FixedRoutes{};
    dest_links.clear();
    bool any_stops = false;
    for (const TripSpec& s : trips) any_stops = any_stops || !s.stops.empty();
    if (any_stops) tt.stop_begin.push_back(0);
    for (std::size_t i = 0; i < trips.size(); ++i) {
        const TripSpec& s = trips[i];
        const auto o = resolve_link(net, s.from_link, s.mark, "demand.trips.from");
        const auto d = resolve_link(net, s.to_link, s.mark, "demand.trips.to");
        std::int32_t type = 0;
        if (!s.type.empty()) {
            auto it = type_index.find(s.type);
            if (it == type_index.end()) throw ScenarioError(s.mark, "demand.trips.type", "no vehicle type '" + s.type + "'");
            type = it->second;
        } else if (types.size() > 1) {
            const double u = kernels::random_uniform(seed, static_cast<std::uint32_t>(i), 0, /*stream: type*/ 2) * total;
            std::vector<double> windowed;
            if (!fleet.empty()) {
                double sum = 0.0;
                for (double w : shares_at(types, fleet, s.depart_s)) windowed.push_back(sum += w);
            }
            const std::vector<double>& c = fleet.empty() ? cumulative : windowed;
            type = static_cast<std::int32_t>(std::upper_bound(c.begin(), c.end(), u) - c.begin());
            type = std::min<std::int32_t>(type, static_cast<std::int32_t>(types.size()) - 1);
        }
        std::int32_t row = -1;
        if (s.route.size() > 1) {
            std::vector<std::int32_t> route;
            for (const std::string& id : s.route) route.push_back(resolve_link(net, id, s.mark, "demand.trips.route"));
            row = fixed_route_row(net, route, route_rows, dest_links, fx);
            bool drivable = route.front() == o;
            for (std::size_t k = 0; drivable && k + 1 < route.size(); ++k) drivable = connected(net, route[k], route[k + 1]);
            if (drivable) {
                auto [it, fresh] = given_routes.try_emplace(route, static_cast<std::int32_t>(tt.fixed_route_begin.size()));
                if (fresh) {
                    tt.fixed_route_begin.push_back(static_cast<std::int64_t>(tt.fixed_route_link.size()));
                    tt.fixed_route_link.insert(tt.fixed_route_link.end(), route.begin(), route.end());
                }
                tt.route_of.resize(i, -1);
                tt.route_of.push_back(it->second);
            }
        }
        if (row < 0) {
            auto [it, fresh] = dest_row.try_emplace(d, static_cast<std::int32_t>(dest_links.size()));
            if (fresh) dest_links.push_back(d);
            row = it->second;
        }
        if (any_stops) {
            for (const TripStop& st : s.stops) {
                tt.stop_link.push_back(resolve_link(net, st.link, st.mark, "demand.trips.stops"));
                tt.stop_pos.push_back(static_cast<float>(st.pos_m));
                tt.stop_duration.push_back(static_cast<float>(st.duration_s));
                tt.stop_until.push_back(st.until_s);
            }
            tt.stop_begin.push_back(static_cast<std::int32_t>(tt.stop_link.size()));
        }
        tt.depart.push_back(s.depart_s);
        tt.origin.push_back(o);
        tt.dest.push_back(d);
        tt.dest_index.push_back(row);
        tt.type.push_back(type);
        tt.speed_factor.push_back(draw_speed_factor(types[type], seed, static_cast<std::uint32_t>(i)));
        if (s.depart_lane >= net.link_lanes[o])
            throw ScenarioError(s.mark, "demand.trips.departLane", "lane " + std::to_string(s.depart_lane) + " of link '" + s.from_link +
                                                                     "', which has " + std::to_string(net.link_lanes[o]) + " lanes");
        float depart_pos = s.depart_pos;
        if (s.depart_pos_from_end) depart_pos = static_cast<float>(net.link_length[o]) - s.depart_pos;
        if (depart_pos < 0.0f && s.depart_pos_from_end)
            throw ScenarioError(s.mark, "demand.trips.departPos", "position -" + std::to_string(s.depart_pos) + " m is before the start of link '" +
                                                                    s.from_link + "' (" + std::to_string(net.link_length[o]) + " m)");
        if (depart_pos > net.link_length[o])
            throw ScenarioError(s.mark, "demand.trips.departPos", "position " + std::to_string(depart_pos) + " m is beyond the end of link '" +
                                                                    s.from_link + "' (" + std::to_string(net.link_length[o]) + " m)");
        tt.depart_lane.push_back(s.depart_lane);
        tt.depart_pos.push_back(depart_pos);
        tt.depart_speed.push_back(s.depart_speed);
    }
    if (std::any_of(trips.begin(), trips.end(), [](const TripSpec& s) { return !s.id.empty(); })) {
        tt.name.reserve(trips.size());
        for (TripSpec& s : trips) tt.name.push_back(std::move(s.id));
    }
    if (!tt.route_of.empty()) {
        tt.route_of.resize(trips.size(), -1);
        tt.fixed_route_begin.push_back(static_cast<std::int64_t>(tt.fixed_route_link.size()));
    }
    // All of SUMO's defaults: no columns (the common case costs nothing).
    bool defaults = true;
    for (std::size_t i = 0; i < tt.depart_lane.size() && defaults; ++i)
        defaults = tt.depart_lane[i] == kernels::kDepartLaneBest && tt.depart_pos[i] == kernels::kDepartPosBase && tt.depart_speed[i] == 0.0f;
    if (defaults) tt.depart_lane.clear(), tt.depart_pos.clear(), tt.depart_speed.clear();
    return tt;
}

namespace {

// Strongly connected components of the open links (Tarjan's algorithm, iterative): two links in
// one component reach each other.
std::vector<std::int32_t> open_components(const RoadNetwork& net) {
    const std::int32_t n = net.links();
    std::vector<std::int32_t> comp(n, -1), index(n, -1), low(n, 0), stack, edge(n, 0);
    std::vector<std::int32_t> call;
    std::vector<std::uint8_t> on_stack(n, 0);
    std::int32_t next_index = 0, next_comp = 0;
    for (std::int32_t root = 0; root < n; ++root) {
        if (index[root] >= 0 || net.link_closed[root]) continue;
        call.push_back(root);
        index[root] = low[root] = next_index++;
        edge[root] = net.link_succ_begin[root];
        stack.push_back(root);
        on_stack[root] = 1;
        while (!call.empty()) {
            const std::int32_t v = call.back();
            if (edge[v] < net.link_succ_begin[v + 1]) {
                const std::int32_t w = net.succ_link[edge[v]++];
                if (net.link_closed[w]) continue;
                if (index[w] < 0) {
                    index[w] = low[w] = next_index++;
                    edge[w] = net.link_succ_begin[w];
                    stack.push_back(w);
                    on_stack[w] = 1;
                    call.push_back(w);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            call.pop_back();
            if (!call.empty()) low[call.back()] = std::min(low[call.back()], low[v]);
            if (low[v] == index[v]) {
                std::int32_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    comp[w] = next_comp;
                } while (w != v);
                ++next_comp;
            }
        }
    }
    return comp;
}

}  // namespace

std::vector<std::int32_t> find_unroutable(const RoadNetwork& net, const TripTable& trips) {
    // Trips within one strongly connected component of the open links are routable; for the
    // rest, one breadth-first search over open links per distinct origin (forwards) or per
    // distinct destination (backwards), whichever set is smaller: a million trips to a thousand
    // destinations need a thousand searches, not one per origin.
    const std::vector<std::int32_t> comp = open_components(net);
    std::unordered_map<std::int32_t, std::vector<std::int32_t>> by_origin, by_dest;
    for (std::int32_t i = 0; i < trips.size(); ++i) {
        if (trips.dest[i] < 0) continue;
        const std::int32_t co = comp[trips.origin[i]];
        if (co >= 0 && co == comp[trips.dest[i]]) continue;
        by_origin[trips.origin[i]].push_back(i);
        by_dest[trips.dest[i]].push_back(i);
    }
    const bool backwards = by_dest.size() < by_origin.size();
    const auto& groups = backwards ? by_dest : by_origin;
    const auto& begin = backwards ? net.link_pred_begin : net.link_succ_begin;
    const auto& next = backwards ? net.pred_link : net.succ_link;
    std::vector<std::uint8_t> seen(net.links());
    std::vector<std::int32_t> queue, out;
    for (const auto& [root, members] : groups) {
        std::fill(seen.begin(), seen.end(), 0);
        queue.clear();
        if (!net.link_closed[root]) {
            seen[root] = 1;
            queue.push_back(root);
        }
        for (std::size_t q = 0; q < queue.size(); ++q)
            for (auto e = begin[queue[q]]; e < begin[queue[q] + 1]; ++e) {
                const auto m = next[e];
                if (!seen[m] && !net.link_closed[m]) {
                    seen[m] = 1;
                    queue.push_back(m);
                }
            }
        for (auto i : members)
            if (!seen[backwards ? trips.origin[i] : trips.dest[i]]) out.push_back(i);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t next_hop_table_bytes(const TrafficSetup& s) {
    return s.dest_links.size() * static_cast<std::size_t>(s.net.links()) * 4 * (1 + s.bans.size());
}

namespace {

// Whether next-hop tables are worth their searches: each recomputation settles every link once
// per row, while per-vehicle routes search about twice per trip (on release and at a reroute).
// On the demo and the 20 x 20 grid a trip's searches took about 40 us of wall, about what the
// tables' Dijkstra takes to settle 1,000 links (docs/models.md §6).
bool tables_pay(const TrafficSetup& s) {
    const double every = s.settings.reroute_every_s;
    const double computations = 1.0 + (every > 0.0 ? std::floor(s.duration_s / every) : 0.0);
    const double rows = static_cast<double>(s.dest_links.size()) * static_cast<double>(1 + s.bans.size());
    return computations * rows * static_cast<double>(s.net.links()) <= kAutoSettlesPerTrip * static_cast<double>(s.trips.size());
}

}  // namespace

void choose_routing(TrafficSetup& s) {
    const std::string& r = s.settings.routing;
    if (r == "tables") s.use_tables = true;
    else if (r == "routes") s.use_tables = false;
    // Tables cannot hold a route that visits a link twice; per-vehicle routes drive it as given.
    else s.use_tables = next_hop_table_bytes(s) <= kAutoTableBytes && s.fixed.revisiting == 0 && tables_pay(s);
}

std::size_t estimate_traffic_bytes(const TrafficSetup& s) {
    const std::size_t n = static_cast<std::size_t>(s.trips.size());
    const std::size_t L = static_cast<std::size_t>(s.net.links());
    const std::size_t lanes = static_cast<std::size_t>(s.net.lanes());
    const std::size_t C = static_cast<std::size_t>(s.net.connections());
    // Per vehicle: static trip data, double-buffered kinematics, trip records, sort buffers
    // (keys, two index lists) and the sort's temporary space.
    const std::size_t per_vehicle = 8 + 4 * 6 + 4 + 2 * (4 + 4 + 4 + 4) + 1 + 4 + 8 * 5 + (8 + 4 + 4) * 2;
    const std::size_t routing = s.trips.stop_link.size() * 20 + L * (4 + 8 * (1 + s.bans.size())) + routing_bytes(s);
    const std::size_t network = L * 64 + lanes * 80 + C * 48 + s.net.foe_conn.size() * 5;
    return n * per_vehicle + routing + network;
}

}  // namespace citytwin::sim
