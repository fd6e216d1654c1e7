#pragma once
// SUMO's .net.xml (versions 1.x) and the parts of additional files that belong to the network
// (tlLogic programs, bus stops) -> sim::LaneNetworkSpec.
#include <string>
#include <vector>

#include "io/sumo/sumo_notes.hpp"
#include "io/sumo/vehicle_classes.hpp"
#include "sim/core/lane_network.hpp"

namespace citytwin::io {

// Throws ScenarioError (file:line, element, attribute, what was expected).
sim::LaneNetworkSpec read_sumo_net(const std::string& net_file, const std::vector<std::string>& additional_files,
                                   SumoNotes& notes);

}  // namespace citytwin::io
