#pragma once
// Where a network's metres are on the Earth: the projected coordinate system its x, y are in
// (a PROJ string), the offset SUMO adds to projected coordinates, and the longitude and latitude
// of the point x = 0, y = 0. Synthetic networks have none (crs empty, origin NaN).
#include <cmath>
#include <limits>
#include <string>

namespace citytwin::sim {

struct Georeference {
    std::string crs;                 // PROJ definition of x, y (before offset); empty: none
    double offset_x_m = 0.0, offset_y_m = 0.0;   // x = projected x + offset_x (SUMO's netOffset)
    double origin_lon_deg = std::numeric_limits<double>::quiet_NaN();
    double origin_lat_deg = std::numeric_limits<double>::quiet_NaN();

    bool has_origin() const { return std::isfinite(origin_lon_deg) && std::isfinite(origin_lat_deg); }
};

}  // namespace citytwin::sim
