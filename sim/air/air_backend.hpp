#pragma once
// The air state on one backend behind a host interface the engine drives. Each backend (cpu:
// Thrust's OpenMP system; cuda) implements it from one source, sim/air/air_device.cpp.
#include <cstdint>
#include <memory>
#include <vector>

#include "kernels/traffic/vehicle_state_view.hpp"
#include "sim/air/air_setup.hpp"
#include "sim/air/dispersion_weather.hpp"
#include "sim/core/air_records.hpp"
#include "sim/core/state_archive.hpp"

namespace citytwin::sim {

// Mass budget per pollutant since the start (kg), of the local increment over the background:
// emitted = in_grid + outflow + removed up to rounding.
struct AirBudget {
    std::vector<double> emitted, in_grid, outflow, removed;
};

class AirBackend {
public:
    virtual ~AirBackend() = default;
    // Emissions of the vehicles' last traffic step, into the source buffer and their totals.
    // `vehicles` must come from a traffic backend on the same device.
    virtual void emit(const kernels::VehicleStateView& vehicles) = 0;
    // Stack masses (kg) for the coming air step: kg[stack * pollutants + p] into cell[stack].
    virtual void add_point_sources(const std::vector<std::int64_t>& cell, const std::vector<double>& kg) = 0;
    // One air step of dt seconds: the source buffer is spread over it, transport in CFL sub-steps.
    virtual void advance(double dt, const TransportParams& tp) = 0;
    // Fields at time t; emission fields are the means since the previous frame (interval_s).
    virtual AirFrame frame(double t, double interval_s) = 0;
    // The concentration fields at time t alone (no emissions; nothing reset): a checkpoint's view.
    virtual AirFrame concentrations(double t) = 0;
    virtual AirBudget budget() = 0;
    // Per-vehicle totals, kg: [species * n_trips + trip] (kernels::EmittedSpecies).
    virtual std::vector<double> vehicle_totals() = 0;
    // ∫ increment dt per cell since the start (µg m⁻³ s): [p * cells + cell].
    virtual std::vector<double> field_integral() = 0;
    // Largest increment seen at the end of any air step, per pollutant (µg/m³).
    virtual std::vector<double> max_increment() const = 0;
    // The increment field of pollutant p (tests), and setting it (tests: initial conditions).
    virtual std::vector<float> field(int p) = 0;
    virtual void set_field(int p, const std::vector<float>& values) = 0;
    virtual std::int64_t substeps() const = 0;   // transport sub-steps taken so far
    // Fields, budgets, per-vehicle totals (checkpoints).
    virtual void save(StateWriter& w) = 0;
    virtual void restore(const StateReader& r, const RestorePlan& plan) = 0;
};

std::unique_ptr<AirBackend> make_air_backend_cpu(const AirSetup& setup, int threads);
#if defined(CITYTWIN_HAVE_CUDA)
std::unique_ptr<AirBackend> make_air_backend_cuda(const AirSetup& setup, int threads);
#endif

}  // namespace citytwin::sim
