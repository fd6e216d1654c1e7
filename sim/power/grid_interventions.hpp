#pragma once
// The interventions on the electricity grid resolved to global bus indices: rooftop PV added,
// batteries installed, branches upgraded. Each is a function of time, so a run and a fork agree.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/intervention.hpp"
#include "sim/power/feeder.hpp"

namespace citytwin::sim {

struct PvAddition {
    double from_s, until_s;
    std::vector<std::int32_t> buses;
    double kwp;
};

// A battery at a bus shaving its feeder's peak (sim/power/battery_bank.hpp).
struct BatteryInstall {
    double from_s, until_s;
    std::int32_t bus = 0;        // global
    std::int32_t feeder = 0;
    double kwh = 0.0, kw = 0.0, threshold_kw = 0.0, initial_soc = 1.0;
};

// The branch into global bus `bus` with a new series impedance.
struct LineUpgrade {
    double from_s, until_s;
    std::int32_t feeder = 0, bus = 0;   // bus: index within the feeder (the branch's to-bus)
    double r_ohm = 0.0, x_ohm = 0.0;
};

struct GridInterventions {
    std::vector<PvAddition> pv;
    std::vector<BatteryInstall> batteries;
    std::vector<LineUpgrade> lines;
};

// Buses are "BUS" (an id only one feeder has) or "FEEDER/BUS"; branches "FROM-TO" or
// "FEEDER/FROM-TO". Throws ScenarioError naming the intervention's key for an unknown or
// ambiguous bus and for a branch that is not a line of the feeder.
GridInterventions resolve_grid_interventions(const std::vector<Feeder>& feeders, const std::vector<std::int32_t>& bus_begin,
                                             const std::vector<InterventionSpec>& interventions);

// Series impedance (ohm) of the branch into each global bus at `t_s`: the feeders', with the
// line upgrades in force then (the last by priority).
void impedance_at(const std::vector<Feeder>& feeders, const std::vector<std::int32_t>& bus_begin,
                  const std::vector<LineUpgrade>& lines, double t_s, std::vector<double>& r_ohm, std::vector<double>& x_ohm);

}  // namespace citytwin::sim
