// Generated grids and start states for bench_traffic.
#include "bench/traffic/grid_cases.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "kernels/core/random.hpp"

namespace citytwin::bench {

namespace {

// Philox streams of this benchmark, apart from the simulator's own (1: speed factor, 2: type).
constexpr std::uint32_t kStreamDestinationSet = 100;
constexpr std::uint32_t kStreamTrip = 101;

}  // namespace

const std::vector<GridCase>& grid_cases() {
    // Windows are short enough that nearly every trip is still under way at their end: the
    // figure is throughput at a known load, not a run draining to empty.
    static const std::vector<GridCase> cases = {
        {"1k", 10, 200.0, 2, 1'000, 20, 400},
        {"10k", 20, 200.0, 2, 12'000, 20, 400},
        {"100k", 60, 250.0, 2, 100'000, 20, 200},
        // 125 × 125 at 250 m, 2 lanes: 124,000 lanes of 250 m hold 1M vehicles 27.8 m apart,
        // about 27 % of jam density (one vehicle per 7.5 m: length 5 m + min gap 2.5 m).
        {"1M", 125, 250.0, 2, 1'000'000, 10, 40},
    };
    return cases;
}

sim::TrafficSetup make_grid_setup(const GridCase& c, std::uint64_t seed, IdOrder ids) {
    sim::TrafficSetup s;
    s.seed = seed;
    s.settings.step_s = 0.5;
    sim::GridNetworkSpec g;
    g.rows = g.cols = c.grid;
    g.spacing_m = c.spacing_m;
    g.lanes = c.lanes;
    g.speed_mps = 50.0 / 3.6;
    g.signals = true;
    sim::NetworkSpec spec;
    spec.grid = g;
    s.net = sim::build_road_network(s.settings, spec);
    sim::VehicleTypeSpec car;
    car.id = "car";
    s.types = sim::make_type_params({car});

    const std::int32_t links = s.net.links(), lanes = s.net.lanes();
    if (links < 2) throw std::runtime_error("case " + c.name + ": the grid has fewer than two links");
    // Vehicle i goes to lane i mod lanes, so every lane holds ceil or floor(vehicles / lanes).
    const std::int64_t per_lane = (c.vehicles + lanes - 1) / lanes;
    double shortest = s.net.link_length[0];
    for (double len : s.net.link_length) shortest = std::min(shortest, len);
    if (shortest / static_cast<double>(per_lane) < kMinPlacementGap_m)
        throw std::runtime_error("case " + c.name + ": " + std::to_string(c.vehicles) + " vehicles on " +
                                 std::to_string(lanes) + " lanes would stand closer than 10 m; use a larger grid");

    // The destination set: distinct links drawn uniformly.
    const std::int32_t n_dest = std::min(kMaxDestinations, links);
    std::unordered_map<std::int32_t, std::int32_t> row;
    for (std::uint32_t k = 0; static_cast<std::int32_t>(s.dest_links.size()) < n_dest; ++k) {
        const auto l = std::min(links - 1, static_cast<std::int32_t>(kernels::random_uniform(seed, k, 0, kStreamDestinationSet) * links));
        if (row.emplace(l, static_cast<std::int32_t>(s.dest_links.size())).second) s.dest_links.push_back(l);
    }

    sim::TripTable& t = s.trips;
    const auto n = static_cast<std::size_t>(c.vehicles);
    for (auto* v : {&t.origin, &t.dest, &t.dest_index, &t.type, &t.initial_lane}) v->reserve(n);
    for (auto* v : {&t.speed_factor, &t.initial_pos, &t.initial_speed}) v->reserve(n);
    t.depart.assign(n, 0.0);
    for (std::int64_t i = 0; i < c.vehicles; ++i) {
        // Place j: lane j mod lanes, slot j / lanes. Sorted ids take the places lane by lane (the
        // first V mod lanes lanes hold one more).
        std::int64_t j = i;
        if (ids == IdOrder::kSorted) {
            const std::int64_t q = c.vehicles / lanes, r = c.vehicles % lanes, big = r * (q + 1);
            const std::int64_t l = i < big ? i / (q + 1) : r + (i - big) / q;
            const std::int64_t sl = i < big ? i % (q + 1) : (i - big) % q;
            j = sl * lanes + l;
        }
        const auto lane = static_cast<std::int32_t>(j % lanes);
        const std::int64_t slot = j / lanes;
        const std::int32_t link = s.net.lane_link[lane];
        // Centred in equal shares of the lane: fronts at (slot + ½)·gap, gap >= 10 m, so the
        // first rear bumper (5 m behind the front) is on the lane.
        const double gap = s.net.link_length[link] / static_cast<double>(per_lane);
        // Keyed by place, so both orders have the same trips.
        const kernels::Philox4x32 r = kernels::random4(seed, static_cast<std::uint32_t>(j), 0, kStreamTrip);
        auto di = std::min(n_dest - 1, static_cast<std::int32_t>(kernels::uniform_open(r.v[0]) * n_dest));
        if (s.dest_links[di] == link) di = (di + 1) % n_dest;  // a trip must leave its link
        t.origin.push_back(link);
        t.dest.push_back(s.dest_links[di]);
        t.dest_index.push_back(di);
        t.type.push_back(0);
        t.speed_factor.push_back(static_cast<float>(0.95 + 0.1 * kernels::uniform_open(r.v[1])));  // 1.0 ± 5 %
        t.initial_lane.push_back(lane);
        t.initial_pos.push_back(static_cast<float>((static_cast<double>(slot) + 0.5) * gap));
        t.initial_speed.push_back(0.0f);
    }
    // Searches backwards from the destinations: few of them, so fast even at 1M vehicles.
    s.unroutable = sim::find_unroutable(s.net, t);
    return s;
}

}  // namespace citytwin::bench
