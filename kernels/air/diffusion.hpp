#pragma once
// Explicit horizontal diffusion, five-point Laplacian: c' = c + κ (Σ neighbours − 4 c),
// κ = K Δt / Δx², positive for κ ≤ ¼. Boundaries as for advection: the background increment
// (0) beyond inflow edges, zero gradient (no diffusive flux) beyond outflow edges. Edge cells
// store what diffused out through each edge in the per-line arrays.
#include <cstdint>

#include "kernels/air/air_field.hpp"
#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

struct Diffuse2D {
    FieldShape shape;
    const float* in;
    float* out;
    float kappa;
    bool inflow_w, inflow_e, inflow_s, inflow_n;  // edges the wind blows in through
    double* out_w;    // [p * ny + j]
    double* out_e;
    double* out_s;    // [p * nx + i]
    double* out_n;

    CT_HD void operator()(std::int64_t k) const {
        const std::int64_t cells = shape.cells();
        const std::int64_t p = k / cells, cell = k - p * cells;
        const std::int32_t j = static_cast<std::int32_t>(cell / shape.nx);
        const std::int32_t i = static_cast<std::int32_t>(cell - static_cast<std::int64_t>(j) * shape.nx);
        const float c = in[k];
        const float w = line_value(in, k - i, 1, i - 1, shape.nx, inflow_w, inflow_e);
        const float e = line_value(in, k - i, 1, i + 1, shape.nx, inflow_w, inflow_e);
        const std::int64_t col = k - static_cast<std::int64_t>(j) * shape.nx;
        const float s = line_value(in, col, shape.nx, j - 1, shape.ny, inflow_s, inflow_n);
        const float n = line_value(in, col, shape.nx, j + 1, shape.ny, inflow_s, inflow_n);
        const float v = c + kappa * ((w - c) + (e - c) + (s - c) + (n - c));
        out[k] = v > 0.0f ? v : 0.0f;
        if (i == 0) out_w[p * shape.ny + j] = static_cast<double>(kappa) * (c - w);
        if (i == shape.nx - 1) out_e[p * shape.ny + j] = static_cast<double>(kappa) * (c - e);
        if (j == 0) out_s[p * shape.nx + i] = static_cast<double>(kappa) * (c - s);
        if (j == shape.ny - 1) out_n[p * shape.nx + i] = static_cast<double>(kappa) * (c - n);
    }
};

CT_KERNELS_END
