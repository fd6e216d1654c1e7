#pragma once
// What the traffic state reports, copied down from the device: the link series of an output
// interval, the frame of running vehicles, and the rows of finished (or, at the end, every
// unreported) trip. Part of the per-backend translation unit (included by
// sim/traffic/traffic_device.cpp only).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <thrust/copy.h>

#include "kernels/traffic/positions.hpp"
#include "kernels/traffic/traffic_view.hpp"
#include "sim/core/device_state.hpp"
#include "sim/core/run_records.hpp"
#include "sim/traffic/device_network.hpp"

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

namespace k = citytwin::kernels;
using citytwin::CITYTWIN_BACKEND_NS::dvec;
using citytwin::CITYTWIN_BACKEND_NS::fill;
using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
using citytwin::CITYTWIN_BACKEND_NS::raw;

struct IsRunning {
    const std::uint8_t* status;
    CT_HD bool operator()(std::int32_t v) const { return status[v] == k::kRunning; }
};

// The per-lane and per-link sums of an output interval, reset once reported.
struct LinkStats {
    dvec<unsigned long long>& lane_veh_steps;
    dvec<unsigned long long>& lane_speed_mm;
    dvec<unsigned long long>& link_entered;
    dvec<unsigned long long>& link_left;
    dvec<unsigned long long>& link_tt_ms;
};

void link_series_frame(const LinkStats& st, const DeviceNetwork& net, std::int32_t n_lanes, std::int32_t n_links, double step_s,
                       double t, double interval_s, LinkSeriesFrame& f) {
    const auto steps = down(st.lane_veh_steps, n_lanes);
    const auto mm = down(st.lane_speed_mm, n_lanes);
    const auto entered = down(st.link_entered, n_links);
    const auto left = down(st.link_left, n_links);
    const auto tt = down(st.link_tt_ms, n_links);
    const std::vector<std::int32_t>& first = net.link_first_lane_h;
    const std::vector<std::int32_t>& lanes = net.link_lanes_h;
    f.time_s = t;
    f.entered.assign(n_links, 0);
    f.left.assign(n_links, 0);
    f.mean_speed_mps.assign(n_links, NAN);
    f.density_veh_per_km.assign(n_links, 0.0f);
    f.mean_travel_time_s.assign(n_links, NAN);
    const double steps_in_interval = interval_s / step_s;
    for (std::int32_t l = 0; l < n_links; ++l) {
        unsigned long long n = 0, s = 0;
        for (std::int32_t i = 0; i < lanes[l]; ++i) {
            n += steps[first[l] + i];
            s += mm[first[l] + i];
        }
        f.entered[l] = static_cast<std::int32_t>(entered[l]);
        f.left[l] = static_cast<std::int32_t>(left[l]);
        if (n > 0) f.mean_speed_mps[l] = static_cast<float>(static_cast<double>(s) / 1000.0 / static_cast<double>(n));
        f.density_veh_per_km[l] = static_cast<float>(static_cast<double>(n) / steps_in_interval / (net.link_length_h[l] / 1000.0));
        if (left[l] > 0) f.mean_travel_time_s[l] = static_cast<float>(static_cast<double>(tt[l]) / 1000.0 / static_cast<double>(left[l]));
    }
    for (auto* v : {&st.lane_veh_steps, &st.lane_speed_mm, &st.link_entered, &st.link_left, &st.link_tt_ms})
        fill("traffic.reset_link_stats", *v, 0ull);
}

