#pragma once
// What makes a map readable: the title and clock time above it, a colour bar with units per
// coloured layer in the panel to its right, and a scale bar in its lower-left corner.
#include <cairo.h>

#include <string>
#include <utility>
#include <vector>

#include "viz/colour_maps.hpp"
#include "viz/map_view.hpp"

namespace citytwin::viz {

void draw_title(cairo_t* cr, const MapView& v, const std::string& title, const std::string& subtitle,
                const std::string& clock);
// The legend entry at `top` (pixels), returning where the next one starts.
double draw_colour_bar(cairo_t* cr, const MapView& v, double top, const std::string& label, const ColourScale& scale,
                       bool no_data_swatch);
// A legend entry of named colours (vehicle types), one swatch per line.
double draw_categories(cairo_t* cr, const MapView& v, double top, const std::string& label,
                       const std::vector<std::pair<std::string, Rgb>>& entries);
void draw_scale_bar(cairo_t* cr, const MapView& v);
void draw_map_frame(cairo_t* cr, const MapView& v);

// A tick label with as many decimals as ticks `step` apart need: "0.950", "41.3", "1250".
std::string tick_text(double value, double step);

}  // namespace citytwin::viz
