// The hand-made town tests/data/osm/small.osm through the whole import, with the count of every
// kind of thing read, kept and dropped; then the Helsinki extract from the shared data.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "io/osm/osm_import.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/traffic/road_network.hpp"

namespace {

using namespace citytwin;
using io::osm::OsmImportResult;

const std::string kSmall = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/osm/small.osm";

io::osm::OsmImportSettings settings() {
    io::osm::OsmImportSettings s;
    s.name = "small";
    s.trips = 200;
    s.duration = "30 min";
    s.seed = 5;
    s.start = "2026-06-01T08:00";
    s.source_label = "small.osm";
    return s;
}

const sim::LinkSpec* find_link(const sim::Scenario& sc, const std::string& id) {
    for (const auto& l : sc.network.links)
        if (l.id == id) return &l;
    return nullptr;
}

const sim::NodeSpec* find_node(const sim::Scenario& sc, const std::string& id) {
    for (const auto& n : sc.network.nodes)
        if (n.id == id) return &n;
    return nullptr;
}

TEST(OsmImport, SmallTownCounts) {
    const OsmImportResult r = io::osm::import_osm(kSmall, settings());
    // Read: 16 nodes, 15 ways; footway and service are not for cars, one way is private, one
    // an area; 'maxspeed=fast' is not understood.
    EXPECT_EQ(r.read.nodes, 16u);
    EXPECT_EQ(r.read.ways, 15u);
    EXPECT_EQ(r.read.highway_ways, 15u);
    EXPECT_EQ(r.read.not_for_cars, 2u);
    EXPECT_EQ(r.read.no_access, 1u);
    EXPECT_EQ(r.read.areas, 1u);
    EXPECT_EQ(r.read.roads, 11u);
    EXPECT_EQ(r.read.maxspeed_not_understood, 1u);
    EXPECT_EQ(r.read.lanes_not_understood, 0u);
    EXPECT_EQ(r.read.signal_nodes, 2u);
    // Junctions C W E N S E2 F M X and the two ends of the separate piece; shape points 10, 11,
    // 12 and the middle of the separate piece.
    EXPECT_EQ(r.graph.junctions, 11u);
    EXPECT_EQ(r.graph.geometry_points, 4u);
    EXPECT_EQ(r.graph.signals_moved, 1u);    // 10 m west of C
    EXPECT_EQ(r.graph.signals_dropped, 1u);  // the crossing 68 m from the nearest junction
    EXPECT_EQ(r.graph.signals_at_junctions, 0u);
    EXPECT_EQ(r.clean.junctions_joined, 1u);  // E2 into E, 5 m apart
    EXPECT_EQ(r.clean.short_links, 2u);
    EXPECT_EQ(r.clean.self_loops, 0u);
    EXPECT_EQ(r.clean.parallel_links, 0u);
    EXPECT_EQ(r.clean.unreachable_links, 2u);  // the separate piece, both directions
    EXPECT_EQ(r.clean.unreachable_nodes, 2u);
    EXPECT_EQ(r.clean.pass_through_nodes, 1u);  // M, where way 104 meets way 113
    EXPECT_EQ(r.nodes, 7u);
    EXPECT_EQ(r.links, 13u);
    EXPECT_EQ(r.lanes, 15u);
    EXPECT_EQ(r.signals.plans, 1u);
    EXPECT_EQ(r.signals.too_simple, 0u);
}

TEST(OsmImport, SmallTownScenarioLoadsWithTheTagsApplied) {
    const OsmImportResult r = io::osm::import_osm(kSmall, settings());
    const sim::Scenario sc = io::load_scenario_text(r.yaml, "small.yaml");
    EXPECT_EQ(sc.name, "small");
    EXPECT_EQ(sc.seed, 5u);
    EXPECT_EQ(sc.start, "2026-06-01T08:00");
    EXPECT_DOUBLE_EQ(sc.duration_s, 1800.0);
    ASSERT_TRUE(sc.demand.generate.has_value());
    EXPECT_DOUBLE_EQ(sc.demand.generate->trips, 200.0);
    ASSERT_TRUE(sc.zones.generate.has_value());
    EXPECT_EQ(sc.network.nodes.size(), 7u);
    EXPECT_EQ(sc.network.links.size(), 13u);

    // lanes=4 on a two-way road: two each way; maxspeed=60.
    const auto* wc = find_link(sc, "100#0");
    const auto* cw = find_link(sc, "-100#0");
    ASSERT_TRUE(wc && cw);
    EXPECT_EQ(wc->lanes, 2);
    EXPECT_EQ(cw->lanes, 2);
    EXPECT_NEAR(wc->speed_mps, 60 / 3.6, 1e-9);
    EXPECT_EQ(wc->from, "n2");
    EXPECT_EQ(wc->to, "n1");
    EXPECT_EQ(wc->priority, 12);
    // 30 mph, as written to two decimals in km/h.
    ASSERT_TRUE(find_link(sc, "101#0"));
    EXPECT_NEAR(find_link(sc, "101#0")->speed_mps, 30 * 0.44704, 0.01 / 3.6);
    EXPECT_EQ(find_link(sc, "101#0")->lanes, 1);
    // oneway=yes: only along the way; oneway=-1: only against it.
    EXPECT_TRUE(find_link(sc, "102#0"));
    EXPECT_FALSE(find_link(sc, "-102#0"));
    EXPECT_FALSE(find_link(sc, "103#0"));
    ASSERT_TRUE(find_link(sc, "-103#0"));
    EXPECT_EQ(find_link(sc, "-103#0")->from, "n5");
    EXPECT_NEAR(find_link(sc, "-103#0")->speed_mps, 30 / 3.6, 1e-9);  // DE:zone30
    // maxspeed=fast: the tertiary default, 50 km/h.
    ASSERT_TRUE(find_link(sc, "105#0"));
    EXPECT_NEAR(find_link(sc, "105#0")->speed_mps, 50 / 3.6, 1e-9);
    // Way 104 (N-M) and way 113 (M-E) joined at M into one link each way, lengths summed.
    ASSERT_TRUE(find_link(sc, "104#0") && find_link(sc, "-113#0"));
    EXPECT_FALSE(find_link(sc, "113#0") || find_link(sc, "-104#0"));
    EXPECT_EQ(find_link(sc, "104#0")->to, "n3");
    EXPECT_FALSE(find_node(sc, "n9"));
    // E2 joined into E; the 5 m link is gone, the one beyond starts at E.
    EXPECT_FALSE(find_node(sc, "n6"));
    EXPECT_FALSE(find_link(sc, "106#0"));
    ASSERT_TRUE(find_link(sc, "107#0"));
    EXPECT_EQ(find_link(sc, "107#0")->from, "n3");
    // Not for cars, private, area, separate piece: absent.
    for (const char* id : {"108#0", "109#0", "110#0", "112#0", "120#0", "120#1", "-120#0"})
        EXPECT_FALSE(find_link(sc, id)) << id;

    // The signal 10 m west of C controls C: W-E first, then S; left turns yield.
    ASSERT_EQ(sc.network.signals.size(), 1u);
    const sim::SignalPlanSpec& plan = sc.network.signals[0];
    EXPECT_EQ(plan.node, "n1");
    ASSERT_EQ(plan.phases.size(), 4u);
    EXPECT_DOUBLE_EQ(plan.phases[0].duration_s, 31.0);
    EXPECT_DOUBLE_EQ(plan.phases[1].duration_s, 4.0);
    EXPECT_EQ(plan.phases[0].green.size(), 3u);  // W->E, E->W, E->N (a right turn)
    ASSERT_EQ(plan.phases[0].minor.size(), 1u);  // W->N, a left turn
    EXPECT_EQ(plan.phases[0].minor[0].from_link, "100#0");
    EXPECT_EQ(plan.phases[0].minor[0].to_link, "102#0");
    EXPECT_EQ(plan.phases[1].yellow.size(), 4u);
    EXPECT_EQ(plan.phases[2].green.size() + plan.phases[2].minor.size(), 3u);  // S -> W, E, N
    for (const auto& m : plan.phases[2].green) EXPECT_EQ(m.from_link, "-103#0");

    // The location of the sun and the air model is the projection's origin.
    EXPECT_NEAR(sc.weather.latitude_rad * 180 / M_PI, r.origin_lat, 1e-6);
    EXPECT_NEAR(sc.weather.longitude_rad * 180 / M_PI, r.origin_lon, 1e-6);

    // It compiles into a road network with the signal at C.
    const sim::RoadNetwork net = sim::build_road_network(sc.traffic, sc.network);
    EXPECT_EQ(net.plans(), 1);
    EXPECT_EQ(net.links(), 13);
}

TEST(OsmImport, LengthsAreMetresOnTheGround) {
    // W (9.998 E) to C (10.000 E) along the parallel at 50 N on the WGS 84 ellipsoid:
    // N(phi) cos(phi) dlambda, N = a / sqrt(1 - e^2 sin^2 phi).
    const double a = 6378137.0, e2 = 6.69437999014e-3, phi = 50.0 * M_PI / 180;
    const double n = a / std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
    const double expected = n * std::cos(phi) * (0.002 * M_PI / 180);
    const OsmImportResult r = io::osm::import_osm(kSmall, settings());
    const sim::Scenario sc = io::load_scenario_text(r.yaml, "small.yaml");
    EXPECT_NEAR(find_link(sc, "100#0")->length_m, expected, 0.01);
    const auto* w = find_node(sc, "n2");
    const auto* c = find_node(sc, "n1");
    EXPECT_NEAR(c->x_m - w->x_m, expected, 0.02);
    EXPECT_NEAR(c->y_m - w->y_m, 0.0, 0.05);
    EXPECT_NE(r.projection.find("+proj=tmerc"), std::string::npos);
    EXPECT_NE(r.yaml.find(r.projection), std::string::npos) << "the projection is recorded in the scenario";
    EXPECT_NE(r.yaml.find("OpenStreetMap contributors"), std::string::npos);
}

TEST(OsmImport, SameInputSameScenario) {
    EXPECT_EQ(io::osm::import_osm(kSmall, settings()).yaml, io::osm::import_osm(kSmall, settings()).yaml);
}

TEST(OsmImport, PbfAndGzipReadLikeXml) {
    // small.osm.pbf is small.osm converted by `osmium cat`, small.osm.gz it compressed by gzip.
    const std::string xml = io::osm::import_osm(kSmall, settings()).yaml;
    EXPECT_EQ(io::osm::import_osm(kSmall + ".pbf", settings()).yaml, xml);
    EXPECT_EQ(io::osm::import_osm(kSmall + ".gz", settings()).yaml, xml);
}

TEST(OsmImport, HelsinkiExtractBuildsARoadNetwork) {
    const std::string pbf = std::string(CITYTWIN_SHARED_DATA) + "/osm/helsinki-centre.osm.pbf";
    if (!std::filesystem::exists(pbf)) GTEST_SKIP() << "shared data not found: " << pbf;
    io::osm::OsmImportSettings s = settings();
    s.name = "helsinki-centre";
    const OsmImportResult r = io::osm::import_osm(pbf, s);
    EXPECT_EQ(r.read.nodes, 24260u);  // as the shared data's README counts them
    EXPECT_EQ(r.read.ways, 5130u);
    EXPECT_EQ(r.read.highway_ways, 2650u);
    const sim::Scenario sc = io::load_scenario_text(r.yaml, "helsinki.yaml");
    const sim::RoadNetwork net = sim::build_road_network(sc.traffic, sc.network);
    EXPECT_EQ(static_cast<std::size_t>(net.links()), r.links);
    EXPECT_EQ(static_cast<std::size_t>(net.plans()), r.signals.plans);
    // Of the order of what netconvert keeps for passenger cars from the same file (367 edges,
    // 26.2 km, 35 signal programs; docs/import.md).
    EXPECT_GT(r.links, 250u);
    EXPECT_GT(r.road_km, 20.0);
    EXPECT_GT(r.signals.plans, 25u);
}

}  // namespace
