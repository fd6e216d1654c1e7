#pragma once
// What the importer keeps of an OpenStreetMap file: the ways cars drive on, with their node
// positions (lon/lat) and the tags that shape a road already interpreted, the traffic-signal
// nodes, and counts of everything read and left out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "io/osm/highway_types.hpp"

namespace citytwin::io::osm {

struct WayPoint {
    std::int64_t node = 0;
    double lon = 0.0, lat = 0.0;
    bool located = false;  // false: the way refers to a node the file does not contain
};

struct OsmRoad {
    std::int64_t way_id = 0;
    const HighwayType* type = nullptr;
    std::vector<WayPoint> points;  // in the way's node order
    bool forward = true;           // cars may drive along the node order
    bool backward = true;          // ... and against it
    int lanes_forward = 1, lanes_backward = 1;
    double speed_forward_kmh = 50.0, speed_backward_kmh = 50.0;
};

struct ReadCounts {
    std::size_t nodes = 0, ways = 0;
    std::size_t highway_ways = 0;             // ways with a highway tag
    std::size_t roads = 0;                    // kept: drivable by cars
    std::size_t not_for_cars = 0;             // highway types cars do not use (footway, service, ...)
    std::size_t no_access = 0;                // access=no/private, motor_vehicle=no, ...
    std::size_t areas = 0;                    // area=yes
    std::size_t reversible = 0;               // oneway=reversible/alternating
    std::size_t oneway_not_understood = 0;    // taken as two-way
    std::size_t maxspeed_not_understood = 0;  // type default used
    std::size_t lanes_not_understood = 0;     // type default used
    std::size_t missing_nodes = 0;            // node references without a position in the file
    std::size_t signal_nodes = 0;             // highway=traffic_signals nodes
};

struct OsmRoads {
    std::vector<OsmRoad> roads;
    std::unordered_set<std::int64_t> signal_nodes;
    ReadCounts counts;
};

// Reads FILE.osm, FILE.osm.pbf (or .osm.gz / .osm.bz2) with libosmium. Throws
// sim::ScenarioError naming the file for a missing, empty, malformed or truncated file and for
// one without any road for cars.
OsmRoads read_osm_roads(const std::string& path);

}  // namespace citytwin::io::osm
