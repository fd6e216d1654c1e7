#pragma once
// What a checkpoint keeps of a run's static traffic inputs: fingerprints of the network and
// of the trip table (a resume refuses a run whose inputs differ), and the trip table itself, so
// a fork that changes later departures runs the checkpoint's released trips unchanged followed
// by the new scenario's later ones.
#include <cstddef>
#include <cstdint>

#include "sim/core/state_archive.hpp"
#include "sim/traffic/road_network.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {

// Topology, geometry, lanes, connections, right of way and signal plans; not the closures,
// which are run state.
std::uint64_t network_fingerprint(const RoadNetwork& net);
// Departures, origins, destinations, types, speed factors and stops of every trip.
std::uint64_t trip_table_fingerprint(const TripTable& trips);

void save_trip_table(StateWriter& w, const TripTable& trips);
TripTable load_trip_table(const StateReader& r);

// The fork's trip table: trips [0, kept) of `before` (released before the fork), then the
// trips of `after` that depart after `released_until_s`. Destinations are indexed anew and the
// unroutable trips found again. Throws std::invalid_argument where either has fixed routes.
TrafficSetup splice_trips(const TripTable& before, std::size_t kept, double released_until_s, TrafficSetup after);

}  // namespace citytwin::sim
