// OpenStreetMap tag values: what each parser understands, and that it refuses the rest.
#include <gtest/gtest.h>

#include "io/osm/highway_types.hpp"
#include "io/osm/tag_values.hpp"

namespace {

using namespace citytwin::io::osm;

TEST(OsmTags, Oneway) {
    EXPECT_EQ(parse_oneway("yes"), Oneway::Forward);
    EXPECT_EQ(parse_oneway("true"), Oneway::Forward);
    EXPECT_EQ(parse_oneway("1"), Oneway::Forward);
    EXPECT_EQ(parse_oneway(" Yes "), Oneway::Forward);
    EXPECT_EQ(parse_oneway("-1"), Oneway::Backward);
    EXPECT_EQ(parse_oneway("reverse"), Oneway::Backward);
    EXPECT_EQ(parse_oneway("no"), Oneway::No);
    EXPECT_EQ(parse_oneway("false"), Oneway::No);
    EXPECT_EQ(parse_oneway("0"), Oneway::No);
    EXPECT_EQ(parse_oneway("reversible"), Oneway::Reversible);
    EXPECT_EQ(parse_oneway("alternating"), Oneway::Reversible);
    EXPECT_EQ(parse_oneway("sometimes"), Oneway::Unknown);
}

TEST(OsmTags, MaxspeedNumbersAndUnits) {
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50"), 50.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50 km/h"), 50.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50kmh"), 50.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50 kph"), 50.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("30 mph"), 30 * 1.609344);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("30mph"), 30 * 1.609344);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("10 knots"), 18.52);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("walk"), 7.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("none"), 130.0);
}

TEST(OsmTags, MaxspeedCountryDefaults) {
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("DE:urban"), 50.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("FI:urban"), 50.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("DE:rural"), 100.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("FI:rural"), 80.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("FR:motorway"), 130.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("DE:zone30"), 30.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("DE:zone:20"), 20.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("DE:living_street"), 7.0);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("DE:bicycle_road"), 30.0);
}

TEST(OsmTags, MaxspeedRefusesWhatItCannotRead) {
    for (const char* v : {"", "fast", "50;30", "0", "-20", "50 furlongs", "XX:rural", "DE:zone", "signals", "variable"})
        EXPECT_FALSE(parse_maxspeed_kmh(v).has_value()) << "'" << v << "'";
}

TEST(OsmTags, LaneCounts) {
    EXPECT_EQ(*parse_lane_count("1"), 1);
    EXPECT_EQ(*parse_lane_count(" 3 "), 3);
    EXPECT_EQ(*parse_lane_count("16"), 16);
    for (const char* v : {"", "0", "17", "2;3", "2.5", "many", "-1"})
        EXPECT_FALSE(parse_lane_count(v).has_value()) << "'" << v << "'";
}

TEST(OsmTags, HighwayTypes) {
    for (const char* t : {"motorway", "trunk", "primary", "secondary", "tertiary", "motorway_link", "trunk_link",
                          "primary_link", "secondary_link", "tertiary_link", "unclassified", "residential",
                          "living_street"})
        EXPECT_NE(find_highway_type(t), nullptr) << t;
    for (const char* t : {"service", "footway", "cycleway", "pedestrian", "track", "path", "steps", "construction",
                          "proposed", "bus_guideway", "road", ""})
        EXPECT_EQ(find_highway_type(t), nullptr) << t;
    EXPECT_TRUE(find_highway_type("motorway")->oneway);
    EXPECT_TRUE(find_highway_type("motorway_link")->oneway);
    EXPECT_FALSE(find_highway_type("primary")->oneway);
    // Priorities fall from motorway to living street, as in SUMO's typemap.
    int last = 1000;
    for (const HighwayType& t : highway_types()) {
        EXPECT_LT(t.priority, last) << t.name;
        last = t.priority;
    }
}

}  // namespace
