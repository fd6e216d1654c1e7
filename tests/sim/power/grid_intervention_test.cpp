// Interventions on the grid (docs/scenario-format.md §16): a battery shaves its feeder's peak
// within its power and energy and keeps the energy balance; an upgraded line carries the same
// load with the losses of its new impedance, from its time on only.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>

#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"
#include "sim/power/battery_bank.hpp"

namespace citytwin::sim {
namespace {

const char* kEvening = R"(citytwin: 1
name: grid-iv
seed: 7
start: 2026-07-15T16:00
duration: 3 h
network: {grid: {rows: 6, cols: 6, spacing: 250 m, lanes: 1, speed: 50 km/h, signals: true}}
zones: {generate: {blocks: 2x2, population: 12000, jobs: 6000}}
vehicle_types:
  car: {share: 0.6}
  ev: {share: 0.4, ev: true, battery: 60 kWh, consumption: 0.17 kWh/km, charger: 11 kW}
demand: {generate: {trips: 2000, profile: weekday}}
weather: {temperature: 31 °C, irradiance: clear_sky}
power:
  step: 5 min
  generate: {districts: 1x1, base: 20 kV, transformer_kva: 8000}
outputs: {every: 5 min}
)";

class Frames final : public RunSink {
public:
    void links(LinkSeriesFrame&&) override {}
    void vehicles(VehicleFrame&&) override {}
    void trips(std::vector<TripRow>&&) override {}
    void power_grid(const PowerGrid& g) override { grid = g; }
    void power(PowerFrame&& f) override { frames.push_back(std::move(f)); }
    PowerGrid grid;
    std::vector<PowerFrame> frames;
};

Frames run(const std::vector<std::string>& overrides, std::vector<Kpi>* kpis = nullptr) {
    Engine e(io::load_scenario_text(kEvening, "grid.yaml", overrides), choose_device("cpu", 2));
    Frames f;
    std::ostringstream quiet;
    ProgressReporter progress(quiet, ProgressReporter::Mode::Off);
    RunControl all;
    e.run(f, progress, all);
    if (kpis) *kpis = e.kpis();
    return f;
}

double kpi(const std::vector<Kpi>& k, const std::string& name) {
    for (const Kpi& x : k)
        if (x.name == name) return x.value;
    ADD_FAILURE() << "no KPI " << name;
    return NAN;
}

TEST(GridInterventions, ABatteryShavesTheFeederPeakWithinItsRatingAndKeepsTheEnergyBalance) {
    std::vector<Kpi> kb, kv;
    const Frames base = run({}, &kb);
    double peak = 0.0;
    for (const PowerFrame& f : base.frames) peak = std::max(peak, f.head_p_kw[0]);
    ASSERT_GT(peak, 500.0);
    // A battery big enough for every kWh above 95 % of the peak after its installation.
    const double threshold = 0.95 * peak, h = 5.0 / 60.0;
    double excess_kwh = 0.0;
    for (const PowerFrame& f : base.frames)
        if (f.time_s > 1800.0) excess_kwh += std::max(0.0, f.head_p_kw[0] - threshold) * h;
    ASSERT_GT(excess_kwh, 0.0);
    const double kw = 1.5 * (peak - threshold), kwh = 3.0 * excess_kwh;
    std::ostringstream iv;
    iv << std::setprecision(17) << "interventions=[{id: store, at: 30 min, battery: {bus: z1_1, kwh: " << kwh << ", kw: " << kw
       << ", mode: peak_shaving, threshold: " << threshold << " kW, soc: 0.5}}]";
    const Frames shaved = run({iv.str()}, &kv);
    ASSERT_EQ(shaved.frames.size(), base.frames.size());
    double peak_after = 0.0;
    for (std::size_t k = 0; k < base.frames.size(); ++k) {
        const PowerFrame &b = base.frames[k], &s = shaved.frames[k];
        if (b.time_s <= 1800.0) {
            EXPECT_EQ(b.head_p_kw[0], s.head_p_kw[0]) << "before the battery is installed, at " << b.time_s;
            continue;
        }
        peak_after = std::max(peak_after, s.head_p_kw[0]);
        // The battery's power at its bus is the difference of the bus loads (the cars are the same).
        double battery = 0.0;
        for (std::size_t i = 0; i < b.p_kw.size(); ++i) battery += s.p_kw[i] - b.p_kw[i];
        EXPECT_LE(std::abs(battery), kw + 1e-6) << "at " << b.time_s;
        EXPECT_EQ(s.p_ev_kw, b.p_ev_kw);
    }
    EXPECT_LT(peak_after, peak - 0.5 * (peak - threshold)) << "the evening peak is shaved to about the threshold";
    const double charged = kpi(kv, "battery_charged_kwh"), discharged = kpi(kv, "battery_discharged_kwh");
    const double stored = kpi(kv, "battery_stored_kwh"), eff = std::sqrt(kBatteryRoundTrip);
    EXPECT_GT(discharged, 0.0);
    EXPECT_NEAR(stored, 0.5 * kwh + charged * eff - discharged / eff, 1e-6);
    EXPECT_GE(stored, -1e-9);
    EXPECT_LE(stored, kwh + 1e-9);
}

TEST(GridInterventions, AnUpgradedLineCarriesTheLoadWithItsNewImpedanceFromItsTime) {
    std::vector<Kpi> kb, ku;
    const Frames base = run({}, &kb);
    // The branch out of the substation that carries the most.
    const PowerGrid& g = base.grid;
    std::size_t heavy = 0;
    for (std::size_t j = 0; j < g.branch_from_bus.size(); ++j)
        if (base.frames.back().current_a[j] > base.frames.back().current_a[heavy]) heavy = j;
    const std::string branch = g.bus_ids[g.branch_from_bus[heavy]] + "-" + g.bus_ids[g.branch_to_bus[heavy]];
    const double r = g.branch_r_ohm[heavy] * 0.25, x = g.branch_x_ohm[heavy] * 0.5;
    std::ostringstream iv;
    iv << std::setprecision(17) << "interventions=[{id: cable, at: 1 h, feeder: {branch: " << branch << ", r_ohm: " << r << ", x_ohm: " << x << "}}]";
    const Frames up = run({iv.str()}, &ku);
    for (std::size_t k = 0; k < base.frames.size(); ++k) {
        const PowerFrame &b = base.frames[k], &u = up.frames[k];
        if (b.time_s - 150.0 < 3600.0) {
            EXPECT_EQ(b.loss_kw, u.loss_kw) << "before the upgrade, at " << b.time_s;
        } else {
            EXPECT_LT(u.loss_kw[heavy], 0.3 * b.loss_kw[heavy]) << "a quarter of the resistance, at " << b.time_s;
            // I²R with the new resistance.
            EXPECT_NEAR(u.loss_kw[heavy], r * u.current_a[heavy] * u.current_a[heavy] * 3e-3, 1e-6 * u.loss_kw[heavy] + 1e-9);
        }
    }
    EXPECT_LT(kpi(ku, "power_losses_kwh"), kpi(kb, "power_losses_kwh"));
    // A branch that is not a line of the feeder is an error naming it.
    EXPECT_THROW(Engine(io::load_scenario_text(kEvening, "grid.yaml",
                                               {"interventions=[{id: c, at: 1 h, feeder: {branch: z0_0-z9_9, r_ohm: 1, x_ohm: 1}}]"}),
                        choose_device("cpu", 2)),
                 ScenarioError);
}

}  // namespace
}  // namespace citytwin::sim
