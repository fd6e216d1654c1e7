#pragma once
// One feeder, one set of loads (those of its branch table), solved once: what
// `citytwin powerflow` prints and the validation tests check.
#include <string>

#include "sim/power/feeder.hpp"
#include "sim/power/power_backend.hpp"

namespace citytwin::sim {

struct SnapshotResult {
    double p_loss_kw = 0.0;
    double q_loss_kvar = 0.0;
    double head_p_kw = 0.0;
    double head_q_kvar = 0.0;
    double load_p_kw = 0.0;        // Σ of the table's loads
    double load_q_kvar = 0.0;
    double v_min_pu = 0.0;
    std::string v_min_bus;
    int iterations = 0;
    bool converged = false;
    bool collapsed = false;        // a voltage went to zero: the loads exceed what the feeder carries
    bool non_finite = false;       // a loss or voltage is NaN or infinite: never a solution
};

SnapshotResult solve_snapshot(const Feeder& feeder, const SweepSettings& settings = {});

}  // namespace citytwin::sim
