#pragma once
// The interventions that change which trips depart and in which vehicles: `demand: {scale}`
// scales the departures in its window, `fleet: {type, share}` gives a type that share of the
// departures in its window. Both are decided when the trip table is built, with the
// counter-based generator, so a run with the intervention and a fork at its time with the same
// intervention hold the same trips.
#include <cstdint>
#include <vector>

#include "sim/core/intervention.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::sim {

// The departures in each demand window times its scale, rounded: trips dropped or cloned (the
// clones appended, with the source's id and "+N") are chosen by their random keys.
std::vector<TripSpec> scale_departures(std::vector<TripSpec> trips, const std::vector<InterventionSpec>& interventions,
                                       std::uint64_t seed);

// A type's share of the departures in [from_s, until_s) (until < 0: to the end).
struct FleetWindow {
    double from_s = 0.0, until_s = -1.0;
    std::int32_t type = 0;
    double share = 0.0;
};

std::vector<FleetWindow> fleet_windows(const std::vector<InterventionSpec>& interventions,
                                       const std::vector<VehicleTypeSpec>& types);

// The type shares for a trip departing at `depart_s`: the scenario's, with the active fleet
// window's type at its share and the others scaled to the rest, in proportion.
std::vector<double> shares_at(const std::vector<VehicleTypeSpec>& types, const std::vector<FleetWindow>& fleet,
                              double depart_s);

}  // namespace citytwin::sim
