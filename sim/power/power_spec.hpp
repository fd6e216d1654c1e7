#pragma once
// The power section of a scenario as plain structs (SI-ish units the grid uses: kV, kW, kvar,
// ohm, A). io/scenario/power_section.cpp fills them; sim/power compiles them into feeders and
// per-bus demand.
#include <optional>
#include <string>
#include <vector>

#include "sim/core/scenario_error.hpp"

namespace citytwin::sim {

// One branch of a feeder: series impedance from `from` to `to`, and the constant-PQ load that
// the branch table puts at the `to` bus (0 when none).
struct BranchSpec {
    std::string from;
    std::string to;
    double r_ohm = 0.0;
    double x_ohm = 0.0;
    double p_kw = 0.0;
    double q_kvar = 0.0;
    double ampacity_a = 0.0;   // 0: no rating
    SourceMark mark;           // file:line of the CSV row, or the YAML item
};

struct FeederSpec {
    std::string id;
    double base_kv = 0.0;          // line-to-line
    double slack_pu = 1.0;         // voltage held at the head (substation) bus
    std::string slack_bus;         // empty: the `from` bus of the first branch
    double transformer_kva = 0.0;  // head transformer rating; 0: no rating
    double ampacity_a = 0.0;       // rating of every branch without its own; 0: none
    std::string branches_file;     // resolved path, when the branches came from a CSV
    std::vector<BranchSpec> branches;
    std::string key_path;          // named in errors ("power.feeders[0]"); empty outside a scenario
    SourceMark mark;
};

// Which bus supplies a zone (listed supply).
struct ZoneSupplySpec {
    std::string zone;
    std::string feeder;
    std::string bus;
    double pv_kwp = -1.0;          // rooftop PV installed in the zone; < 0: loads.pv_kwp_per_person
    SourceMark mark;
};

// Generated feeders: one per district (the zones grouped on a districts_x × districts_y grid
// over their extent), a substation at the district's centre and a bus at every zone centroid,
// joined by a minimum spanning tree of cables.
struct FeederGenerateSpec {
    int districts_x = 1;
    int districts_y = 1;
    double base_kv = 20.0;
    double r_ohm_per_km = 0.122;   // NA2XS2Y 1x240 RM/25 12/20 kV (pandapower standard type)
    double x_ohm_per_km = 0.112;
    double ampacity_a = 421.0;
    double transformer_kva = 0.0;  // 0: no rating
    double slack_pu = 1.0;
    SourceMark mark;
};

// Land-use load model, temperature sensitivity and PV (docs/models.md, "Power").
struct LoadModelSpec {
    double residential_kw_per_person = 0.5;  // peak of the residential shape
    double commercial_kw_per_job = 1.0;      // peak of the commercial shape
    double industrial_kw_per_job = 2.0;      // peak of the industrial shape
    double industrial_share = 0.2;           // of each zone's jobs
    double power_factor = 0.95;              // of base and temperature load (lagging)
    double heating_below_c = 15.0;           // T_h
    double cooling_above_c = 22.0;           // T_c
    double heating_kw_per_c_person = 0.01;
    double cooling_kw_per_c_person = 0.02;
    double pv_kwp_per_person = 0.0;          // rooftop PV installed, per resident
    double pv_performance_ratio = 0.8;
    SourceMark mark;
};

struct PowerSpec {
    double step_s = 300.0;
    double tolerance_pu = 1e-10;   // on max |dV|
    int max_iterations = 100;
    std::vector<FeederSpec> feeders;
    std::optional<FeederGenerateSpec> generate;
    std::vector<ZoneSupplySpec> supply;
    LoadModelSpec loads;
    SourceMark mark;
};

}  // namespace citytwin::sim
