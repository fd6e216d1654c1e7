#pragma once
// SUMO's .net.xml (versions 1.x) and the parts of additional files that belong to the network
// (tlLogic programs, bus stops) -> sim::LaneNetworkSpec.
#include <string>
#include <vector>

#include "io/sumo/sumo_notes.hpp"
#include "sim/core/lane_network.hpp"

namespace citytwin::io {

// Throws ScenarioError (file:line, element, attribute, what was expected).
sim::LaneNetworkSpec read_sumo_net(const std::string& net_file, const std::vector<std::string>& additional_files,
                                   SumoNotes& notes);

// Road vehicle classes of a SUMO allow/disallow pair (both may be absent), as sim::LaneClass bits.
std::uint8_t sumo_lane_classes(const std::string* allow, const std::string* disallow);
// The sim::LaneClass bit of a SUMO vClass ("passenger", "bus", ...); 0 for non-road classes.
std::uint8_t sumo_vclass_bit(const std::string& vclass);

}  // namespace citytwin::io
