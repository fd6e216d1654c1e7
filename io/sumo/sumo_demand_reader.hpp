#pragma once
// SUMO's demand: vType, vTypeDistribution, route, routeDistribution, vehicle, trip and flow
// elements of route and additional files -> vehicle types and trips (fixed routes and stops
// included), in seconds since the scenario start.
#include <cstdint>
#include <string>
#include <vector>

#include "io/sumo/sumo_notes.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::io {

struct SumoDemand {
    std::vector<sim::VehicleTypeSpec> types;
    std::vector<sim::TripSpec> trips;
    double last_depart_s = 0.0;       // SUMO time of the last departure kept
};

struct SumoDemandOptions {
    double begin_s = 0.0;             // SUMO time of the scenario start
    double end_s = -1.0;              // SUMO end time; < 0: none
    double step_s = 1.0;              // for flows with a per-step probability
    std::uint64_t seed = 1;           // type and route distributions, probabilistic flows
};

// Throws ScenarioError (file:line, element, attribute) for what SUMO would reject: an unknown
// edge, type or route, a malformed number, a stop off its vehicle's route.
SumoDemand read_sumo_demand(const std::vector<std::string>& route_files, const std::vector<std::string>& additional_files,
                            const sim::LaneNetworkSpec& net, const SumoDemandOptions& options, SumoNotes& notes);

}  // namespace citytwin::io
