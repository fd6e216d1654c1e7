#pragma once
// The source buffer between traffic and air: emissions accumulate there in integer fixed point
// (kernels/air/vehicle_emissions.hpp) every traffic step; at each air step it becomes a source
// rate per cell and is cleared. Point sources (stacks) add to the same buffer.
#include <cstdint>

#include "kernels/air/vehicle_emissions.hpp"
#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"

CT_KERNELS_BEGIN

// Adds stack masses (kg, one per stack and pollutant) to their cells.
struct AddPointSources {
    const std::int64_t* cell;      // [stack]
    const double* kg;              // [stack * np + p]
    std::int32_t np;
    std::int64_t n_cells;
    unsigned long long* source;

    CT_HD void operator()(std::int64_t s) const {
        for (int p = 0; p < np; ++p) {
            const unsigned long long units = static_cast<unsigned long long>(kg[s * np + p] / kSourceUnitKg + 0.5);
            if (units) atomic_add(source + p * n_cells + cell[s], units);
        }
    }
};

// Source buffer → rate (µg m⁻³ s⁻¹ over the air step) and mass into the output accumulator;
// clears the buffer.
struct TakeSources {
    unsigned long long* source;
    float* rate;
    double* emitted_since_frame;   // kg per cell, reset at output frames
    double ug_per_m3_per_unit;     // kSourceUnitKg · 1e9 / cell volume
    double inv_dt;

    CT_HD void operator()(std::int64_t k) const {
        const unsigned long long u = source[k];
        source[k] = 0;
        rate[k] = static_cast<float>(static_cast<double>(u) * ug_per_m3_per_unit * inv_dt);
        emitted_since_frame[k] += static_cast<double>(u) * kSourceUnitKg;
    }
};

// The middle of a Strang step for one row: add the sources over Δt, then first-order removal
// (decay, deposition) exactly, c ← (c + s Δt) e^{−kΔt}. One thread per row (p, j), so the
// removed amount sums in a fixed order.
struct SourceAndDecayRows {
    std::int32_t nx, ny;
    float* c;
    const float* rate;
    const float* keep;       // [p] e^{−k Δt}
    float dt;
    double* removed;         // [p * ny + j], concentration × cells

    CT_HD void operator()(std::int64_t row) const {
        const std::int64_t p = row / ny;
        const float f = keep[p];
        float* r = c + row * nx;
        const float* s = rate + row * nx;
        // Four running sums in a fixed pattern: no long dependency chain, same order on every
        // backend and thread count.
        double g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0;
        std::int32_t i = 0;
        for (; i + 4 <= nx; i += 4) {
            g0 += step(r, s, i, f);
            g1 += step(r, s, i + 1, f);
            g2 += step(r, s, i + 2, f);
            g3 += step(r, s, i + 3, f);
        }
        for (; i < nx; ++i) g0 += step(r, s, i, f);
        removed[row] = (g0 + g1) + (g2 + g3);
    }

    // One cell; returns what the removal took.
    CT_HD double step(float* r, const float* s, std::int32_t i, float f) const {
        const float with_source = r[i] + s[i] * dt;
        const float after = with_source * f;
        r[i] = after;
        return static_cast<double>(with_source) - static_cast<double>(after);
    }
};

CT_KERNELS_END
