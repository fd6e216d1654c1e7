#pragma once
// Routes for SUMO trips with `via` edges: the fastest path at free flow from the origin through
// each via edge in turn to the destination, as SUMO's router gives a trip at insertion when no
// edge weights are loaded (each edge's length over its speed, and each junction's internal lane).
#include <cstdint>
#include <vector>

#include "sim/core/lane_network.hpp"

namespace citytwin::io {

// Edges of the network's lanes and connections that vehicles of class `cls` (LaneClass bits)
// may use, searched once and queried per trip.
class ViaRouter {
public:
    ViaRouter(const sim::LaneNetworkSpec& net, std::uint8_t cls);
    // Edge indices from stops.front() through each of stops in order to stops.back(), every
    // stop edge once in its turn; empty when some leg has no path.
    std::vector<std::int32_t> route(const std::vector<std::int32_t>& stops) const;

private:
    // The fastest path from edge `from` to edge `to`, both included; empty when none.
    std::vector<std::int32_t> leg(std::int32_t from, std::int32_t to) const;

    std::vector<double> edge_time_;                    // s, at free flow
    std::vector<std::int32_t> out_begin_, out_edge_;   // successors, grouped by edge
    std::vector<double> out_time_;                     // s through the junction into out_edge_
};

}  // namespace citytwin::io
