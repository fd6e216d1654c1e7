#pragma once
// Backward/forward sweep for radial feeders (Shirmohammadi et al. 1988; Kersting, Distribution
// System Modeling and Analysis, ch. 10), per batch element (one feeder under one set of loads).
// Buses are in breadth-first order from the slack bus, so the backward pass (last bus to first)
// sums branch currents into parents and the forward pass (first to last) updates voltages.
// Per unit on S_base = 1 MVA, complex arithmetic written out in doubles (std::complex is not
// device code, and its multiply carries NaN-recovery branches the sweep does not need).
#include <cmath>
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/power/sweep_status.hpp"

CT_KERNELS_BEGIN

// All feeders of a set, concatenated: feeder f owns buses [bus_begin[f], bus_begin[f+1]).
struct SweepTopologyView {
    const std::int32_t* bus_begin;
    const std::int32_t* parent;   // local index of the parent bus; -1 for the slack bus
    const double* r_pu;           // branch from parent into the bus
    const double* x_pu;
};

// Batch element e solves feeder feeder[e]; the value of its bus i is at offset[e] + i * stride[e]:
// stride 1 keeps an element's buses together (CPU cache lines), stride = number of elements of
// the same feeder interleaves them so that neighbouring GPU threads read neighbouring words.
struct SweepBatchView {
    const std::int32_t* feeder;
    const std::int64_t* offset;
    const std::int64_t* stride;
    const double* slack_pu;       // per element
    const double* p_pu;           // load, per element-bus (negative: generation)
    const double* q_pu;
    double* v_re;                 // out: bus voltage, per element-bus
    double* v_im;
    double* i_re;                 // out: current of the branch into the bus (at bus 0: the head current)
    double* i_im;
    std::int32_t* iterations;     // out, per element
    std::uint8_t* status;
    double* p_loss_pu;
    double* q_loss_pu;
    double* head_p_pu;
    double* head_q_pu;
    double* v_min_pu;
    std::int32_t* v_min_bus;      // local bus index
};

struct BackwardForwardSweep {
    SweepTopologyView topo;
    SweepBatchView b;
    double tolerance_pu;          // on max |V_new - V_old| over the feeder's buses
    std::int32_t max_iterations;

    // Constant-PQ load current: I = conj(S / V) = (P - jQ)(V_re + jV_im) / |V|^2.
    CT_HD static void load_current(double p, double q, double vr, double vi, double& ir, double& ii) {
        const double inv = 1.0 / (vr * vr + vi * vi);
        ir = (p * vr + q * vi) * inv;
        ii = (p * vi - q * vr) * inv;
    }

    // Backward pass: each bus's current joins its parent's, last bus first.
    CT_HD static void backward(const std::int32_t* parent, std::int32_t n, std::int64_t st, double* ir, double* ii) {
        for (std::int32_t i = n - 1; i > 0; --i) {
            const std::int64_t j = i * st, k = parent[i] * st;
            ir[k] += ir[j];
            ii[k] += ii[j];
        }
    }

    CT_HD void operator()(std::int64_t e) const {
        const std::int32_t f = b.feeder[e];
        const std::int32_t first = topo.bus_begin[f];
        const std::int32_t n = topo.bus_begin[f + 1] - first;
        const std::int32_t* parent = topo.parent + first;
        const double* r = topo.r_pu + first;
        const double* x = topo.x_pu + first;
        const std::int64_t o = b.offset[e], st = b.stride[e];
        const double* p = b.p_pu + o;
        const double* q = b.q_pu + o;
        double* vr = b.v_re + o;
        double* vi = b.v_im + o;
        double* ir = b.i_re + o;
        double* ii = b.i_im + o;
        const double vs = b.slack_pu[e];

        // Flat start; the current array starts each backward pass holding the load currents.
        for (std::int32_t i = 0; i < n; ++i) {
            const std::int64_t j = i * st;
            vr[j] = vs;
            vi[j] = 0.0;
            load_current(p[j], q[j], vs, 0.0, ir[j], ii[j]);
        }
        const double tol2 = tolerance_pu * tolerance_pu;
        std::uint8_t status = kSweepIterationCap;
        std::int32_t it = 0;
        while (it < max_iterations) {
            ++it;
            backward(parent, n, st, ir, ii);
            double dmax = 0.0, vmin2 = 1e300;
            for (std::int32_t i = 1; i < n; ++i) {
                const std::int64_t j = i * st, k = parent[i] * st;
                const double nr = vr[k] - (r[i] * ir[j] - x[i] * ii[j]);
                const double ni = vi[k] - (r[i] * ii[j] + x[i] * ir[j]);
                const double dr = nr - vr[j], di = ni - vi[j];
                const double d2 = dr * dr + di * di;
                dmax = d2 > dmax ? d2 : dmax;
                const double m2 = nr * nr + ni * ni;
                vmin2 = m2 < vmin2 ? m2 : vmin2;
                vr[j] = nr;
                vi[j] = ni;
                load_current(p[j], q[j], nr, ni, ir[j], ii[j]);
            }
            load_current(p[0], q[0], vr[0], vi[0], ir[0], ii[0]);
            // A voltage near zero or not finite: the load exceeds what the feeder can carry.
            if (!(dmax <= 1e300) || !(vmin2 > 1e-6)) {
                status = kSweepCollapsed;
                break;
            }
            if (dmax < tol2) {
                status = kSweepConverged;
                break;
            }
        }
        // Branch currents at the final voltages, then losses, head power and the lowest voltage.
        backward(parent, n, st, ir, ii);
        double pl = 0.0, ql = 0.0, vmin2 = vr[0] * vr[0] + vi[0] * vi[0];
        std::int32_t vmin_bus = 0;
        for (std::int32_t i = 1; i < n; ++i) {
            const std::int64_t j = i * st;
            const double a2 = ir[j] * ir[j] + ii[j] * ii[j];
            pl += r[i] * a2;
            ql += x[i] * a2;
            const double m2 = vr[j] * vr[j] + vi[j] * vi[j];
            if (m2 < vmin2) {
                vmin2 = m2;
                vmin_bus = i;
            }
        }
        b.iterations[e] = it;
        b.status[e] = status;
        b.p_loss_pu[e] = pl;
        b.q_loss_pu[e] = ql;
        // S_head = V_0 conj(I_0)
        b.head_p_pu[e] = vr[0] * ir[0] + vi[0] * ii[0];
        b.head_q_pu[e] = vi[0] * ir[0] - vr[0] * ii[0];
        b.v_min_pu[e] = sqrt(vmin2);
        b.v_min_bus[e] = vmin_bus;
    }
};

CT_KERNELS_END
