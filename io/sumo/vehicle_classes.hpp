#pragma once
// SUMO's vehicle classes (vClass) as citytwin's lane classes, and their default parameters.
#include <cstdint>
#include <string>

#include "sim/core/scenario.hpp"

namespace citytwin::io {

// Road vehicle classes of a SUMO allow/disallow pair (both may be absent), as sim::LaneClass bits.
std::uint8_t sumo_lane_classes(const std::string* allow, const std::string* disallow);
// The sim::LaneClass bit of a SUMO vClass ("passenger", "bus", ...); 0 for non-road classes.
std::uint8_t sumo_vclass_bit(const std::string& vclass);
// SUMO's defaults for a vehicle class; passenger for anything unknown.
sim::VehicleTypeSpec sumo_class_defaults(const std::string& vclass);

}  // namespace citytwin::io
