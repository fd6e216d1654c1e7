// An extract across the antimeridian (179.99 E to 179.99 W) projects like the same town
// anywhere else: centred near 180 deg, with the same lengths. Centred on 0 deg it once put the
// town 20,000 km from its origin. An extract wider than a metropolitan region is a clear error.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "io/osm/osm_import.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/core/scenario_error.hpp"
#include "tests/io/osm/osm_files.hpp"

namespace {

using namespace citytwin;

const std::string kSmall = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/osm/small.osm";

// small.osm with every longitude moved by `shift` degrees (wrapped to -180..180) and every
// latitude of node `moved` set to `lat`, if given.
std::string shifted(double shift, const std::string& moved = "", double lat = 0.0) {
    const std::string text = test::read_all(kSmall);
    const std::regex node(R"re(<node id="(\d+)" lat="([-0-9.]+)" lon="([-0-9.]+)")re");
    std::string out;
    auto last = text.cbegin();
    for (std::sregex_iterator it(text.begin(), text.end(), node), end; it != end; ++it) {
        const std::smatch& m = *it;
        double lon = std::stod(m[3]) + shift;
        if (lon > 180.0) lon -= 360.0;
        char buf[160];
        const double node_lat = m[1] == moved ? lat : std::stod(m[2]);
        std::snprintf(buf, sizeof buf, "<node id=\"%s\" lat=\"%.7f\" lon=\"%.7f\"", m[1].str().c_str(), node_lat, lon);
        out.append(last, m[0].first);
        out += buf;
        last = m[0].second;
    }
    out.append(last, text.cend());
    // The <bounds> element is left as it was: the import does not use it.
    return out;
}

io::osm::OsmImportSettings settings() {
    io::osm::OsmImportSettings s;
    s.name = "small";
    s.trips = 50;
    return s;
}

TEST(OsmAntimeridian, ATownAcrossItProjectsAsAnywhereElse) {
    const io::osm::OsmImportResult home = io::osm::import_osm(kSmall, settings());
    // small.osm spans 9.997 E .. 10.011 E; moved by 170.0 - 0.004 deg it straddles 180 deg.
    const std::string fiji = test::osm_scratch("antimeridian.osm", shifted(170.0 - 0.004 + 0.001));
    const io::osm::OsmImportResult there = io::osm::import_osm(fiji, settings());
    EXPECT_GT(std::fabs(there.origin_lon), 179.9) << there.origin_lon;
    EXPECT_EQ(there.nodes, home.nodes);
    EXPECT_EQ(there.links, home.links);
    EXPECT_NEAR(there.road_km, home.road_km, 1e-6 * home.road_km);
    // Every node within a few kilometres of the origin, as the town is.
    const sim::Scenario sc = io::load_scenario_text(there.yaml, "antimeridian.yaml", {}, ".");
    for (const sim::NodeSpec& n : sc.network.nodes) {
        EXPECT_LT(std::fabs(n.x_m), 5000.0) << n.id;
        EXPECT_LT(std::fabs(n.y_m), 5000.0) << n.id;
    }
}

TEST(OsmAntimeridian, AnExtractWiderThanARegionIsAClearError) {
    // One node moved 20 degrees north: a road 2,000 km long.
    const std::string wide = test::osm_scratch("wide.osm", shifted(0.0, "4", 70.0));
    try {
        io::osm::import_osm(wide, settings());
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind(wide + ": the roads span ", 0), 0u) << what;
        EXPECT_NE(what.find("citytwin imports extracts of at most 5 deg each way"), std::string::npos) << what;
    }
}

}  // namespace
