#pragma once
// Layout of the air fields: one float per cell per pollutant, cell (p, j, i) at
// (p * ny + j) * nx + i, x (i) fastest. Lines are rows (along x) or columns (along y) of one
// pollutant; boundary kernels write one value per line so sums over them are ordered.
#include <cstdint>

#include "kernels/core/qualifiers.hpp"

namespace citytwin::kernels {

struct FieldShape {
    std::int32_t nx, ny, np;
    CT_HD std::int64_t cells() const { return static_cast<std::int64_t>(nx) * ny; }
    CT_HD std::int64_t size() const { return cells() * np; }
};

// Value of the cell `k` steps along a line from `base`, with the boundary conditions: beyond an
// inflow edge the increment over the background is 0; beyond an outflow edge the field
// continues unchanged (zero gradient, free outflow).
CT_HD inline float line_value(const float* c, std::int64_t base, std::int64_t stride, std::int32_t k,
                              std::int32_t n, bool inflow_lo, bool inflow_hi) {
    if (k < 0) return inflow_lo ? 0.0f : c[base];
    if (k >= n) return inflow_hi ? 0.0f : c[base + (n - 1) * stride];
    return c[base + k * stride];
}

}  // namespace citytwin::kernels
