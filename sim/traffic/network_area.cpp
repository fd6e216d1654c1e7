#include "sim/traffic/network_area.hpp"

namespace citytwin::sim {

bool point_in_polygon(double x, double y, const std::vector<std::pair<double, double>>& polygon) {
    bool inside = false;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const auto [xi, yi] = polygon[i];
        const auto [xj, yj] = polygon[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
}

std::vector<std::int32_t> links_in_area(const RoadNetwork& net, const std::vector<std::pair<double, double>>& polygon) {
    std::vector<std::int32_t> out;
    for (std::int32_t l = 0; l < net.links(); ++l) {
        const double x = 0.5 * (net.node_x[net.link_from[l]] + net.node_x[net.link_to[l]]);
        const double y = 0.5 * (net.node_y[net.link_from[l]] + net.node_y[net.link_to[l]]);
        if (point_in_polygon(x, y, polygon)) out.push_back(l);
    }
    return out;
}

}  // namespace citytwin::sim
