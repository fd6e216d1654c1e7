#pragma once
// Everything the traffic state is built from: the compiled network, vehicle types as kernel
// parameters, and the trips resolved to link indices and sorted by departure.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/scenario.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct VehicleTypeParams {
    std::vector<std::string> id;
    std::vector<float> length, min_gap, accel, decel, emergency_decel, headway, delta, max_speed;
    std::int32_t size() const { return static_cast<std::int32_t>(id.size()); }
};

// Trips in departure order; trip i is vehicle i on the device and row i of the trips table.
struct TripTable {
    std::vector<double> depart;
    std::vector<std::int32_t> origin, dest;     // link indices; dest -1: circulates
    std::vector<std::int32_t> dest_index;       // row of the next-hop table (-1 when dest < 0)
    std::vector<std::int32_t> type;
    std::vector<float> speed_factor;
    // Optional start state (tests, restarts): lane >= 0 places the vehicle running at t = 0.
    std::vector<std::int32_t> initial_lane;
    std::vector<float> initial_pos, initial_speed;
    std::int32_t size() const { return static_cast<std::int32_t>(depart.size()); }
};

struct TrafficSetup {
    RoadNetwork net;
    VehicleTypeParams types;
    TripTable trips;
    std::vector<std::int32_t> dest_links;       // distinct destination links, by dest_index
    std::vector<std::int32_t> unroutable;       // trips with no path (never inserted)
    TrafficSettings settings;
    std::uint64_t seed = 1;
};

VehicleTypeParams make_type_params(const std::vector<VehicleTypeSpec>& types);

// Sorts trips by departure (stable), draws each vehicle's speed factor from its type's
// distribution with the counter-based generator, and collects the destination set.
TripTable make_trip_table(const RoadNetwork& net, const std::vector<VehicleTypeSpec>& types,
                          std::vector<TripSpec> trips, std::uint64_t seed,
                          std::vector<std::int32_t>& dest_links);

// Trips whose destination cannot be reached from their origin on the open network.
std::vector<std::int32_t> find_unroutable(const RoadNetwork& net, const TripTable& trips);

}  // namespace citytwin::sim
