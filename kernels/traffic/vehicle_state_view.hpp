#pragma once
// Raw pointers into a traffic backend's device state, for other models on the same backend
// that read the vehicles (the air model's emissions). Valid until the next traffic step.
#include <cstdint>

namespace citytwin::kernels {

struct VehicleStateView {
    std::int64_t n_active;
    const std::int32_t* active;      // ids of released, not yet compacted vehicles
    const std::uint8_t* status;      // kRunning for vehicles on the network (traffic_view.hpp)
    const std::int32_t* lane;
    const float* pos;
    const float* speed;              // at the end of the last step
    const float* speed_prev;         // at its start
    const std::int32_t* type;
    const std::int32_t* lane_link;
    const std::int32_t* lane_index;
    const float* link_length;
    const double* link_x0;
    const double* link_y0;
    const double* link_x1;
    const double* link_y1;
    double step_s;
};

}  // namespace citytwin::kernels
