#include "sim/traffic/route_landmarks.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

#include "kernels/traffic/route_cost.hpp"

namespace citytwin::sim {

namespace {

using kernels::kNoCost;

// Least costs from `root` (forward: over successors; backward: to root over predecessors), arc
// a -> b weighted by cost(a), as the searches count them.
void least_costs(const RoadNetwork& net, const std::vector<std::uint64_t>& cost, std::int32_t root, bool forward,
                 std::uint64_t* out) {
    const std::int32_t n = net.links();
    std::fill(out, out + n, kNoCost);
    using Item = std::pair<std::uint64_t, std::int32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> q;
    out[root] = 0;
    q.push({0, root});
    const auto& begin = forward ? net.link_succ_begin : net.link_pred_begin;
    const auto& next = forward ? net.succ_link : net.pred_link;
    while (!q.empty()) {
        const auto [d, x] = q.top();
        q.pop();
        if (d != out[x]) continue;
        if (forward && cost[x] == kNoCost) continue;
        for (std::int32_t e = begin[x]; e < begin[x + 1]; ++e) {
            const std::int32_t y = next[e];
            const std::uint64_t w = forward ? cost[x] : cost[y];
            if (w == kNoCost) continue;
            const std::uint64_t nd = d + w;
            if (nd < out[y]) {
                out[y] = nd;
                q.push({nd, y});
            }
        }
    }
}

}  // namespace

std::int32_t landmark_count(std::int32_t links) {
    if (links < 64) return std::min<std::int32_t>(links, 2);
    if (links < 4096) return 8;
    return 16;
}

std::vector<std::int32_t> choose_landmarks(const RoadNetwork& net, const std::vector<float>& free_time_s,
                                           const std::vector<std::uint8_t>& routable, std::int32_t count) {
    const std::int32_t n = net.links();
    std::vector<std::int32_t> chosen;
    count = std::min<std::int32_t>({count, n, kernels::kMaxLandmarks});
    if (count <= 0) return chosen;
    std::vector<std::uint64_t> cost(n);
    for (std::int32_t l = 0; l < n; ++l) cost[l] = routable[l] ? kernels::link_cost(free_time_s[l], l) : kNoCost;
    std::vector<std::uint64_t> seed(n), nearest(n, kNoCost);
    std::int32_t first = 0;
    while (first < n && cost[first] == kNoCost) ++first;
    if (first == n) return chosen;
    least_costs(net, cost, first, true, seed.data());
    // The first landmark: the link farthest from the first routable one; then each next the
    // link farthest from all chosen so far (unreached links are never chosen).
    auto farthest = [&](const std::vector<std::uint64_t>& d) {
        std::int32_t best = -1;
        for (std::int32_t l = 0; l < n; ++l)
            if (cost[l] != kNoCost && d[l] != kNoCost && std::find(chosen.begin(), chosen.end(), l) == chosen.end() &&
                (best < 0 || d[l] > d[best]))
                best = l;
        return best;
    };
    std::vector<std::uint64_t> from(n);
    std::int32_t next = farthest(seed);
    while (next >= 0 && static_cast<std::int32_t>(chosen.size()) < count) {
        chosen.push_back(next);
        least_costs(net, cost, next, true, from.data());
        for (std::int32_t l = 0; l < n; ++l) nearest[l] = std::min(nearest[l], from[l]);
        next = farthest(nearest);
        if (next >= 0 && nearest[next] == 0) break;
    }
    return chosen;
}

}  // namespace citytwin::sim
