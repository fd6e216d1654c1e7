#include "sim/power/ev_charging.hpp"

#include <algorithm>

namespace citytwin::sim {

EvCharging::EvCharging(std::vector<EvTypeParams> types, std::vector<std::int32_t> link_bus, std::int32_t buses)
    : types_(std::move(types)), link_bus_(std::move(link_bus)), bus_kw_(static_cast<std::size_t>(buses), 0.0) {}

void EvCharging::add_arrivals(const std::vector<TripRow>& rows) {
    for (const TripRow& r : rows) {
        if (r.status != TripStatus::Arrived || r.type < 0 || r.type >= static_cast<std::int32_t>(types_.size())) continue;
        const EvTypeParams& t = types_[r.type];
        if (!t.ev || r.destination_link < 0 || r.destination_link >= static_cast<std::int32_t>(link_bus_.size()))
            continue;
        const std::int32_t bus = link_bus_[r.destination_link];
        if (bus < 0) continue;
        // The trip started with a full battery; it cannot have used more than the battery holds.
        const double energy = std::min(static_cast<double>(r.route_length_m) * 1e-3 * t.kwh_per_km, t.battery_kwh);
        ++sessions_;
        drawn_kwh_ += energy;
        if (energy > 0.0) open_.push_back({bus, r.arrival_s, t.charger_kw, energy});
    }
}

const std::vector<double>& EvCharging::charge(double t0, double t1) {
    std::fill(bus_kw_.begin(), bus_kw_.end(), 0.0);
    const double hours = (t1 - t0) / 3600.0;
    if (hours <= 0.0) return bus_kw_;
    std::size_t keep = 0;
    for (std::size_t i = 0; i < open_.size(); ++i) {
        Session s = open_[i];
        const double from = std::max(t0, s.start_s);
        if (from < t1) {
            const double e = std::min(s.remaining_kwh, s.kw * (t1 - from) / 3600.0);
            s.remaining_kwh -= e;
            delivered_kwh_ += e;
            bus_kw_[s.bus] += e / hours;
        }
        if (s.remaining_kwh > 0.0) open_[keep++] = s;
    }
    open_.resize(keep);
    return bus_kw_;
}

double EvCharging::pending_kwh() const {
    double sum = 0.0;
    for (const Session& s : open_) sum += s.remaining_kwh;
    return sum;
}

}  // namespace citytwin::sim
