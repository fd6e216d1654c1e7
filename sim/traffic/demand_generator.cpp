// Generated demand. Departure times follow the hourly profile over the simulated window
// (piecewise-constant rate, inverse-CDF sampling). Each trip is outbound (origin zone drawn by
// population, destination zone by jobs) with a probability that follows the time of day, else
// inbound (the reverse); within a zone the link is drawn uniformly. All draws come from the
// counter-based generator keyed by (seed, trip, stream), so the trips depend on the seed alone.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "kernels/core/random.hpp"
#include "sim/core/scenario_limits.hpp"
#include "sim/traffic/demand.hpp"

namespace citytwin::sim {

namespace {

// Share of trips leaving home by hour: commuting out in the morning, back in the afternoon.
double outbound_share(int hour) {
    if (hour >= 5 && hour < 11) return 0.8;
    if (hour >= 15 && hour < 20) return 0.25;
    return 0.5;
}

std::size_t pick(const std::vector<double>& cumulative, double u) {
    const double x = u * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

}  // namespace

std::vector<ZoneSpec> resolve_zones(const ZonesSpec& zones, const RoadNetwork& net) {
    if (!zones.generate) return zones.list;
    const ZoneGenerateSpec& g = *zones.generate;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (std::int32_t i = 0; i < net.nodes(); ++i) {
        x0 = std::min(x0, net.node_x[i]); x1 = std::max(x1, net.node_x[i]);
        y0 = std::min(y0, net.node_y[i]); y1 = std::max(y1, net.node_y[i]);
    }
    x1 += 1e-6; y1 += 1e-6;  // half-open blocks must include the far edge
    const double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1);
    const double R = 0.5 * std::hypot(x1 - x0, y1 - y0) + 1e-9;
    std::vector<ZoneSpec> out;
    std::vector<double> wp, wj;
    for (int by = 0; by < g.blocks_y; ++by)
        for (int bx = 0; bx < g.blocks_x; ++bx) {
            ZoneSpec z;
            z.id = "z" + std::to_string(by) + "_" + std::to_string(bx);
            z.x_min_m = x0 + (x1 - x0) * bx / g.blocks_x;
            z.x_max_m = x0 + (x1 - x0) * (bx + 1) / g.blocks_x;
            z.y_min_m = y0 + (y1 - y0) * by / g.blocks_y;
            z.y_max_m = y0 + (y1 - y0) * (by + 1) / g.blocks_y;
            z.mark = g.mark;
            const double r = std::hypot(0.5 * (z.x_min_m + z.x_max_m) - cx, 0.5 * (z.y_min_m + z.y_max_m) - cy) / R;
            // Jobs concentrate in the centre, homes spread towards the edge.
            wj.push_back(std::exp(-4.0 * r * r));
            wp.push_back(0.5 + r);
            out.push_back(z);
        }
    const double sp = std::accumulate(wp.begin(), wp.end(), 0.0), sj = std::accumulate(wj.begin(), wj.end(), 0.0);
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].population = g.population * wp[i] / sp;
        out[i].jobs = g.jobs * wj[i] / sj;
    }
    return out;
}

std::vector<std::vector<std::int32_t>> links_of_zones(const std::vector<ZoneSpec>& zones, const RoadNetwork& net) {
    std::vector<std::vector<std::int32_t>> zone_links(zones.size());
    // Link midpoints binned on a uniform grid of about one link per bin, so each zone visits
    // only the bins under its rectangle: a million zones over a million links once took
    // zones x links tests (hours), now about zones + links.
    std::vector<std::int32_t> open;
    std::vector<double> mid_x, mid_y;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (std::int32_t l = 0; l < net.links(); ++l) {
        if (net.link_closed[l]) continue;
        const double mx = 0.5 * (net.node_x[net.link_from[l]] + net.node_x[net.link_to[l]]);
        const double my = 0.5 * (net.node_y[net.link_from[l]] + net.node_y[net.link_to[l]]);
        open.push_back(l);
        mid_x.push_back(mx);
        mid_y.push_back(my);
        x0 = std::min(x0, mx); x1 = std::max(x1, mx);
        y0 = std::min(y0, my); y1 = std::max(y1, my);
    }
    const std::int64_t side = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::sqrt(static_cast<double>(open.size()))));
    const double bw = std::max((x1 - x0) / static_cast<double>(side), 1e-9);
    const double bh = std::max((y1 - y0) / static_cast<double>(side), 1e-9);
    // Clamped as doubles: a zone reaching far past the network must not overflow the cast.
    const double last = static_cast<double>(side - 1);
    auto bin_x = [&](double x) { return static_cast<std::int64_t>(std::clamp(std::floor((x - x0) / bw), 0.0, last)); };
    auto bin_y = [&](double y) { return static_cast<std::int64_t>(std::clamp(std::floor((y - y0) / bh), 0.0, last)); };
    std::vector<std::vector<std::size_t>> bins(static_cast<std::size_t>(side * side));
    for (std::size_t i = 0; i < open.size(); ++i) bins[static_cast<std::size_t>(bin_y(mid_y[i]) * side + bin_x(mid_x[i]))].push_back(i);

    for (std::size_t z = 0; z < zones.size(); ++z) {
        const ZoneSpec& zone = zones[z];
        if (!zone.links.empty()) {
            for (const auto& id : zone.links) {
                auto it = net.link_by_id.find(id);
                if (it == net.link_by_id.end())
                    throw ScenarioError(zone.mark, "zones.list.links", "no link with id '" + id + "' in the network");
                zone_links[z].push_back(it->second);
            }
            continue;
        }
        if (open.empty() || zone.x_max_m < x0 || zone.x_min_m > x1 || zone.y_max_m < y0 || zone.y_min_m > y1) continue;
        for (std::int64_t by = bin_y(zone.y_min_m); by <= bin_y(zone.y_max_m); ++by)
            for (std::int64_t bx = bin_x(zone.x_min_m); bx <= bin_x(zone.x_max_m); ++bx)
                for (const std::size_t i : bins[static_cast<std::size_t>(by * side + bx)])
                    if (mid_x[i] >= zone.x_min_m && mid_x[i] < zone.x_max_m && mid_y[i] >= zone.y_min_m && mid_y[i] < zone.y_max_m)
                        zone_links[z].push_back(open[i]);
        // In link order, as a scan of every link gives them: the draws of trips depend on it.
        std::sort(zone_links[z].begin(), zone_links[z].end());
    }
    return zone_links;
}

