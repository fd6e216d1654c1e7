#pragma once
// Landmarks for the per-vehicle route searches (kernels/traffic/route_search.hpp): a few links
// spread over the network, the least costs from and to which (kernels::LandmarkCosts, on the
// costs in force) bound the cost still ahead of a search (ALT: Goldberg & Harrelson 2005).
#include <cstdint>
#include <vector>

#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

// `free_time_s`: each link's free-flow travel time; `routable`: 0 for links no route uses. The
// landmarks are chosen farthest first (each the link whose least free-flow cost from the chosen
// ones is greatest, ties to the lower index), so the choice is the same on every machine.
std::vector<std::int32_t> choose_landmarks(const RoadNetwork& net, const std::vector<float>& free_time_s,
                                const std::vector<std::uint8_t>& routable, std::int32_t count);

// How many landmarks a network of `links` gets (more for larger networks; at most 16).
std::int32_t landmark_count(std::int32_t links);

}  // namespace citytwin::sim