void running_vehicle_frame(const DeviceNetwork& net, const dvec<std::int32_t>& active, std::int64_t n_active,
                           const dvec<std::uint8_t>& status_d, const dvec<std::int32_t>& lane_d, const dvec<float>& pos,
                           const dvec<float>& speed, const dvec<std::int32_t>& type_d, double t, VehicleFrame& f) {
    f.time_s = t;
    dvec<std::int32_t> running(std::max<std::int64_t>(n_active, 1));
    const auto end = thrust::copy_if(thrust::device, active.begin(), active.begin() + n_active, running.begin(),
                                     IsRunning{raw(status_d)});
    const std::int64_t n = end - running.begin();
    dvec<std::int32_t> id(std::max<std::int64_t>(n, 1)), link(std::max<std::int64_t>(n, 1));
    dvec<float> x(std::max<std::int64_t>(n, 1)), y(std::max<std::int64_t>(n, 1)), v(std::max<std::int64_t>(n, 1));
    dvec<std::int32_t> lane(std::max<std::int64_t>(n, 1)), type(std::max<std::int64_t>(n, 1));
    dvec<float> heading(std::max<std::int64_t>(n, 1));
    parallel_for("traffic.positions", n,
                 k::VehiclePositions{raw(running), raw(lane_d), raw(pos), raw(speed), raw(net.lane_link),
                                     raw(net.lane_index), raw(net.link_length), raw(net.link_x0), raw(net.link_y0),
                                     raw(net.link_x1), raw(net.link_y1), raw(id), raw(x), raw(y), raw(v), raw(link),
                                     raw(type_d), raw(lane), raw(heading), raw(type)});
    f.id = down(id, n);
    f.x_m = down(x, n);
    f.y_m = down(y, n);
    f.speed_mps = down(v, n);
    f.link = down(link, n);
    f.lane = down(lane, n);
    f.heading_deg = down(heading, n);
    f.type = down(type, n);
}

// The per-trip records the rows are made of.
struct TripRecords {
    const dvec<std::uint8_t>& status;
    const dvec<double>& insert_time;
    const dvec<double>& arrival_time;
    const dvec<double>& route_length;
    const dvec<double>& time_loss;
    const dvec<std::int32_t>& origin;
    const dvec<std::int32_t>& dest;
    const dvec<std::int32_t>& type;
};

// Rows of the trips not reported yet: with `arrived_only` those that are over (arrived, removed,
// cancelled), else all, still waiting ones with their delay up to t_end. Marks them reported.
std::vector<TripRow> trip_rows(const TripRecords& rec, const std::vector<double>& depart, std::size_t n_released,
                               std::vector<std::uint8_t>& reported, bool arrived_only, double t_end) {
    const auto status = down(rec.status, reported.size());
    const auto insert = down(rec.insert_time, reported.size());
    const auto arrival = down(rec.arrival_time, reported.size());
    const auto length = down(rec.route_length, reported.size());
    const auto loss = down(rec.time_loss, reported.size());
    const auto origin = down(rec.origin, reported.size());
    const auto dest = down(rec.dest, reported.size());
    const auto type = down(rec.type, reported.size());
    std::vector<TripRow> rows;
    for (std::size_t i = 0; i < reported.size(); ++i) {
        if (reported[i]) continue;
        if (arrived_only && status[i] != k::kArrived && status[i] != k::kRemoved && status[i] != k::kCancelled) continue;
        reported[i] = 1;
        TripRow r;
        r.id = static_cast<std::int32_t>(i);
        r.type = type[i];
        r.origin_link = origin[i];
        r.destination_link = dest[i];
        r.depart_s = depart[i];
        r.insert_s = insert[i];
        r.arrival_s = arrival[i];
        r.route_length_m = static_cast<float>(length[i]);
        r.time_loss_s = static_cast<float>(loss[i]);
        switch (status[i]) {
            case k::kArrived: r.status = TripStatus::Arrived; break;
            case k::kRunning: r.status = TripStatus::Running; break;
            case k::kUnroutable: r.status = TripStatus::Unroutable; break;
            case k::kRemoved: r.status = TripStatus::Removed; break;
            case k::kCancelled: r.status = TripStatus::Cancelled; break;
            default: r.status = i < n_released ? TripStatus::Waiting : TripStatus::Pending; break;
        }
        if (r.insert_s >= 0) r.depart_delay_s = static_cast<float>(r.insert_s - r.depart_s);
        else if (r.status == TripStatus::Waiting) r.depart_delay_s = static_cast<float>(t_end - r.depart_s);
        rows.push_back(r);
    }
    return rows;
}

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
