#pragma once
// Emissions of every running vehicle over one traffic step: HBEFA3 exhaust (zero for electric
// types) from the step's mean speed and acceleration, non-exhaust PM from the distance driven.
// Each vehicle adds its masses to its own totals (one thread per vehicle: exact) and, in integer
// fixed point, to the air grid cell under it (integer sums are order-free: deterministic).
#include <cstdint>

#include "kernels/air/hbefa3.hpp"
#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/positions.hpp"
#include "kernels/traffic/traffic_view.hpp"
#include "kernels/traffic/vehicle_state_view.hpp"

CT_KERNELS_BEGIN

// The air grid as the emission kernel sees it: cell of a point, fixed-point source buffer.
struct SourceGrid {
    double x0, y0;                   // lower-left corner of cell (0, 0)
    double inv_cell;
    std::int32_t nx, ny;
    std::int32_t n_pollutants;
    const float* weight;             // [p * kEmitSpecies + s]: share of species s in pollutant p
    unsigned long long* source;      // [p * nx * ny + cell], units of kSourceUnitKg
};

// One fixed-point unit of the source buffer: 1e-13 kg (0.1 ng). A car's smallest per-step
// contribution (~3e-8 kg exhaust PM) is ~3e5 units; one cell holds up to 1.8e6 kg per air step.
constexpr double kSourceUnitKg = 1e-13;

// Cell index of a point, clamped to the grid (the grid covers the network with a margin, so
// the clamp only guards against rounding at the edge).
CT_HD inline std::int64_t source_cell(const SourceGrid& g, double x, double y) {
    std::int64_t i = static_cast<std::int64_t>(floor((x - g.x0) * g.inv_cell));
    std::int64_t j = static_cast<std::int64_t>(floor((y - g.y0) * g.inv_cell));
    i = i < 0 ? 0 : (i >= g.nx ? g.nx - 1 : i);
    j = j < 0 ? 0 : (j >= g.ny ? g.ny - 1 : j);
    return j * g.nx + i;
}

CT_HD inline void add_to_source(const SourceGrid& g, std::int64_t cell, const double* kg) {
    const std::int64_t n_cells = static_cast<std::int64_t>(g.nx) * g.ny;
    for (int p = 0; p < g.n_pollutants; ++p) {
        double m = 0.0;
        for (int s = 0; s < kEmitSpecies; ++s) m += g.weight[p * kEmitSpecies + s] * kg[s];
        const unsigned long long units = static_cast<unsigned long long>(m / kSourceUnitKg + 0.5);
        if (units) atomic_add(g.source + p * n_cells + cell, units);
    }
}

struct VehicleEmissions {
    VehicleStateView veh;
    SourceGrid grid;
    const std::int32_t* type_class;      // per vehicle type: row of the coefficient table
    const std::uint8_t* type_exhaust;    // 0: electric, no exhaust
    const float* type_nonexhaust;        // [type * 2 + {0: PM10, 1: PM2.5}], kg per m driven
    const float* coef;                   // [class][kExhaustSpecies][kHbefa3Terms]
    double dt;
    std::int64_t n_trips;
    double* total;                       // [s * n_trips + vehicle], kg

    CT_HD void operator()(std::int64_t k) const {
        const std::int32_t v = veh.active[k];
        if (veh.status[v] != kRunning) return;
        const std::int32_t ty = veh.type[v];
        const double v1 = veh.speed[v], v0 = veh.speed_prev[v];
        double kg[kEmitSpecies];
        // Exhaust at the step's mean speed and its acceleration; SUMO evaluates at the speed
        // and acceleration of the step just taken.
        const double vm = 0.5 * (v0 + v1), a = (v1 - v0) / dt;
        for (int s = 0; s < kExhaustSpecies; ++s) {
            const float* f = coef + (type_class[ty] * kExhaustSpecies + s) * kHbefa3Terms;
            kg[s] = type_exhaust[ty] ? hbefa3_mg_per_s(f, vm, a) * 1e-6 * dt : 0.0;
        }
        const double dist = vm * dt;  // ballistic update: distance driven in the step
        kg[kEmitPM10NonExhaust] = type_nonexhaust[ty * 2 + 0] * dist;
        kg[kEmitPM25NonExhaust] = type_nonexhaust[ty * 2 + 1] * dist;
        for (int s = 0; s < kEmitSpecies; ++s) total[s * n_trips + v] += kg[s];
        const WorldPoint w = lane_world_point(veh.lane[v], veh.pos[v], veh.lane_link, veh.lane_index, veh.link_length,
                                              veh.link_x0, veh.link_y0, veh.link_x1, veh.link_y1);
        add_to_source(grid, source_cell(grid, w.x, w.y), kg);
    }
};

CT_KERNELS_END
