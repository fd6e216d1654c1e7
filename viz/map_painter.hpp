#pragma once
// Drawing the layers onto the map with cairo: the air field as cells, the links as polylines
// offset to the right of their direction (so both directions of a street show), the feeder
// buses and branches, and the vehicles as dots.
#include <cairo.h>

#include <vector>

#include "io/output/replay_file.hpp"
#include "viz/colour_maps.hpp"
#include "viz/map_view.hpp"

namespace citytwin::viz {

void draw_air(cairo_t* cr, const MapView& v, const io::ReplayAirGrid& grid, const std::vector<double>& values,
              const ColourScale& scale);
// `values` empty: the plain network, in grey (darker over an air field).
void draw_links(cairo_t* cr, const MapView& v, const io::ReplayNetwork& net, const std::vector<double>& values,
                const ColourScale& scale, bool over_field);
// Bus positions must be known (see bus_positions in render_map.cpp).
void draw_buses(cairo_t* cr, const MapView& v, const io::ReplayBuses& buses, const std::vector<double>& values,
                const ColourScale& scale);
void draw_vehicles(cairo_t* cr, const MapView& v, const io::ReplayVehicles& vehicles, const std::vector<Rgb>& colours);

// The on-screen offset of link polylines to the right of their direction, pixels.
inline constexpr double kLinkOffsetPx = 3.0;

}  // namespace citytwin::viz
