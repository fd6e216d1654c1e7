#pragma once
// World coordinates of running vehicles for replay: along the link from its start node to its
// end node, offset to the right by the lane's centre line (3.2 m lanes, right-hand traffic).
#include <cstdint>

#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

struct WorldPoint {
    double x, y;
};

// The point `pos` metres along lane `ln` (of a link whose stored length may differ from the
// straight line between its nodes: positions scale to the drawn line).
CT_HD inline WorldPoint lane_world_point(std::int32_t ln, float pos, const std::int32_t* lane_link,
                                         const std::int32_t* lane_index, const float* link_length,
                                         const double* link_x0, const double* link_y0,
                                         const double* link_x1, const double* link_y1) {
    const std::int32_t l = lane_link[ln];
    const double dx = link_x1[l] - link_x0[l], dy = link_y1[l] - link_y0[l];
    const double len = sqrt(dx * dx + dy * dy);
    const double ux = len > 0 ? dx / len : 1.0, uy = len > 0 ? dy / len : 0.0;
    const double f = len * (pos / link_length[l]);
    const double off = 3.2 * (lane_index[ln] + 0.5);
    return WorldPoint{link_x0[l] + ux * f + uy * off, link_y0[l] + uy * f - ux * off};
}

struct VehiclePositions {
    const std::int32_t* vid;          // running vehicles (first part of the sorted order)
    const std::int32_t* lane;
    const float* pos;
    const float* speed;
    const std::int32_t* lane_link;
    const std::int32_t* lane_index;
    const float* link_length;
    const double* link_x0;
    const double* link_y0;
    const double* link_x1;
    const double* link_y1;
    std::int32_t* out_id;
    float* out_x;
    float* out_y;
    float* out_speed;
    std::int32_t* out_link;
    const std::int32_t* type;         // vehicle type index of each trip
    std::int32_t* out_lane;           // lane index within the link, 0 = rightmost
    float* out_heading;               // degrees clockwise from north (+y), along the link
    std::int32_t* out_type;

    CT_HD void operator()(std::int64_t k) const {
        const std::int32_t v = vid[k];
        const std::int32_t ln = lane[v];
        const std::int32_t l = lane_link[ln];
        const WorldPoint w = lane_world_point(ln, pos[v], lane_link, lane_index, link_length, link_x0, link_y0,
                                              link_x1, link_y1);
        out_id[k] = v;
        out_x[k] = static_cast<float>(w.x);
        out_y[k] = static_cast<float>(w.y);
        out_speed[k] = speed[v];
        out_link[k] = l;
        out_lane[k] = lane_index[ln];
        // Compass bearing of the link's direction: atan2(east, north), folded into [0, 360).
        const double h = atan2(link_x1[l] - link_x0[l], link_y1[l] - link_y0[l]) * (180.0 / 3.14159265358979323846);
        out_heading[k] = static_cast<float>(h < 0 ? h + 360.0 : h);
        out_type[k] = type[v];
    }
};

CT_KERNELS_END
