#include "sim/core/link_shapes.hpp"

#include <unordered_map>

namespace citytwin::sim {
namespace {

struct Polyline {
    const std::vector<double>* x = nullptr;
    const std::vector<double>* y = nullptr;
    bool complete = false;  // SUMO shapes hold their end points; a link's bends do not
};

}  // namespace

void add_link_shapes(const NetworkSpec& spec, const RoadNetwork& net, NetworkGeometry& g) {
    std::unordered_map<std::string, Polyline> by_id;
    if (spec.lanes)
        for (const EdgeEntry& e : spec.lanes->edges)
            if (e.shape_x.size() >= 2 && e.shape_x.size() == e.shape_y.size()) by_id[e.id] = {&e.shape_x, &e.shape_y, true};
    for (const LinkSpec& l : spec.links)
        if (!l.shape_x_m.empty() && l.shape_x_m.size() == l.shape_y_m.size()) by_id[l.id] = {&l.shape_x_m, &l.shape_y_m, false};

    g.link_shape_offset.clear();
    g.shape_x_m.clear();
    g.shape_y_m.clear();
    auto point = [&](double x, double y) {
        g.shape_x_m.push_back(x);
        g.shape_y_m.push_back(y);
    };
    for (std::int32_t l = 0; l < net.links(); ++l) {
        g.link_shape_offset.push_back(static_cast<std::int32_t>(g.shape_x_m.size()));
        const auto from = static_cast<std::size_t>(net.link_from[l]), to = static_cast<std::size_t>(net.link_to[l]);
        const auto it = by_id.find(net.link_id[static_cast<std::size_t>(l)]);
        if (it != by_id.end() && it->second.complete) {
            for (std::size_t i = 0; i < it->second.x->size(); ++i) point((*it->second.x)[i], (*it->second.y)[i]);
            continue;
        }
        point(net.node_x[from], net.node_y[from]);
        if (it != by_id.end())
            for (std::size_t i = 0; i < it->second.x->size(); ++i) point((*it->second.x)[i], (*it->second.y)[i]);
        point(net.node_x[to], net.node_y[to]);
    }
    g.link_shape_offset.push_back(static_cast<std::int32_t>(g.shape_x_m.size()));

    // A SUMO net records its own location; other networks say it under network.crs.
    if (spec.lanes && !spec.lanes->projection.empty() && spec.lanes->projection != "!") {
        g.crs = spec.lanes->projection;
        g.crs_offset_x_m = spec.lanes->net_offset_x;
        g.crs_offset_y_m = spec.lanes->net_offset_y;
        g.origin_lon_deg = spec.lanes->origin_lon_deg;
        g.origin_lat_deg = spec.lanes->origin_lat_deg;
    } else if (!spec.georeference.crs.empty() || spec.georeference.has_origin()) {
        g.crs = spec.georeference.crs;
        g.crs_offset_x_m = spec.georeference.offset_x_m;
        g.crs_offset_y_m = spec.georeference.offset_y_m;
        g.origin_lon_deg = spec.georeference.origin_lon_deg;
        g.origin_lat_deg = spec.georeference.origin_lat_deg;
    }
}

}  // namespace citytwin::sim
