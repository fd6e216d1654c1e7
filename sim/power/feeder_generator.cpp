// Generated feeders: one per district, a minimum spanning tree of cables from a substation at
// the district's centre to a bus at every zone centroid (docs/models.md, "Generated feeders").
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/power/power_setup.hpp"

namespace citytwin::sim {

namespace {
// A zone centroid on top of the substation still needs a cable of some length.
constexpr double kMinCableM = 10.0;
}  // namespace

std::vector<FeederSpec> generate_feeders(const FeederGenerateSpec& g, const std::vector<ZoneSpec>& zones,
                                         std::vector<std::string>& zone_feeder, std::vector<double>& sub_x,
                                         std::vector<double>& sub_y) {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const ZoneSpec& z : zones) {
        x0 = std::min(x0, z.x_min_m); x1 = std::max(x1, z.x_max_m);
        y0 = std::min(y0, z.y_min_m); y1 = std::max(y1, z.y_max_m);
    }
    const int nd = g.districts_x * g.districts_y;
    std::vector<std::vector<std::size_t>> members(nd);
    for (std::size_t i = 0; i < zones.size(); ++i) {
        const double cx = 0.5 * (zones[i].x_min_m + zones[i].x_max_m), cy = 0.5 * (zones[i].y_min_m + zones[i].y_max_m);
        const int dx = std::clamp(static_cast<int>((cx - x0) / (x1 - x0) * g.districts_x), 0, g.districts_x - 1);
        const int dy = std::clamp(static_cast<int>((cy - y0) / (y1 - y0) * g.districts_y), 0, g.districts_y - 1);
        members[dy * g.districts_x + dx].push_back(i);
    }
    zone_feeder.assign(zones.size(), "");
    std::vector<FeederSpec> out;
    for (int d = 0; d < nd; ++d) {
        if (members[d].empty()) continue;
        const int dx = d % g.districts_x, dy = d / g.districts_x;
        FeederSpec f;
        f.id = "d" + std::to_string(dy) + "_" + std::to_string(dx);
        f.base_kv = g.base_kv;
        f.slack_pu = g.slack_pu;
        f.slack_bus = "substation";
        f.transformer_kva = g.transformer_kva;
        f.ampacity_a = g.ampacity_a;
        f.key_path = "power.generate";
        f.mark = g.mark;
        // Points: the substation at the district's centre, then the zone centroids.
        std::vector<double> px{x0 + (x1 - x0) * (dx + 0.5) / g.districts_x};
        std::vector<double> py{y0 + (y1 - y0) * (dy + 0.5) / g.districts_y};
        std::vector<std::string> name{"substation"};
        for (std::size_t z : members[d]) {
            px.push_back(0.5 * (zones[z].x_min_m + zones[z].x_max_m));
            py.push_back(0.5 * (zones[z].y_min_m + zones[z].y_max_m));
            name.push_back(zones[z].id);
            zone_feeder[z] = f.id;
        }
        sub_x.push_back(px[0]);
        sub_y.push_back(py[0]);
        // Prim's algorithm from the substation; ties go to the lower index (deterministic).
        const std::size_t n = px.size();
        std::vector<double> best(n, std::numeric_limits<double>::infinity());
        std::vector<std::size_t> from(n, 0);
        std::vector<bool> in(n, false);
        best[0] = 0.0;
        for (std::size_t step = 0; step < n; ++step) {
            std::size_t u = n;
            for (std::size_t v = 0; v < n; ++v)
                if (!in[v] && (u == n || best[v] < best[u])) u = v;
            in[u] = true;
            if (u != 0) {
                const double km = std::max(best[u], kMinCableM) / 1000.0;
                BranchSpec b;
                b.from = name[from[u]];
                b.to = name[u];
                b.r_ohm = g.r_ohm_per_km * km;
                b.x_ohm = g.x_ohm_per_km * km;
                b.mark = g.mark;
                f.branches.push_back(b);
            }
            for (std::size_t v = 0; v < n; ++v) {
                if (in[v]) continue;
                const double dist = std::hypot(px[v] - px[u], py[v] - py[u]);
                if (dist < best[v]) {
                    best[v] = dist;
                    from[v] = u;
                }
            }
        }
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace citytwin::sim
