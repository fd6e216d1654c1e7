#pragma once
// The run file's picture of the network: every link's polyline as its source has it (a SUMO
// lane's shape, an OpenStreetMap way's bends, straight for generated grids) and the network's
// georeference, added to the geometry the engine reports.
#include "sim/core/run_records.hpp"
#include "sim/core/scenario.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

// Fills link_shape_offset, shape_x_m, shape_y_m (one polyline per link of `net`, in its order)
// and the georeference fields of `g`.
void add_link_shapes(const NetworkSpec& spec, const RoadNetwork& net, NetworkGeometry& g);

}  // namespace citytwin::sim
