#include "viz/map_view.hpp"

#include <algorithm>
#include <cmath>

namespace citytwin::viz {

void WorldBox::add(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x);
    y1 = std::max(y1, y);
}

MapView make_view(WorldBox box, int width) {
    if (box.empty()) box = {0, 0, 1, 1};
    // At least 10 m across, padded by 4 % so links on the edge are not cut.
    const double cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
    const double w = std::max(10.0, box.x1 - box.x0) * 1.08, h = std::max(10.0, box.y1 - box.y0) * 1.08;
    MapView v;
    v.width = width + (width % 2);
    v.map_left = kMargin;
    v.map_top = kTitleHeight;
    v.map_width = v.width - kLegendWidth - 2 * kMargin;
    v.scale = v.map_width / w;
    // Tall networks are fitted into a height of at most 1.5 widths.
    v.map_height = h * v.scale;
    if (v.map_height > 1.5 * v.map_width) {
        v.map_height = 1.5 * v.map_width;
        v.scale = v.map_height / h;
    }
    v.map_height = std::max(v.map_height, 360.0);
    const auto height = static_cast<int>(std::ceil(v.map_top + v.map_height + kMargin));
    v.height = height + (height % 2);
    v.legend_left = v.map_left + v.map_width + kMargin;
    // Centre the world in the map rectangle.
    v.world_x0 = cx - v.map_width / v.scale / 2;
    v.world_y1 = cy + v.map_height / v.scale / 2;
    return v;
}

}  // namespace citytwin::viz
