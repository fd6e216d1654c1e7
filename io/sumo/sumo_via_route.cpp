#include "io/sumo/sumo_via_route.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace citytwin::io {

ViaRouter::ViaRouter(const sim::LaneNetworkSpec& net, std::uint8_t cls) {
    const std::size_t n = net.edges.size();
    edge_time_.assign(n, std::numeric_limits<double>::infinity());
    for (std::size_t e = 0; e < n; ++e)
        for (const sim::LaneEntry& l : net.edges[e].lanes)
            if ((l.allow & cls) && l.speed_mps > 0.0) edge_time_[e] = std::min(edge_time_[e], l.length_m / l.speed_mps);
    // The quickest connection of each edge pair that the class may take.
    std::vector<std::vector<std::pair<std::int32_t, double>>> out(n);
    for (const sim::ConnectionEntry& c : net.connections) {
        const auto& from = net.edges[static_cast<std::size_t>(c.from_edge)];
        const auto& to = net.edges[static_cast<std::size_t>(c.to_edge)];
        if (c.from_lane >= static_cast<std::int32_t>(from.lanes.size()) || c.to_lane >= static_cast<std::int32_t>(to.lanes.size()))
            continue;
        if (!(from.lanes[static_cast<std::size_t>(c.from_lane)].allow & cls) || !(to.lanes[static_cast<std::size_t>(c.to_lane)].allow & cls))
            continue;
        const double speed = c.via_speed_mps > 0.0 ? c.via_speed_mps : to.lanes[static_cast<std::size_t>(c.to_lane)].speed_mps;
        const double t = c.via_length_m > 0.0 && speed > 0.0 ? c.via_length_m / speed : 0.0;
        auto& row = out[static_cast<std::size_t>(c.from_edge)];
        const auto it = std::find_if(row.begin(), row.end(), [&](const auto& p) { return p.first == c.to_edge; });
        if (it == row.end()) row.emplace_back(c.to_edge, t);
        else it->second = std::min(it->second, t);
    }
    out_begin_.push_back(0);
    for (auto& row : out) {
        std::sort(row.begin(), row.end());   // ties resolved the same way on every machine
        for (const auto& [e, t] : row) out_edge_.push_back(e), out_time_.push_back(t);
        out_begin_.push_back(static_cast<std::int32_t>(out_edge_.size()));
    }
}

std::vector<std::int32_t> ViaRouter::leg(std::int32_t from, std::int32_t to) const {
    if (from == to) return {from};
    const std::size_t n = edge_time_.size();
    // Cost of an edge: reaching its start; the origin's own time is the same on every path.
    std::vector<double> cost(n, std::numeric_limits<double>::infinity());
    std::vector<std::int32_t> prev(n, -1);
    using Item = std::pair<double, std::int32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    cost[static_cast<std::size_t>(from)] = 0.0;
    heap.emplace(0.0, from);
    while (!heap.empty()) {
        const auto [c, e] = heap.top();
        heap.pop();
        if (c > cost[static_cast<std::size_t>(e)]) continue;
        if (e == to) break;
        const double leave = c + edge_time_[static_cast<std::size_t>(e)];
        for (std::int32_t k = out_begin_[static_cast<std::size_t>(e)]; k < out_begin_[static_cast<std::size_t>(e) + 1]; ++k) {
            const std::int32_t f = out_edge_[static_cast<std::size_t>(k)];
            const double cf = leave + out_time_[static_cast<std::size_t>(k)];
            if (cf < cost[static_cast<std::size_t>(f)] && edge_time_[static_cast<std::size_t>(f)] < std::numeric_limits<double>::infinity()) {
                cost[static_cast<std::size_t>(f)] = cf;
                prev[static_cast<std::size_t>(f)] = e;
                heap.emplace(cf, f);
            }
        }
    }
    if (prev[static_cast<std::size_t>(to)] < 0) return {};
    std::vector<std::int32_t> path;
    for (std::int32_t e = to; e != from; e = prev[static_cast<std::size_t>(e)]) path.push_back(e);
    path.push_back(from);
    std::reverse(path.begin(), path.end());
    return path;
}

std::vector<std::int32_t> ViaRouter::route(const std::vector<std::int32_t>& stops) const {
    std::vector<std::int32_t> out;
    if (stops.empty()) return out;
    out.push_back(stops.front());
    for (std::size_t i = 1; i < stops.size(); ++i) {
        if (stops[i] == out.back()) continue;   // a via edge that is the origin or repeats
        const std::vector<std::int32_t> l = leg(out.back(), stops[i]);
        if (l.empty()) return {};
        out.insert(out.end(), l.begin() + 1, l.end());
    }
    return out;
}

}  // namespace citytwin::io
