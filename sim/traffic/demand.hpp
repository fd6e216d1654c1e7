#pragma once
// Trip generation from zones: how many trips, when, from where to where.
#include <vector>

#include "sim/core/scenario.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

// The 24 hourly weights of a named profile ("weekday", "morning_peak", "evening_peak",
// "flat"), or the custom weights as given. Throws ScenarioError for an unknown name.
std::vector<double> hourly_profile(const DemandProfile& profile, const SourceMark& mark);

// Zones as the scenario lists them, or generated as blocks over the network's extent.
std::vector<ZoneSpec> resolve_zones(const ZonesSpec& zones, const RoadNetwork& net);

// Links of each zone: those listed, or the open links whose midpoint lies in its rectangle.
// Throws ScenarioError for a listed link that does not exist.
std::vector<std::vector<std::int32_t>> links_of_zones(const std::vector<ZoneSpec>& zones, const RoadNetwork& net);

// Trips drawn from the zones: departure times from the profile over the simulated window,
// outbound (home to work: origin by population, destination by jobs) with the share of the
// hour, else inbound. Deterministic for the seed.
std::vector<TripSpec> generate_trips(const Scenario& scenario, const RoadNetwork& net);

}  // namespace citytwin::sim
