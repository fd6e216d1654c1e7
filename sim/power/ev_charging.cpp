#include "sim/power/ev_charging.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/time_window.hpp"

namespace citytwin::sim {

EvCharging::EvCharging(std::vector<EvTypeParams> types, std::vector<std::int32_t> link_bus, std::int32_t buses)
    : types_(std::move(types)), link_bus_(std::move(link_bus)), bus_kw_(static_cast<std::size_t>(buses), 0.0) {}

void EvCharging::set_policies(std::vector<ChargingPolicy> policies, double start_seconds_of_day) {
    policies_ = std::move(policies);
    start_seconds_of_day_ = start_seconds_of_day;
}

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
        double start = r.arrival_s, kw = t.charger_kw;
        // Policies come in the order they apply (by priority): the last one in force decides.
        const ChargingPolicy* in_force = nullptr;
        for (const ChargingPolicy& p : policies_)
            if (in_window(r.arrival_s, p.from_s, p.until_s)) in_force = &p;
        if (in_force) {
            const ChargingPolicy& p = *in_force;
            if (p.max_kw >= 0.0) kw = std::min(kw, p.max_kw);
            if (p.start_after_s_of_day >= 0.0) {
                const double clock = std::fmod(start_seconds_of_day_ + r.arrival_s, 86400.0);
                const double wait = std::fmod(p.start_after_s_of_day - clock + 86400.0, 86400.0);
                if (wait < 12.0 * 3600.0) start = r.arrival_s + wait;
            }
        }
        if (energy > 0.0 && kw > 0.0) open_.push_back({bus, start, kw, energy});
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

void EvCharging::save(StateWriter& w) const {
    std::vector<std::int32_t> bus;
    std::vector<double> start, kw, remaining;
    for (const Session& s : open_) {
        bus.push_back(s.bus);
        start.push_back(s.start_s);
        kw.push_back(s.kw);
        remaining.push_back(s.remaining_kwh);
    }
    w.put("power/ev/session_bus", bus);
    w.put("power/ev/session_start_s", start);
    w.put("power/ev/session_kw", kw);
    w.put("power/ev/session_remaining_kwh", remaining);
    w.put("power/ev/bus_kw", bus_kw_);
    w.put_scalar("power/ev/drawn_kwh", drawn_kwh_);
    w.put_scalar("power/ev/delivered_kwh", delivered_kwh_);
    w.put_scalar("power/ev/sessions", sessions_);
}

void EvCharging::restore(const StateReader& r) {
    const auto bus = r.get<std::int32_t>("power/ev/session_bus");
    const auto start = r.get<double>("power/ev/session_start_s", bus.size());
    const auto kw = r.get<double>("power/ev/session_kw", bus.size());
    const auto remaining = r.get<double>("power/ev/session_remaining_kwh", bus.size());
    open_.clear();
    for (std::size_t i = 0; i < bus.size(); ++i) {
        if (bus[i] < 0 || bus[i] >= static_cast<std::int32_t>(bus_kw_.size()))
            throw StateMismatch("checkpoint EV session " + std::to_string(i) + " is at bus " + std::to_string(bus[i]) +
                                ", which this grid does not have");
        open_.push_back({bus[i], start[i], kw[i], remaining[i]});
    }
    bus_kw_ = r.get<double>("power/ev/bus_kw", bus_kw_.size());
    drawn_kwh_ = r.get_scalar<double>("power/ev/drawn_kwh");
    delivered_kwh_ = r.get_scalar<double>("power/ev/delivered_kwh");
    sessions_ = r.get_scalar<std::int64_t>("power/ev/sessions");
}

double EvCharging::pending_kwh() const {
    double sum = 0.0;
    for (const Session& s : open_) sum += s.remaining_kwh;
    return sum;
}

}  // namespace citytwin::sim
