#pragma once
// What the power model hands to the output writer: the grid once, then one frame per power
// step (layout: docs/output-format.md, "/power"). Plain host records, no HDF5.
#include <cstdint>
#include <string>
#include <vector>

namespace citytwin::sim {

struct PowerGrid {
    std::vector<std::string> feeder_ids;
    std::vector<double> feeder_base_kv, feeder_slack_pu, feeder_transformer_kva;   // kVA 0: no rating
    std::vector<std::int32_t> feeder_bus_begin;   // feeder f owns buses [begin[f], begin[f+1])
    std::vector<std::string> bus_ids;             // within their feeder
    std::vector<std::int32_t> bus_feeder;
    std::vector<std::string> bus_zones;           // zones supplied, comma separated
    std::vector<double> bus_x_m, bus_y_m;         // NaN when unknown
    std::vector<double> bus_residents, bus_jobs, bus_pv_kwp;
    // Branches, one into every bus but the slack buses.
    std::vector<std::int32_t> branch_from_bus, branch_to_bus;   // global bus indices
    std::vector<double> branch_r_ohm, branch_x_ohm, branch_ampacity_a;   // ampacity 0: no rating
};

struct PowerFrame {
    double time_s = 0.0;            // end of the power step
    double interval_s = 0.0;        // its length; loads are means over it
    // per bus
    std::vector<double> v_pu, p_kw, q_kvar, p_base_kw, p_temperature_kw, p_ev_kw, p_pv_kw;
    // per branch
    std::vector<double> current_a, loading_pct, loss_kw;
    // per feeder
    std::vector<double> head_p_kw, head_q_kvar, transformer_loading_pct;
    std::vector<std::int32_t> iterations;
    std::vector<std::int8_t> converged;   // 1 converged, 0 not (iteration cap or collapse)
    // weather and sun used for the step
    double temperature_c = 0.0;
    double irradiance_wm2 = 0.0;
};

}  // namespace citytwin::sim
