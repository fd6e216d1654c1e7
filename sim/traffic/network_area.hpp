#pragma once
// Links inside a polygon (an intervention's area: a speed-limit zone, a low-emission zone). A
// link belongs to the area when its midpoint does, so a street along the boundary is in or out
// as a whole and a zone is never entered or left in the middle of a link.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

// Even-odd rule; a point on an edge counts as inside on the lower and left edges only.
bool point_in_polygon(double x, double y, const std::vector<std::pair<double, double>>& polygon);

std::vector<std::int32_t> links_in_area(const RoadNetwork& net, const std::vector<std::pair<double, double>>& polygon);

}  // namespace citytwin::sim
