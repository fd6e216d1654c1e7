#pragma once
// The OpenStreetMap highway types citytwin imports as roads for cars, with the defaults a way of
// that type gets when it has no lanes or maxspeed tag (docs/import.md, "Road types").
#include <span>
#include <string_view>

namespace citytwin::io::osm {

struct HighwayType {
    std::string_view name;  // the value of the highway tag
    int lanes;              // per direction, when the way has no lanes tag
    double speed_kmh;       // when the way has no (understood) maxspeed tag
    int priority;           // junction priority, higher wins (SUMO's typemap)
    bool oneway;            // implied oneway=yes
};

// Every drivable type, most important first.
std::span<const HighwayType> highway_types();

// The type for a highway tag value, or nullptr when cars do not drive on it (footway, service,
// track, construction, ...).
const HighwayType* find_highway_type(std::string_view highway);

}  // namespace citytwin::io::osm
