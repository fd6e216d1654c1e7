#pragma once
// The stops on vehicles' routes on a device (buses at their stops): the trip table's stop lists,
// uploaded once, and each vehicle's progress along them. Part of the per-backend translation
// unit (included by sim/traffic/traffic_device.cpp only).
#include <algorithm>
#include <vector>

#include "kernels/traffic/traffic_view.hpp"
#include "sim/traffic/device_network.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

struct DeviceStops {
    explicit DeviceStops(const TripTable& tr) {
        const std::size_t n = static_cast<std::size_t>(tr.size());
        std::vector<std::int32_t> begin = tr.stop_begin;
        if (begin.empty()) begin.assign(n + 1, 0);  // every trip owns an empty range
        stop_begin = up(begin);
        next_stop = up(std::vector<std::int32_t>(begin.begin(), begin.end() - 1));
        dwell_left = dvec<float>(std::max<std::size_t>(n, 1), -1.0f);
        // Device vectors are never empty, so every pointer handed to a kernel is valid.
        auto at_least_one = [](auto v, auto fill_value) {
            if (v.empty()) v.push_back(fill_value);
            return v;
        };
        stop_link = up(at_least_one(tr.stop_link, -1));
        stop_pos = up(at_least_one(tr.stop_pos, 0.0f));
        stop_duration = up(at_least_one(tr.stop_duration, 0.0f));
        stop_until = up(at_least_one(tr.stop_until, -1.0));
    }

    kernels::StopView view() {
        using citytwin::CITYTWIN_BACKEND_NS::raw;
        return kernels::StopView{raw(stop_begin), raw(stop_link), raw(stop_pos), raw(stop_duration), raw(stop_until),
                                 raw(next_stop), raw(dwell_left)};
    }

    dvec<std::int32_t> stop_begin, stop_link, next_stop;
    dvec<float> stop_pos, stop_duration, dwell_left;
    dvec<double> stop_until;
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
