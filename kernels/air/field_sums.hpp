#pragma once
// Ordered sums for the mass budget and KPIs: one thread per line sums it left to right, then
// one thread per pollutant sums its lines in order. The result is the same for any number of
// threads (no floating-point atomics).
#include <cstdint>

#include "kernels/air/air_field.hpp"
#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

// Σ over each row (p, j) of a float field, in double.
struct RowSums {
    std::int32_t nx;
    const float* c;
    double* out;   // [p * ny + j]

    CT_HD void operator()(std::int64_t row) const {
        const float* r = c + row * nx;
        double s = 0.0;
        for (std::int32_t i = 0; i < nx; ++i) s += r[i];
        out[row] = s;
    }
};

// accumulator[p] += scale · Σ_line a[p * lines + line] (+ the same of b, when given).
struct AddLineSums {
    std::int64_t lines;
    const double* a;
    const double* b;
    double scale;
    double* accumulator;

    CT_HD void operator()(std::int64_t p) const {
        double s = 0.0;
        for (std::int64_t l = 0; l < lines; ++l) {
            s += a[p * lines + l];
            if (b) s += b[p * lines + l];
        }
        accumulator[p] += scale * s;
    }
};

// Time integrals per cell for run means: integral += c Δt (double: thousands of steps).
struct IntegrateField {
    const float* c;
    double dt;
    double* integral;
    CT_HD void operator()(std::int64_t k) const { integral[k] += static_cast<double>(c[k]) * dt; }
};

// Rescales the field when the mixing height changes: the column keeps its mass.
struct ScaleField {
    float* c;
    float factor;
    CT_HD void operator()(std::int64_t k) const { c[k] *= factor; }
};

CT_KERNELS_END