std::vector<TripSpec> generate_trips(const Scenario& sc, const RoadNetwork& net) {
    const DemandGenerateSpec& g = *sc.demand.generate;
    const std::vector<double> hourly = hourly_profile(g.profile, g.mark);
    std::vector<ZoneSpec> zones = resolve_zones(sc.zones, net);

    const std::vector<std::vector<std::int32_t>> zone_links = links_of_zones(zones, net);
    std::vector<double> cum_pop, cum_jobs;
    double sp = 0.0, sj = 0.0, population = 0.0;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        const bool has = !zone_links[z].empty();
        population += zones[z].population;
        cum_pop.push_back(sp += has ? zones[z].population : 0.0);
        cum_jobs.push_back(sj += has ? zones[z].jobs : 0.0);
    }
    if (sp <= 0.0 || sj <= 0.0)
        throw ScenarioError(sc.zones.mark, "zones",
                            "no zone with both links and population, or none with links and jobs: trips cannot be generated");

    // The profile's rate over the window [start, start + duration), hour slice by hour slice.
    struct Slice { double t0, t1, weight; int hour; };
    std::vector<Slice> slices;
    double day_total = std::accumulate(hourly.begin(), hourly.end(), 0.0);
    double window_weight = 0.0;
    for (double t = 0.0; t < sc.duration_s;) {
        const double clock = sc.start_seconds_of_day + t;
        const int hour = static_cast<int>(std::fmod(clock / 3600.0, 24.0));
        const double to_next = 3600.0 - std::fmod(clock, 3600.0);
        const double t1 = std::min(sc.duration_s, t + to_next);
        const double w = hourly[hour] * (t1 - t) / 3600.0;
        slices.push_back({t, t1, w, hour});
        window_weight += w;
        t = t1;
    }
    double n_trips = g.trips;
    if (n_trips <= 0.0) n_trips = g.trips_per_person * population * window_weight / day_total;
    // trips_per_person x population is checked here, where the count is known, before the
    // trip table is reserved.
    if (!(n_trips <= static_cast<double>(kMaxTrips)))
        throw ScenarioError(g.mark, "demand.generate.trips_per_person",
                            "trips_per_person x population gives " + std::to_string(std::llround(std::min(n_trips, 1e18))) +
                                " trips within the run; a run may have at most " + std::to_string(kMaxTrips));
    const std::int64_t n = std::llround(n_trips);
    if (n > 0 && window_weight <= 0.0)
        throw ScenarioError(g.mark, "demand.generate.profile", "the profile has no trips within the simulated window");
    std::vector<double> cum_slice;
    double cs = 0.0;
    for (const Slice& s : slices) cum_slice.push_back(cs += s.weight);

    std::vector<TripSpec> trips;
    trips.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        const auto id = static_cast<std::uint32_t>(i);
        const kernels::Philox4x32 r = kernels::random4(sc.seed, id, 0, /*stream: demand*/ 3);
        const Slice& s = slices[pick(cum_slice, kernels::uniform_open(r.v[0]))];
        TripSpec t;
        t.depart_s = std::floor(s.t0 + kernels::uniform_open(r.v[1]) * (s.t1 - s.t0));
        const bool outbound = kernels::uniform_open(r.v[2]) < outbound_share(s.hour);
        // Origin and destination must differ: draw the pair again (next counter) if they do not.
        std::int32_t o = -1, d = -1;
        for (std::uint32_t attempt = 1; attempt <= 32 && o == d; ++attempt) {
            const kernels::Philox4x32 q = kernels::random4(sc.seed, id, attempt, 3);
            const std::size_t zo = pick(outbound ? cum_pop : cum_jobs, kernels::uniform_open(q.v[0]));
            const std::size_t zd = pick(outbound ? cum_jobs : cum_pop, kernels::uniform_open(q.v[1]));
            const auto& lo = zone_links[zo];
            const auto& ld = zone_links[zd];
            o = lo[std::min<std::size_t>(lo.size() - 1, static_cast<std::size_t>(kernels::uniform_open(q.v[2]) * lo.size()))];
            d = ld[std::min<std::size_t>(ld.size() - 1, static_cast<std::size_t>(kernels::uniform_open(q.v[3]) * ld.size()))];
        }
        if (o == d)
            throw ScenarioError(sc.zones.mark, "zones",
                                "the zones leave no two different links to travel between: give them more links");
        t.from_link = net.link_id[o];
        t.to_link = net.link_id[d];
        t.mark = g.mark;
        trips.push_back(std::move(t));
    }
    return trips;
}

}  // namespace citytwin::sim
