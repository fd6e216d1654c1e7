#include "sim/traffic/demand_interventions.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "kernels/core/random.hpp"

namespace citytwin::sim {
namespace {

constexpr std::uint32_t kStreamDemandScale = 5;   // apart from demand (3), speed factor (1), type (2)

}  // namespace

std::vector<TripSpec> scale_departures(std::vector<TripSpec> trips, const std::vector<InterventionSpec>& interventions,
                                       std::uint64_t seed) {
    // Each departure is scaled by the last demand window it falls in (they come by priority), so
    // overlapping windows of different priority never compound. Every window picks from the
    // trips as given; drops and clones are applied together at the end.
    std::vector<std::int32_t> window(trips.size(), -1);
    for (std::size_t w = 0; w < interventions.size(); ++w)
        if (interventions[w].action == InterventionAction::Demand)
            for (std::size_t i = 0; i < trips.size(); ++i)
                if (interventions[w].scales_departure(trips[i].depart_s)) window[i] = static_cast<std::int32_t>(w);
    std::vector<std::uint8_t> drop(trips.size(), 0);
    std::vector<TripSpec> clones;
    for (std::size_t w = 0; w < interventions.size(); ++w) {
        const InterventionSpec& iv = interventions[w];
        if (iv.action != InterventionAction::Demand) continue;
        std::vector<std::size_t> in;
        for (std::size_t i = 0; i < trips.size(); ++i)
            if (window[i] == static_cast<std::int32_t>(w)) in.push_back(i);
        const std::int64_t n = static_cast<std::int64_t>(in.size());
        const std::int64_t m = std::llround(iv.scale * static_cast<double>(n));
        if (n == 0 || m == n) continue;
        // Each trip's key is drawn from its position and the window: the same trips are chosen
        // whenever the same scenario is built.
        std::vector<std::uint32_t> key(in.size());
        for (std::size_t k = 0; k < in.size(); ++k)
            key[k] = kernels::random4(seed, static_cast<std::uint32_t>(in[k]), static_cast<std::uint32_t>(w), kStreamDemandScale).v[0];
        std::vector<std::size_t> order(in.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
        if (m < n) {
            for (std::int64_t k = 0; k < n - m; ++k) drop[in[order[k]]] = 1;
        } else {
            for (std::int64_t k = 0; k < m - n; ++k) {
                TripSpec clone = trips[in[order[static_cast<std::size_t>(k % n)]]];
                if (!clone.id.empty()) clone.id += "+" + std::to_string(k / n + 1);
                clones.push_back(std::move(clone));
            }
        }
    }
    if (clones.empty() && std::find(drop.begin(), drop.end(), 1) == drop.end()) return trips;
    std::vector<TripSpec> out;
    out.reserve(trips.size() + clones.size());
    for (std::size_t i = 0; i < trips.size(); ++i)
        if (!drop[i]) out.push_back(std::move(trips[i]));
    for (TripSpec& c : clones) out.push_back(std::move(c));
    return out;
}

std::vector<FleetWindow> fleet_windows(const std::vector<InterventionSpec>& interventions,
                                       const std::vector<VehicleTypeSpec>& types) {
    std::vector<FleetWindow> out;
    for (const InterventionSpec& iv : interventions) {
        if (iv.action != InterventionAction::Fleet) continue;
        for (std::size_t t = 0; t < types.size(); ++t)
            if (types[t].id == iv.type) out.push_back({iv.at_s, iv.until_s, static_cast<std::int32_t>(t), iv.share});
    }
    return out;
}

std::vector<double> shares_at(const std::vector<VehicleTypeSpec>& types, const std::vector<FleetWindow>& fleet,
                              double depart_s) {
    std::vector<double> w;
    for (const VehicleTypeSpec& t : types) w.push_back(t.share);
    for (const FleetWindow& f : fleet) {
        if (depart_s < f.from_s || (f.until_s >= 0.0 && depart_s >= f.until_s)) continue;
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        const double others = total - w[f.type];
        for (std::size_t t = 0; t < w.size(); ++t)
            w[t] = static_cast<std::int32_t>(t) == f.type ? f.share * total
                                                          : (others > 0.0 ? w[t] / others * (1.0 - f.share) * total : 0.0);
    }
    return w;
}

}  // namespace citytwin::sim
