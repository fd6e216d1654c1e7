#pragma once
// SUMO's departLane, departPos and departSpeed of a vehicle, trip or flow, read into the trip
// (kernels/traffic/traffic_view.hpp codes; how they insert: kernels/traffic/insertion.hpp).
#include "io/sumo/xml_tree.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::io {

// Fails with the element's file:line and the attribute for a value SUMO does not have.
void read_depart(const XmlDocument& doc, const XmlElement& e, sim::TripSpec& t);

}  // namespace citytwin::io
