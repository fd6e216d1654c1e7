#pragma once
// The benchmark's cases: a generated signalised grid and a trip table with every vehicle
// already running at t = 0, so the measured window sees the full load from its first step.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::bench {

struct GridCase {
    std::string name;
    int grid = 0;               // rows = cols
    double spacing_m = 0.0;
    int lanes = 2;              // per direction
    std::int64_t vehicles = 0;
    int warmup_steps = 0;
    int steps = 0;              // measured window
};

// 1k, 10k (the headline: 20 × 20, 200 m, 2 lanes, 50 km/h, signals), 100k, 1M.
const std::vector<GridCase>& grid_cases();

// Smallest gap between consecutive vehicles placed on one lane (front to front).
inline constexpr double kMinPlacementGap_m = 10.0;
// Destinations are drawn from at most this many links: next-hop tables are
// destinations × links × 4 bytes, so this keeps 1M-vehicle grids at ~250 MB of routing.
inline constexpr std::int32_t kMaxDestinations = 1024;

// How vehicle ids map to places: interleaved (vehicle i on lane i mod lanes, so neighbours on a
// lane are `lanes` ids apart, as in a real trip table where ids follow departure times), or in
// the (lane, position) order the step sorts by, so the per-vehicle arrays are read almost in
// sequence until vehicles cross into other lanes.
enum class IdOrder { kInterleaved, kSorted };

// Builds the network and trips of a case, deterministic in `seed` (Philox, keyed by trip).
// Throws std::runtime_error if the grid cannot hold the vehicles kMinPlacementGap_m apart.
sim::TrafficSetup make_grid_setup(const GridCase& c, std::uint64_t seed, IdOrder ids = IdOrder::kInterleaved);

}  // namespace citytwin::bench
