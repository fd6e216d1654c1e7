#include "sim/power/battery_bank.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/time_window.hpp"

namespace citytwin::sim {

void BatteryBank::dispatch(double t0, double t1, const std::vector<double>& feeder_load_kw, std::vector<double>& bus_kw) {
    const double h = (t1 - t0) / 3600.0, mid = 0.5 * (t0 + t1);
    const double eff = std::sqrt(kBatteryRoundTrip);
    if (h <= 0.0) return;
    for (std::size_t i = 0; i < b_.size(); ++i) {
        const BatteryInstall& b = b_[i];
        const bool in_force = in_window(mid, b.from_s, b.until_s);
        if (!in_force) {
            on_[i] = 0;
            continue;
        }
        if (!on_[i]) soc_[i] = b.initial_soc;   // installed now
        on_[i] = 1;
        const double load = feeder_load_kw[b.feeder];
        double kw = 0.0;
        if (load > b.threshold_kw) {
            const double energy_kw = soc_[i] * b.kwh * eff / h;   // what the stored energy can give over the step
            kw = -std::min({b.kw, load - b.threshold_kw, energy_kw});
            soc_[i] = std::max(0.0, soc_[i] + kw * h / eff / b.kwh);
            discharged_kwh_ -= kw * h;
        } else if (load < b.threshold_kw) {
            const double room_kw = (1.0 - soc_[i]) * b.kwh / (eff * h);
            kw = std::min({b.kw, b.threshold_kw - load, room_kw});
            soc_[i] = std::min(1.0, soc_[i] + kw * h * eff / b.kwh);
            charged_kwh_ += kw * h;
        }
        bus_kw[b.bus] += kw;
    }
}

double BatteryBank::stored_kwh() const {
    double e = 0.0;
    for (std::size_t i = 0; i < b_.size(); ++i)
        if (on_[i]) e += soc_[i] * b_[i].kwh;
    return e;
}

void BatteryBank::save(StateWriter& w) const {
    if (b_.empty()) return;
    w.put("power/battery/soc", soc_);
    w.put("power/battery/installed", on_);
    w.put("power/battery/energy", std::vector<double>{charged_kwh_, discharged_kwh_});
}

void BatteryBank::restore(const StateReader& r) {
    // A fork that adds batteries installs them when they are due; one that keeps its parent's
    // takes their charge on.
    if (b_.empty() || !r.has("power/battery/soc") || r.count("power/battery/soc", StateType::f64) != b_.size()) return;
    soc_ = r.get<double>("power/battery/soc", b_.size());
    on_ = r.get<std::uint8_t>("power/battery/installed", b_.size());
    const auto e = r.get<double>("power/battery/energy", 2);
    charged_kwh_ = e[0];
    discharged_kwh_ = e[1];
}

}  // namespace citytwin::sim
