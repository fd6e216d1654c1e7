#pragma once
// Batteries shaving feeder peaks (a `battery` intervention, mode peak_shaving): in each power
// step a battery discharges by as much as its feeder's load exceeds the threshold and charges by
// as much as the load falls short of it, within its power rating and its energy, with a
// round-trip efficiency split evenly between charge and discharge. The feeder's load is the sum
// of its buses' loads (before losses) over the step. A battery starts at its initial state of
// charge when it is installed (`at`) and does nothing after `until`.
#include <cstdint>
#include <vector>

#include "sim/core/state_archive.hpp"
#include "sim/power/grid_interventions.hpp"

namespace citytwin::sim {

// 90 %: lithium-ion storage at the grid edge (NREL Annual Technology Baseline 2023, 85-90 %).
inline constexpr double kBatteryRoundTrip = 0.90;

class BatteryBank {
public:
    explicit BatteryBank(std::vector<BatteryInstall> batteries) : b_(std::move(batteries)), soc_(b_.size(), 0.0), on_(b_.size(), 0) {}
    bool empty() const { return b_.empty(); }

    // Power per global bus (kW, + charging, - discharging) over [t0, t1) given each feeder's
    // load then; adds it to `bus_kw`.
    void dispatch(double t0, double t1, const std::vector<double>& feeder_load_kw, std::vector<double>& bus_kw);

    double charged_kwh() const { return charged_kwh_; }        // drawn from the grid
    double discharged_kwh() const { return discharged_kwh_; }  // delivered to the grid
    double stored_kwh() const;

    void save(StateWriter& w) const;
    void restore(const StateReader& r);

private:
    std::vector<BatteryInstall> b_;
    std::vector<double> soc_;
    std::vector<std::uint8_t> on_;
    double charged_kwh_ = 0.0, discharged_kwh_ = 0.0;
};

}  // namespace citytwin::sim
