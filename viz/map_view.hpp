#pragma once
// Where things go on the picture: the map rectangle (world metres to pixels, north up, one
// scale for x and y), the title bar above it and the legend panel to its right.
#include <utility>

namespace citytwin::viz {

struct WorldBox {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    void add(double x, double y);
    bool empty() const { return !(x1 >= x0 && y1 >= y0); }
};

struct MapView {
    int width = 0, height = 0;                       // the picture, even (video encoders need it)
    double map_left = 0, map_top = 0, map_width = 0, map_height = 0;
    double legend_left = 0;
    double scale = 1.0;                              // pixels per metre
    double world_x0 = 0, world_y1 = 0;               // world point at the map's top-left corner

    std::pair<double, double> to_pixel(double x, double y) const {
        return {map_left + (x - world_x0) * scale, map_top + (world_y1 - y) * scale};
    }
};

// A view of `box` (padded) on a picture `width` pixels wide.
MapView make_view(WorldBox box, int width);

inline constexpr double kTitleHeight = 64.0, kLegendWidth = 270.0, kMargin = 24.0;

}  // namespace citytwin::viz
