// Generated demand at its limits: beyond the trip limit (sim/core/scenario_limits.hpp) it is
// refused by the generator, where trips_per_person x population becomes a count, before the
// trip table is reserved (a located error within a second, never std::bad_alloc); a million
// zones over a large grid are assigned their links in about zones + links, not their product.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"
#include "sim/traffic/demand.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin {
namespace {

const std::string kBase = R"(citytwin: 1
name: b
duration: 1 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
demand:
  generate: {trips: 10}
)";

TEST(DemandLimit, GeneratedTripsBeyondTheLimitAreRefusedBeforeTheyAreMade) {
    const sim::Scenario sc = io::load_scenario_text(
        kBase, "b.yaml",
        {"zones.generate={blocks: 1x1, population: 1e8, jobs: 1e6}", "demand.generate={trips_per_person: 50, profile: flat}",
         "duration=31 d"},
        ".");
    const auto t0 = std::chrono::steady_clock::now();
    try {
        sim::build_traffic_setup(sc);
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("--set demand.generate={trips_per_person: 50, profile: flat}: demand.generate.trips_per_person: "
                             "trips_per_person x population gives ", 0),
                  0u)
            << what;
        EXPECT_NE(what.find("a run may have at most 20000000"), std::string::npos) << what;
    }
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0);
}

// The links of each zone are those whose midpoint lies in its rectangle, in link order: the
// binned search gives exactly what a scan of every link gives, zones overlapping or not.
TEST(DemandLimit, ZoneLinksAreThoseOfAFullScan) {
    const sim::Scenario sc = io::load_scenario_text(kBase, "b.yaml", {"network.grid={rows: 17, cols: 23, spacing: 130 m}"}, ".");
    const sim::RoadNetwork net = sim::build_road_network(sc.traffic, sc.network);
    std::vector<sim::ZoneSpec> zones;
    for (int i = 0; i < 40; ++i) {
        sim::ZoneSpec z;
        z.x_min_m = -300.0 + 97.0 * i;
        z.x_max_m = z.x_min_m + 50.0 + 31.0 * (i % 7);
        z.y_min_m = -200.0 + 53.0 * (i % 11);
        z.y_max_m = z.y_min_m + 400.0 * (1 + i % 3);
        zones.push_back(z);
    }
    sim::ZoneSpec everything;
    everything.x_min_m = everything.y_min_m = -1e9;
    everything.x_max_m = everything.y_max_m = 1e9;
    zones.push_back(everything);
    const auto got = sim::links_of_zones(zones, net);
    for (std::size_t z = 0; z < zones.size(); ++z) {
        std::vector<std::int32_t> scan;
        for (std::int32_t l = 0; l < net.links(); ++l) {
            const double mx = 0.5 * (net.node_x[net.link_from[l]] + net.node_x[net.link_to[l]]);
            const double my = 0.5 * (net.node_y[net.link_from[l]] + net.node_y[net.link_to[l]]);
            if (!net.link_closed[l] && mx >= zones[z].x_min_m && mx < zones[z].x_max_m && my >= zones[z].y_min_m &&
                my < zones[z].y_max_m)
                scan.push_back(l);
        }
        EXPECT_EQ(got[z], scan) << "zone " << z;
    }
    EXPECT_EQ(got.back().size(), static_cast<std::size_t>(net.links()));
}

TEST(DemandLimit, AMillionZonesAreAssignedQuickly) {
    const sim::Scenario sc = io::load_scenario_text(
        kBase, "b.yaml",
        {"network.grid={rows: 100, cols: 100, spacing: 100 m}", "zones.generate={blocks: 1000x1000, population: 1e8, jobs: 1e8}"},
        ".");
    const auto t0 = std::chrono::steady_clock::now();
    const sim::TrafficSetup setup = sim::build_traffic_setup(sc);
    EXPECT_EQ(setup.trips.size(), 10u);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10.0);
}

}  // namespace
}  // namespace citytwin
