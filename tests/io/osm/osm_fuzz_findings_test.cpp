// What tests/fuzz/osm_reader_fuzz found (docs/reliability.md §4): files whose imported
// scenario did not load. Roads longer than a scenario's links may be (100 km): the import now
// ends such a link at a bend and leaves out a piece between two nodes that are further apart.
// A way id the file holds twice: its links' ids now stay unique.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/osm/osm_import.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "tests/io/osm/osm_files.hpp"

namespace {

using namespace citytwin;

io::osm::OsmImportResult import(const std::string& path) {
    io::osm::OsmImportSettings s;
    s.name = "long";
    s.trips = 20;
    return io::osm::import_osm(path, s);
}

void expect_links_within_100_km(const sim::Scenario& sc) {
    for (const sim::LinkSpec& l : sc.network.links) EXPECT_LE(l.length_m, 100'000.0) << l.id;
}

// The fuzzer's inputs, each small.osm with one change: a node moved 111 km north, so that two
// junctions are joined by a road of 222 km without a node between; a node moved 71 km east,
// so that joining links through pass-through nodes made one of 144 km ("network.links[2].length:
// must be at most 100000 m"); way 102 renumbered 101 ("duplicate link id '101#0'").
TEST(OsmFuzzFindings, ImportIntoScenariosThatLoad) {
    const std::string dir = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/fuzz/osm_reader_fuzz/";
    for (const char* file : {"link-over-100-km.osm", "joined-link-over-100-km.osm", "duplicate-way-id.osm"}) {
        SCOPED_TRACE(file);
        const auto r = import(dir + file);
        const sim::Scenario sc = io::load_scenario_text(r.yaml, "imported.yaml");
        expect_links_within_100_km(sc);
    }
    EXPECT_EQ(import(dir + "link-over-100-km.osm").graph.overlong_pieces, 2u);
}

// A 160 km road with a bend every 40 km: cut at the bend before 100 km; a 107 km piece between
// two nodes of a second road: left out, the rest imports.
TEST(OsmFuzzFindings, ALongRoadIsCutAtABendAndAnOverlongPieceLeftOut) {
    const std::string path = test::osm_scratch("long-roads.osm", R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="50.00" lon="10.0"/>
  <node id="2" lat="50.36" lon="10.0"/>
  <node id="3" lat="50.72" lon="10.0"/>
  <node id="4" lat="51.08" lon="10.0"/>
  <node id="5" lat="51.44" lon="10.0"/>
  <node id="6" lat="50.00" lon="11.5"/>
  <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="5"/><tag k="highway" v="primary"/></way>
  <way id="2"><nd ref="1"/><nd ref="6"/><tag k="highway" v="primary"/></way>
</osm>
)");
    const auto r = import(path);
    EXPECT_EQ(r.graph.roads_cut_at_bends, 1u);
    EXPECT_EQ(r.graph.overlong_pieces, 1u);
    EXPECT_EQ(r.links, 4u);  // 1 -> 3 -> 5 and back: 80 km each
    const sim::Scenario sc = io::load_scenario_text(r.yaml, "imported.yaml");
    expect_links_within_100_km(sc);
    EXPECT_NE(r.summary().find("1 roads cut at a bend to keep links within 100 km, 1 pieces of road over 100 km"),
              std::string::npos) << r.summary();
}

}  // namespace
