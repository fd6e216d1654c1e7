#pragma once
// A radial feeder ready for the sweep: buses in breadth-first order from the slack bus, so every
// bus comes after its parent and one backward pass (last to first) and one forward pass (first
// to last) visit the tree in a valid order.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/power/power_spec.hpp"

namespace citytwin::sim {

struct Feeder {
    std::string id;
    double base_kv = 0.0;
    double slack_pu = 1.0;
    double transformer_kva = 0.0;
    std::vector<std::string> bus_id;     // sweep order; bus 0 is the slack (head) bus
    std::vector<std::int32_t> parent;    // parent[0] = -1
    // Branch from parent[i] into bus i (index 0 unused: zero).
    std::vector<double> r_ohm, x_ohm, ampacity_a;
    std::vector<double> p_kw, q_kvar;    // constant-PQ load of the branch table at each bus

    std::int32_t buses() const { return static_cast<std::int32_t>(bus_id.size()); }
    std::int32_t index_of(const std::string& bus) const;  // -1 when absent
    double z_base_ohm() const { return base_kv * base_kv; }              // S_base = 1 MVA
    double i_base_a() const { return 1000.0 / (1.7320508075688772 * base_kv); }
};

// Checks and orders a feeder. Throws ScenarioError naming the row of a negative or zero
// impedance, a branch from a bus to itself, the buses of a loop (meshed feeder), the buses
// cut off from the slack bus (island), or an unknown slack bus.
Feeder build_feeder(const FeederSpec& spec);

}  // namespace citytwin::sim
