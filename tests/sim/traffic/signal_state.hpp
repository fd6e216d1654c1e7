#pragma once
// The signal state of a connection at time t, computed on the host from the plan tables
// independently of the kernel, for checks against the simulation.
#include <cmath>
#include <cstdint>

#include "sim/traffic/road_network.hpp"

namespace citytwin::test {

inline std::uint8_t signal_state_at(const sim::RoadNetwork& n, std::int32_t conn, double t) {
    const std::int32_t p = n.conn_plan[conn];
    if (p < 0) return n.conn_static_state[conn];
    double tc = std::fmod(t - n.plan_offset[p], n.plan_cycle[p]);
    if (tc < 0) tc += n.plan_cycle[p];
    std::int32_t k = n.plan_phase_begin[p];
    while (k + 1 < n.plan_phase_begin[p + 1] && tc >= n.phase_duration[k]) tc -= n.phase_duration[k++];
    return n.phase_state[n.phase_state_begin[k] + n.conn_plan_slot[conn]];
}

}  // namespace citytwin::test
