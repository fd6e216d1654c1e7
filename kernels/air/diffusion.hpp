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
        const auto kk = static_cast<std::uint32_t>(k);   // fewer than 2^31 values per field
        const std::uint32_t row = kk / static_cast<std::uint32_t>(shape.nx);
        const auto i = static_cast<std::int32_t>(kk - row * static_cast<std::uint32_t>(shape.nx));
        const std::uint32_t p = row / static_cast<std::uint32_t>(shape.ny);
        const auto j = static_cast<std::int32_t>(row - p * static_cast<std::uint32_t>(shape.ny));
        const float c = in[k];
        const float w = line_value(in, k - i, 1, i - 1, shape.nx, inflow_w, inflow_e);
        const float e = line_value(in, k - i, 1, i + 1, shape.nx, inflow_w, inflow_e);
        const std::int64_t col = k - static_cast<std::int64_t>(j) * shape.nx;
        const float s = line_value(in, col, shape.nx, j - 1, shape.ny, inflow_s, inflow_n);
        const float n = line_value(in, col, shape.nx, j + 1, shape.ny, inflow_s, inflow_n);
        const float v = c + kappa * ((w - c) + (e - c) + (s - c) + (n - c));
        out[k] = v > 0.0f ? v : 0.0f;
        if (i == 0) out_w[row] = static_cast<double>(kappa) * (c - w);
        if (i == shape.nx - 1) out_e[row] = static_cast<double>(kappa) * (c - e);
        if (j == 0) out_s[static_cast<std::int64_t>(p) * shape.nx + i] = static_cast<double>(kappa) * (c - s);
        if (j == shape.ny - 1) out_n[static_cast<std::int64_t>(p) * shape.nx + i] = static_cast<double>(kappa) * (c - n);
    }
};

CT_KERNELS_END
