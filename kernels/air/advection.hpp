#pragma once
// Flux-form upwind advection along x or y with a flux limiter (Sweby 1984): the face value is
// the upwind cell plus a limited anti-diffusive correction,
//   c_f = c_u + ½ (1 − |ν|) ψ(r) (c_d − c_u),  r = (c_u − c_uu) / (c_d − c_u),
// van Leer ψ = (r + |r|) / (1 + |r|) or minmod ψ = max(0, min(1, r)); the cell changes by
// −ν (c_f,right − c_f,left), ν = u Δt / Δx. TVD and positive for |ν| ≤ 1. One thread per cell
// (each face is computed by both neighbours: no shared writes). See docs/models.md.
#include <cstdint>

#include "kernels/air/air_field.hpp"
#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

enum Limiter : int { kVanLeer = 0, kMinmod = 1 };

CT_HD inline float limiter_psi(float r, int limiter) {
    if (limiter == kMinmod) return r <= 0.0f ? 0.0f : (r < 1.0f ? r : 1.0f);
    const float ar = r < 0.0f ? -r : r;
    return (r + ar) / (1.0f + ar);
}

// ψ(r)·(c_d − c_u) without forming r: van Leer's is the harmonic mean 2ab/(a+b) of the two
// slopes a = c_u − c_uu, b = c_d − c_u where they agree in sign (0 otherwise); minmod the smaller.
CT_HD inline float limited_slope(float a, float b, int limiter) {
    // Branch-free selects, so row loops vectorise.
    const bool agree = a * b > 0.0f;
    const float s = a + b;
    const float vl = 2.0f * a * b / (agree ? s : 1.0f);  // same sign: a + b is never 0
    const float mm = a > 0.0f ? ct_min(a, b) : ct_max(a, b);
    return agree ? (limiter == kMinmod ? mm : vl) : 0.0f;
}

CT_HD inline float face_value(float c_uu, float c_u, float c_d, float abs_nu, int limiter) {
    return c_u + 0.5f * (1.0f - abs_nu) * limited_slope(c_u - c_uu, c_d - c_u, limiter);
}

// One sweep along a direction. For x: line position i, stride 1; for y: position j, stride nx.
// Cells on the first and last position of a line store what left through that edge (in
// concentration × cells: multiply by the cell volume for mass) in out_lo / out_hi[line].
struct Advect1D {
    FieldShape shape;
    const float* in;
    float* out;
    bool along_y;
    float nu;         // u Δt / Δx, signed
    int limiter;
    double* out_lo;   // [line]
    double* out_hi;

    CT_HD float face(std::int64_t base, std::int64_t stride, std::int32_t f, std::int32_t n) const {
        // face between positions f and f + 1
        const bool lo = nu > 0.0f, hi = nu < 0.0f;
        const float an = nu < 0.0f ? -nu : nu;
        if (nu >= 0.0f)
            return face_value(line_value(in, base, stride, f - 1, n, lo, hi), line_value(in, base, stride, f, n, lo, hi),
                              line_value(in, base, stride, f + 1, n, lo, hi), an, limiter);
        return face_value(line_value(in, base, stride, f + 2, n, lo, hi), line_value(in, base, stride, f + 1, n, lo, hi),
                          line_value(in, base, stride, f, n, lo, hi), an, limiter);
    }

    CT_HD void operator()(std::int64_t k) const {
        // 32-bit index arithmetic (fields hold fewer than 2^31 values: sim/air/air_setup.cpp).
        const auto kk = static_cast<std::uint32_t>(k);
        const std::uint32_t row = kk / static_cast<std::uint32_t>(shape.nx);   // p * ny + j
        const auto i = static_cast<std::int32_t>(kk - row * static_cast<std::uint32_t>(shape.nx));
        const std::uint32_t p = along_y ? row / static_cast<std::uint32_t>(shape.ny) : 0;
        const auto j = static_cast<std::int32_t>(row - p * static_cast<std::uint32_t>(shape.ny));
        const std::int32_t pos = along_y ? j : i, n = along_y ? shape.ny : shape.nx;
        const std::int64_t stride = along_y ? shape.nx : 1;
        const float an = nu < 0.0f ? -nu : nu;
        float left, right;
        if (pos >= 2 && pos <= n - 3) {
            // Interior: the five-cell stencil needs no boundary values.
            const float* q = in + k;
            const float m2 = q[-2 * stride], m1 = q[-stride], c0 = q[0], p1 = q[stride], p2 = q[2 * stride];
            if (nu >= 0.0f) {
                left = face_value(m2, m1, c0, an, limiter);
                right = face_value(m1, c0, p1, an, limiter);
            } else {
                left = face_value(p1, c0, m1, an, limiter);
                right = face_value(p2, p1, c0, an, limiter);
            }
        } else {
            const std::int64_t base = k - pos * stride;
            left = face(base, stride, pos - 1, n);
            right = face(base, stride, pos, n);
        }
        const float c = in[k] - nu * (right - left);
        out[k] = c > 0.0f ? c : 0.0f;  // rounding of a vanishing cell must not make it negative
        const std::int64_t line = along_y ? static_cast<std::int64_t>(p) * shape.nx + i : row;
        if (pos == 0) out_lo[line] = -static_cast<double>(nu) * left;
        if (pos == n - 1) out_hi[line] = static_cast<double>(nu) * right;
    }
};

CT_KERNELS_END
