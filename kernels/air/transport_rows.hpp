#pragma once
// Row-at-a-time forms of the advection and diffusion kernels for the CPU backend: one thread
// per row of one pollutant walks the row left to right, so memory is read in order and each
// interior loop has no boundary branches (the compiler vectorises it). The arithmetic per cell
// is that of Advect1D and Diffuse2D; the CUDA backend uses those (one thread per cell,
// coalesced). Boundary outflow goes to the same per-line arrays.
#include <cstdint>

#include "kernels/air/advection.hpp"
#include "kernels/air/diffusion.hpp"

// The row loops read one array and write another: tell the host compiler to vectorise them.
#if defined(__CUDACC__) || !defined(_OPENMP)
#define CT_ROW_SIMD
#else
#define CT_ROW_SIMD _Pragma("omp simd")
#endif

CT_KERNELS_BEGIN

// One span of cells [begin, end) given, for the left and the right face of each cell, the
// upwind-upwind, upwind and downwind neighbours (arrays already offset for the direction).
CT_HD inline void advect_span(const float* lu2, const float* lu, const float* ld, const float* ru2, const float* ru,
                              const float* rd, const float* c0, float* out, std::int32_t begin, std::int32_t end,
                              float nu, int limiter) {
    const float an = nu < 0.0f ? -nu : nu;
    CT_ROW_SIMD
    for (std::int32_t i = begin; i < end; ++i) {
        const float l = face_value(lu2[i], lu[i], ld[i], an, limiter);
        const float r = face_value(ru2[i], ru[i], rd[i], an, limiter);
        const float c = c0[i] - nu * (r - l);
        out[i] = c > 0.0f ? c : 0.0f;
    }
}

// The stencil m2 m1 c0 p1 p2 (two cells back to two ahead) oriented by the wind's sign.
CT_HD inline void advect_span(const float* m2, const float* m1, const float* c0, const float* p1, const float* p2,
                              float* out, std::int32_t begin, std::int32_t end, float nu, int limiter) {
    if (nu >= 0.0f)
        advect_span(m2, m1, c0, m1, c0, p1, c0, out, begin, end, nu, limiter);
    else
        advect_span(p1, c0, m1, p2, p1, c0, c0, out, begin, end, nu, limiter);
}

struct AdvectRows {
    Advect1D a;   // shape, fields, direction, Courant number, limiter, outflow arrays

    CT_HD void operator()(std::int64_t row) const {
        const std::int32_t nx = a.shape.nx, ny = a.shape.ny;
        const std::int64_t first = row * nx;
        const float* q = a.in + first;
        if (!a.along_y) {
            // Cells 0, 1 and the last two through the general path (they carry the outflow).
            for (std::int32_t i = 0; i < nx; ++i) {
                if (i == 2 && nx > 4) i = nx - 2;
                a(first + i);
            }
            if (nx > 4) advect_span(q - 2, q - 1, q, q + 1, q + 2, a.out + first, 2, nx - 2, a.nu, a.limiter);
            return;
        }
        // Along y: this row's cells take their stencil from the rows above and below.
        const std::int32_t j = static_cast<std::int32_t>(row % ny);
        if (j < 2 || j > ny - 3) {
            for (std::int32_t i = 0; i < nx; ++i) a(first + i);
            return;
        }
        advect_span(q - 2 * nx, q - nx, q, q + nx, q + 2 * nx, a.out + first, 0, nx, a.nu, a.limiter);
    }
};

struct DiffuseRows {
    Diffuse2D d;

    CT_HD void operator()(std::int64_t row) const {
        const std::int32_t nx = d.shape.nx, ny = d.shape.ny;
        const std::int64_t first = row * nx;
        const std::int32_t j = static_cast<std::int32_t>(row % ny);
        if (j == 0 || j == ny - 1 || nx < 3) {
            for (std::int32_t i = 0; i < nx; ++i) d(first + i);
            return;
        }
        d(first);
        d(first + nx - 1);
        const float* s = d.in + first - nx;
        const float* c = d.in + first;
        const float* n = d.in + first + nx;
        float* o = d.out + first;
        const float k = d.kappa;
        CT_ROW_SIMD
        for (std::int32_t i = 1; i < nx - 1; ++i) {
            const float v = c[i] + k * ((c[i - 1] - c[i]) + (c[i + 1] - c[i]) + (s[i] - c[i]) + (n[i] - c[i]));
            o[i] = v > 0.0f ? v : 0.0f;
        }
    }
};

CT_KERNELS_END
