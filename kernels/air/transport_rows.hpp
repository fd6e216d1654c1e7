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

struct AdvectRows {
    Advect1D a;   // shape, fields, direction, Courant number, limiter, outflow arrays

    CT_HD void operator()(std::int64_t row) const {
        const std::int32_t nx = a.shape.nx, ny = a.shape.ny;
        const std::int64_t first = row * nx;
        if (!a.along_y) {
            // Faces along the row: cells 0, 1 and the last two through the general path.
            for (std::int32_t i = 0; i < nx; ++i) {
                if (i == 2 && nx > 4) i = nx - 2;  // interior done below
                a(first + i);
            }
            if (nx <= 4) return;
            const float* q = a.in + first;
            float* o = a.out + first;
            const float nu = a.nu, an = nu < 0.0f ? -nu : nu;
            const int lim = a.limiter;
            if (nu >= 0.0f) {
                CT_ROW_SIMD
                for (std::int32_t i = 2; i < nx - 2; ++i) {
                    const float l = face_value(q[i - 2], q[i - 1], q[i], an, lim);
                    const float r = face_value(q[i - 1], q[i], q[i + 1], an, lim);
                    const float c = q[i] - nu * (r - l);
                    o[i] = c > 0.0f ? c : 0.0f;
                }
            } else {
                CT_ROW_SIMD
                for (std::int32_t i = 2; i < nx - 2; ++i) {
                    const float l = face_value(q[i + 1], q[i], q[i - 1], an, lim);
                    const float r = face_value(q[i + 2], q[i + 1], q[i], an, lim);
                    const float c = q[i] - nu * (r - l);
                    o[i] = c > 0.0f ? c : 0.0f;
                }
            }
            return;
        }
        // Along y: this row's cells take their stencil from the rows above and below.
        const std::int32_t j = static_cast<std::int32_t>(row % ny);
        if (j < 2 || j > ny - 3) {
            for (std::int32_t i = 0; i < nx; ++i) a(first + i);
            return;
        }
        const float* m2 = a.in + first - 2 * nx;
        const float* m1 = a.in + first - nx;
        const float* c0 = a.in + first;
        const float* p1 = a.in + first + nx;
        const float* p2 = a.in + first + 2 * nx;
        float* o = a.out + first;
        const float nu = a.nu, an = nu < 0.0f ? -nu : nu;
        const int lim = a.limiter;
        if (nu >= 0.0f) {
            CT_ROW_SIMD
            for (std::int32_t i = 0; i < nx; ++i) {
                const float l = face_value(m2[i], m1[i], c0[i], an, lim);
                const float r = face_value(m1[i], c0[i], p1[i], an, lim);
                const float c = c0[i] - nu * (r - l);
                o[i] = c > 0.0f ? c : 0.0f;
            }
        } else {
            CT_ROW_SIMD
            for (std::int32_t i = 0; i < nx; ++i) {
                const float l = face_value(p1[i], c0[i], m1[i], an, lim);
                const float r = face_value(p2[i], p1[i], c0[i], an, lim);
                const float c = c0[i] - nu * (r - l);
                o[i] = c > 0.0f ? c : 0.0f;
            }
        }
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
