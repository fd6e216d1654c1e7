#pragma once
// The power-flow state on one backend, behind a host interface. Each backend (cpu: Thrust's
// OpenMP system; cuda) implements it from one source, sim/power/power_device.cpp.
//
// A batch is a list of elements, each one feeder under its own loads: the standalone solver
// and the benchmark batch copies or time steps of a feeder, the engine batches all feeders of
// the city for one power step. One launch solves the whole batch.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/core/state_archive.hpp"
#include "sim/power/feeder.hpp"

namespace citytwin::sim {

struct SweepSettings {
    double tolerance_pu = 1e-10;   // on max |dV| between iterations
    int max_iterations = 100;
    // Device layout of a batch: 0 each element's buses together, 1 elements of the same feeder
    // interleaved bus by bus (coalesced on a GPU), -1 the backend's choice (1 on CUDA). The
    // results do not depend on it.
    int interleave = -1;
};

// Per-bus inputs of the load model, all feeders concatenated in feeder order (static).
struct BusDemand {
    std::vector<double> fixed_p_kw, fixed_q_kvar;   // the branch tables' loads
    std::vector<double> residents, commercial_jobs, industrial_jobs, pv_kwp;
};

// One step's scalar factors of the load model (kernels/power/loads.hpp).
struct LoadStepFactors {
    double residential_kw_per_person = 0.0;
    double commercial_kw_per_job = 0.0;
    double industrial_kw_per_job = 0.0;
    double temperature_kw_per_person = 0.0;
    double pv_kw_per_kwp = 0.0;
    double tan_phi = 0.0;
};

// What a solve gives back, in engineering units.
struct SweepResults {
    // per element
    std::vector<std::int32_t> iterations;
    std::vector<std::uint8_t> status;              // kernels::SweepStatus
    std::vector<double> p_loss_kw, q_loss_kvar, head_p_kw, head_q_kvar, v_min_pu;
    std::vector<std::int32_t> v_min_bus;           // index into the feeder's buses
    // per element-bus (element e's bus i at offset[e] + i); the branch is the one into the bus
    std::vector<double> v_pu, v_angle_rad, branch_current_a, branch_p_loss_kw;
    std::vector<std::int64_t> offset;
};

// The load parts of the last assemble_loads(), per bus, in kW.
struct BusLoadParts {
    std::vector<double> base_kw, temperature_kw, pv_kw, p_kw, q_kvar;
};

class PowerBackend {
public:
    virtual ~PowerBackend() = default;
    virtual const char* backend_name() const = 0;
    // Element e solves feeder element_feeder[e] at the feeders' slack voltage.
    virtual void set_batch(const std::vector<std::int32_t>& element_feeder) = 0;
    // Loads per element-bus (kW, kvar; negative: generation), in batch order.
    virtual void set_loads(const std::vector<double>& p_kw, const std::vector<double>& q_kvar) = 0;
    // One element per feeder: loads from the load model (needs BusDemand at construction).
    virtual void assemble_loads(const LoadStepFactors& factors, const std::vector<double>& ev_kw) = 0;
    virtual void solve() = 0;
    // Per-element summaries only (cheap); full per-bus results.
    virtual void summaries(SweepResults& out) = 0;
    virtual void results(SweepResults& out) = 0;
    virtual BusLoadParts load_parts() = 0;
    virtual std::int64_t batch_buses() const = 0;   // Σ buses over the batch's elements
    // Series impedance (ohm) of the branch into each bus, all feeders' buses concatenated,
    // replacing the feeders' from the next solve.
    virtual void set_impedance(const std::vector<double>& r_ohm, const std::vector<double>& x_ohm) = 0;
    // Rooftop PV per bus (kWp), replacing the demand's from the next assemble_loads().
    virtual void set_pv_kwp(const std::vector<double>& kwp) = 0;
    // The batch's last solution and loads (checkpoints).
    virtual void save(StateWriter& w) = 0;
    virtual void restore(const StateReader& r) = 0;
};

// `demand` may be null when loads are always given with set_loads().
std::unique_ptr<PowerBackend> make_power_backend_cpu(const std::vector<Feeder>& feeders, const SweepSettings& s,
                                                     const BusDemand* demand, int threads);
#if defined(CITYTWIN_HAVE_CUDA)
std::unique_ptr<PowerBackend> make_power_backend_cuda(const std::vector<Feeder>& feeders, const SweepSettings& s,
                                                      const BusDemand* demand, int threads);
#endif

}  // namespace citytwin::sim
