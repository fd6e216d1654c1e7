// Lanes, oneway and priority are those of SUMO's osmNetconvert.typ.xml (SUMO 1.15); speeds are
// its urban German variant (osmNetconvertUrbanDe.typ.xml: 50 km/h from trunk to tertiary,
// 100 km/h motorways, 60 km/h motorway links), with SUMO's 50 km/h residential and unclassified
// and 10 km/h living streets: an imported city extract is mostly within built-up areas.
// highway=service is left out, as SUMO's typemap closes it to passenger cars.
#include "io/osm/highway_types.hpp"

#include <array>

namespace citytwin::io::osm {

namespace {

constexpr std::array<HighwayType, 13> kTypes{{
    {"motorway", 2, 100.0, 14, true},
    {"trunk", 2, 50.0, 13, false},
    {"primary", 2, 50.0, 12, false},
    {"secondary", 1, 50.0, 11, false},
    {"tertiary", 1, 50.0, 10, false},
    {"motorway_link", 1, 60.0, 9, true},
    {"trunk_link", 1, 50.0, 8, false},
    {"primary_link", 1, 50.0, 7, false},
    {"secondary_link", 1, 50.0, 6, false},
    {"tertiary_link", 1, 50.0, 5, false},
    {"unclassified", 1, 50.0, 4, false},
    {"residential", 1, 50.0, 3, false},
    {"living_street", 1, 10.0, 2, false},
}};

}  // namespace

std::span<const HighwayType> highway_types() { return kTypes; }

const HighwayType* find_highway_type(std::string_view highway) {
    for (const HighwayType& t : kTypes)
        if (t.name == highway) return &t;
    return nullptr;
}

}  // namespace citytwin::io::osm
