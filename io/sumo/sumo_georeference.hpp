#pragma once
// The longitude and latitude of a SUMO network's x = 0, y = 0, from its <location>: SUMO's x, y
// are the projected coordinates (projParameter) plus netOffset.
#include "sim/core/lane_network.hpp"

namespace citytwin::io {

// Sets origin_lon_deg and origin_lat_deg when the network is projected ("!" or empty: it is
// not) and PROJ can invert its projection; leaves them NaN otherwise.
void locate_sumo_origin(sim::LaneNetworkSpec& net);

}  // namespace citytwin::io
