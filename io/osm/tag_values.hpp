#pragma once
// Values of the OpenStreetMap tags that shape a road: oneway, maxspeed, lanes. Each parser says
// when it does not understand a value, so the importer can count it instead of guessing.
#include <optional>
#include <string_view>

namespace citytwin::io::osm {

enum class Oneway {
    No,          // no, false, 0: both directions
    Forward,     // yes, true, 1: along the way's node order
    Backward,    // -1, reverse: against it
    Reversible,  // reversible, alternating: direction changes by time; not imported
    Unknown,     // anything else
};

Oneway parse_oneway(std::string_view value);

// A speed limit in km/h: "50", "50 km/h", "50kmh", "30 mph", "10 knots", "walk", "none", and
// country defaults such as "DE:urban", "FI:rural", "DE:zone30", "DE:living_street". nullopt for
// anything else (conditional or multiple values, unknown countries).
std::optional<double> parse_maxspeed_kmh(std::string_view value);

// A lane count 1 ... 16; nullopt for anything else ("2;3", "0", "many").
std::optional<int> parse_lane_count(std::string_view value);

}  // namespace citytwin::io::osm
