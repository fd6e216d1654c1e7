#pragma once
// The grid of a scenario ready to run: feeders (read or generated), per-bus demand from the
// zones each bus supplies, and the bus that supplies each road link (where parked EVs charge).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/scenario.hpp"
#include "sim/power/feeder.hpp"
#include "sim/power/grid_interventions.hpp"
#include "sim/power/power_backend.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct PowerSetup {
    std::vector<Feeder> feeders;
    std::vector<std::int32_t> bus_begin;     // feeder f owns global buses [bus_begin[f], bus_begin[f+1])
    BusDemand demand;                        // per global bus
    std::vector<double> bus_x_m, bus_y_m;    // zone centroid or substation; NaN when unknown
    std::vector<std::string> bus_zones;      // ids of the zones a bus supplies, comma separated
    std::vector<std::int32_t> link_bus;      // per road link: the global bus of its zone
    // pv, battery and feeder interventions.
    GridInterventions interventions;
    std::int32_t buses() const { return bus_begin.empty() ? 0 : bus_begin.back(); }
};

// Throws ScenarioError for an unknown zone, feeder or bus in power.supply, a zone supplied
// twice or not at all, a grid intervention's unknown or ambiguous bus or branch, and every
// feeder error of build_feeder().
PowerSetup build_power_setup(const Scenario& scenario, const RoadNetwork& net);

// The PV of every bus at `t_s`: the scenario's, plus the pv interventions active then.
std::vector<double> pv_kwp_at(const PowerSetup& setup, double t_s);

// Generated feeders (power.generate): one per district of zones, a substation bus at the
// district's centre and a bus at each zone centroid, joined by a minimum spanning tree (Prim).
std::vector<FeederSpec> generate_feeders(const FeederGenerateSpec& g, const std::vector<ZoneSpec>& zones,
                                         std::vector<std::string>& zone_feeder, std::vector<double>& sub_x,
                                         std::vector<double>& sub_y);

}  // namespace citytwin::sim
