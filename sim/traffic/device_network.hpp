#pragma once
// The road network on a device: the compiled network's arrays, uploaded once, and the signal
// state of every connection, rewritten each step. Part of the per-backend translation unit
// (included by sim/traffic/traffic_device.cpp only).
#include <algorithm>
#include <vector>

#include <thrust/copy.h>

#include "kernels/backend.hpp"
#include "sim/traffic/road_network.hpp"
#include "sim/traffic/signal_interventions.hpp"

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

using citytwin::CITYTWIN_BACKEND_NS::dvec;

template <class T>
dvec<T> up(const std::vector<T>& v) {
    return dvec<T>(v.begin(), v.end());
}
template <class T>
std::vector<T> down(const dvec<T>& v, std::size_t n) {
    std::vector<T> h(n);
    if (n) thrust::copy(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n), h.begin());
    return h;
}
inline std::vector<float> to_float(const std::vector<double>& v) { return {v.begin(), v.end()}; }

struct DeviceNetwork {
    // `phases`: every phase a plan may run (the network's, then the interventions' new plans).
    DeviceNetwork(const RoadNetwork& n, const SignalPhases& phases) {
        lane_link = up(n.lane_link);
        lane_index = up(n.lane_index);
        lane_conn_begin = up(n.lane_conn_begin);
        {
            std::vector<std::int32_t> begin(n.lanes() + 1, 0), conns(n.connections());
            for (std::int32_t c = 0; c < n.connections(); ++c) begin[n.conn_to_lane[c] + 1]++;
            for (std::int32_t l = 0; l < n.lanes(); ++l) begin[l + 1] += begin[l];
            std::vector<std::int32_t> fill = begin;
            for (std::int32_t c = 0; c < n.connections(); ++c) conns[fill[n.conn_to_lane[c]]++] = c;
            lane_in_begin = up(begin);
            in_conn = up(conns);
        }
        link_first_lane = up(n.link_first_lane);
        link_lanes = up(n.link_lanes);
        {
            // Dynamic routes are for cars: a link no car may use (a bus-only street) is not
            // routed over; fixed routes take it through their overlays.
            std::vector<std::uint8_t> allow = n.lane_allow, car(n.links(), 1);
            allow.resize(n.lanes(), kClassAllRoad);
            for (std::int32_t l = 0; l < n.links(); ++l) {
                std::uint8_t any = 0;
                for (std::int32_t i = 0; i < n.link_lanes[l]; ++i) any |= allow[n.link_first_lane[l] + i];
                car[l] = (any & kClassCar) ? 1 : 0;
            }
            lane_allow = up(allow);
            link_car = up(car);
        }
        link_length_h = n.link_length;
        link_first_lane_h = n.link_first_lane;
        link_lanes_h = n.link_lanes;
        link_length = up(to_float(n.link_length));
        link_speed = up(to_float(n.link_speed));
        link_closed = up(n.link_closed);
        conn_from_lane = up(n.conn_from_lane);
        conn_to_lane = up(n.conn_to_lane);
        conn_to_link = up(n.conn_to_link);
        conn_speed = up(n.conn_speed);
        conn_via_length = up(n.conn_via_length);
        conn_via_after_wait = up(n.conn_via_after_wait);
        conn_keep_clear = up(n.conn_keep_clear);
        conn_cross_begin = up(n.conn_cross_begin);
        cross_conn = up(n.cross_conn);
        conn_foe_begin = up(n.conn_foe_begin);
        foe_conn = up(n.foe_conn);
        foe_always = up(n.foe_always);
        link_succ_begin = up(n.link_succ_begin);
        succ_link = up(n.succ_link);
        succ_lane_mask = up(n.succ_lane_mask);
        conn_state.resize(std::max<std::int32_t>(n.connections(), 1));
        conn_plan = up(n.conn_plan);
        conn_plan_slot = up(n.conn_plan_slot);
        conn_static_state = up(n.conn_static_state);
        plan_offset = up(n.plan_offset);
        plan_cycle = up(n.plan_cycle);
        {
            std::vector<std::int32_t> begin(n.plans()), end(n.plans());
            for (std::int32_t p = 0; p < n.plans(); ++p) begin[p] = n.plan_phase_begin[p], end[p] = n.plan_phase_begin[p + 1];
            plan_phase_begin = up(begin);
            plan_phase_end = up(end);
        }
        phase_duration = up(phases.duration.empty() ? n.phase_duration : phases.duration);
        phase_state_begin = up(phases.duration.empty() ? n.phase_state_begin : phases.state_begin);
        phase_state = up(phases.duration.empty() ? n.phase_state : phases.state);
        pred_begin = up(n.link_pred_begin);
        pred_link = up(n.pred_link);
        pred_open = dvec<std::uint8_t>(std::max<std::size_t>(n.pred_link.size(), 1), 1);
        {
            std::vector<double> x0(n.links()), y0(n.links()), x1(n.links()), y1(n.links());
            for (std::int32_t l = 0; l < n.links(); ++l) {
                x0[l] = n.node_x[n.link_from[l]];
                y0[l] = n.node_y[n.link_from[l]];
                x1[l] = n.node_x[n.link_to[l]];
                y1[l] = n.node_y[n.link_to[l]];
            }
            link_x0 = up(x0); link_y0 = up(y0); link_x1 = up(x1); link_y1 = up(y1);
        }
    }

    dvec<std::int32_t> lane_link, lane_index, lane_conn_begin, lane_in_begin, in_conn;
    dvec<std::int32_t> link_first_lane, link_lanes;
    dvec<std::uint8_t> lane_allow, link_car;
    // Host copies of what output frames need, so a frame reads no static data back.
    std::vector<double> link_length_h;
    std::vector<std::int32_t> link_first_lane_h, link_lanes_h;
    dvec<float> link_length, link_speed;
    dvec<std::uint8_t> link_closed;
    dvec<std::int32_t> conn_from_lane, conn_to_lane, conn_to_link;
    dvec<float> conn_speed, conn_via_length, conn_via_after_wait;
    dvec<std::uint8_t> conn_keep_clear;
    dvec<std::int32_t> conn_cross_begin, cross_conn;
    dvec<std::int32_t> conn_foe_begin, foe_conn;
    dvec<std::uint8_t> foe_always;
    dvec<std::int32_t> link_succ_begin, succ_link;
    dvec<std::uint32_t> succ_lane_mask;
    dvec<std::uint8_t> conn_state;
    dvec<std::int32_t> conn_plan, conn_plan_slot;
    dvec<std::uint8_t> conn_static_state;
    dvec<double> plan_offset, plan_cycle;
    dvec<std::int32_t> plan_phase_begin, plan_phase_end;   // per plan: the phases it runs now
    dvec<double> phase_duration;
    dvec<std::int32_t> phase_state_begin;
    dvec<std::uint8_t> phase_state;
    dvec<std::int32_t> pred_begin, pred_link;
    dvec<std::uint8_t> pred_open;     // movements open to cars (lane interventions close some)
    dvec<double> link_x0, link_y0, link_x1, link_y1;
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
