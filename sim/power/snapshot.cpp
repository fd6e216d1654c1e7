#include "sim/power/snapshot.hpp"

#include <cmath>

#include "kernels/power/sweep_status.hpp"

namespace citytwin::sim {

SnapshotResult solve_snapshot(const Feeder& feeder, const SweepSettings& settings) {
    // A single feeder is too little work for threads or a GPU: the CPU backend, inline.
    auto backend = make_power_backend_cpu({feeder}, settings, nullptr, 0);
    backend->set_batch({0});
    backend->set_loads(feeder.p_kw, feeder.q_kvar);
    backend->solve();
    SweepResults r;
    backend->summaries(r);
    SnapshotResult s;
    s.p_loss_kw = r.p_loss_kw[0];
    s.q_loss_kvar = r.q_loss_kvar[0];
    s.head_p_kw = r.head_p_kw[0];
    s.head_q_kvar = r.head_q_kvar[0];
    for (std::int32_t i = 0; i < feeder.buses(); ++i) {
        s.load_p_kw += feeder.p_kw[i];
        s.load_q_kvar += feeder.q_kvar[i];
    }
    s.v_min_pu = r.v_min_pu[0];
    s.v_min_bus = feeder.bus_id[r.v_min_bus[0]];
    s.iterations = r.iterations[0];
    s.converged = r.status[0] == kSweepConverged;
    s.collapsed = r.status[0] == kSweepCollapsed;
    // A sweep can stop on a tiny voltage change while its figures overflowed (extreme bases or
    // impedances): such a result is reported as not converged, never as a solution.
    s.non_finite = !std::isfinite(s.p_loss_kw) || !std::isfinite(s.q_loss_kvar) || !std::isfinite(s.v_min_pu);
    if (s.non_finite) s.converged = false;
    return s;
}

}  // namespace citytwin::sim
