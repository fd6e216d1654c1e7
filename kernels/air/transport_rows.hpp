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

// The interior of a row along x with each face computed once: a chunk's faces into a small
// buffer, then its cells (face k lies between cells b − 1 + k and b + k). Needs two cells on
// either side of [begin, end).
CT_HD inline void advect_row_interior(const float* q, float* out, std::int32_t begin, std::int32_t end, float nu,
                                      int limiter) {
    constexpr std::int32_t kChunk = 256;
    float face[kChunk + 1];
    const float an = nu < 0.0f ? -nu : nu;
    for (std::int32_t b = begin; b < end; b += kChunk) {
        const std::int32_t n = (end - b < kChunk) ? end - b : kChunk;
        const float* f = q + b - 1;  // f[k]: the cell left of face k
        if (nu >= 0.0f) {
            CT_ROW_SIMD
            for (std::int32_t k = 0; k <= n; ++k) face[k] = face_value(f[k - 1], f[k], f[k + 1], an, limiter);
        } else {
            CT_ROW_SIMD
            for (std::int32_t k = 0; k <= n; ++k) face[k] = face_value(f[k + 2], f[k + 1], f[k], an, limiter);
        }
        CT_ROW_SIMD
        for (std::int32_t k = 0; k < n; ++k) {
            const float c = q[b + k] - nu * (face[k + 1] - face[k]);
            out[b + k] = c > 0.0f ? c : 0.0f;
        }
    }
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
            if (nx > 4) advect_row_interior(q, a.out + first, 2, nx - 2, a.nu, a.limiter);
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

// Advection along y by strips of up to 64 columns: one thread walks a strip from the first row
// to the last, computing each row face once and carrying it to the next row.
struct AdvectColumns {
    Advect1D a;   // along_y
    static constexpr std::int32_t kWidth = 64;

    CT_HD std::int64_t items() const {
        return static_cast<std::int64_t>(a.shape.np) * ((a.shape.nx + kWidth - 1) / kWidth);
    }

    // Faces between rows f and f + 1 of columns [i0, i0 + w) into dst.
    CT_HD void faces(std::int64_t plane, std::int32_t i0, std::int32_t w, std::int32_t f, float* dst) const {
        const std::int32_t nx = a.shape.nx, ny = a.shape.ny;
        if (f >= 1 && f <= ny - 3) {
            const float* m1 = a.in + plane + static_cast<std::int64_t>(f - 1) * nx + i0;
            const float *c0 = m1 + nx, *p1 = c0 + nx, *p2 = p1 + nx;
            const float an = a.nu < 0.0f ? -a.nu : a.nu;
            if (a.nu >= 0.0f) {
                CT_ROW_SIMD
                for (std::int32_t k = 0; k < w; ++k) dst[k] = face_value(m1[k], c0[k], p1[k], an, a.limiter);
            } else {
                CT_ROW_SIMD
                for (std::int32_t k = 0; k < w; ++k) dst[k] = face_value(p2[k], p1[k], c0[k], an, a.limiter);
            }
            return;
        }
        for (std::int32_t k = 0; k < w; ++k) dst[k] = a.face(plane + i0 + k, nx, f, ny);
    }

    CT_HD void operator()(std::int64_t item) const {
        const std::int32_t nx = a.shape.nx, ny = a.shape.ny;
        const std::int32_t strips = (nx + kWidth - 1) / kWidth;
        const std::int64_t p = item / strips;
        const std::int32_t i0 = static_cast<std::int32_t>(item - p * strips) * kWidth;
        const std::int32_t w = nx - i0 < kWidth ? nx - i0 : kWidth;
        const std::int64_t plane = p * a.shape.cells();
        float buffer[2][kWidth];
        float* below = buffer[0];
        float* above = buffer[1];
        faces(plane, i0, w, -1, below);
        for (std::int32_t j = 0; j < ny; ++j) {
            faces(plane, i0, w, j, above);
            const float* c0 = a.in + plane + static_cast<std::int64_t>(j) * nx + i0;
            float* out = a.out + plane + static_cast<std::int64_t>(j) * nx + i0;
            CT_ROW_SIMD
            for (std::int32_t k = 0; k < w; ++k) {
                const float c = c0[k] - a.nu * (above[k] - below[k]);
                out[k] = c > 0.0f ? c : 0.0f;
            }
            if (j == 0)
                for (std::int32_t k = 0; k < w; ++k) a.out_lo[p * nx + i0 + k] = -static_cast<double>(a.nu) * below[k];
            if (j == ny - 1)
                for (std::int32_t k = 0; k < w; ++k) a.out_hi[p * nx + i0 + k] = static_cast<double>(a.nu) * above[k];
            float* t = below;
            below = above;
            above = t;
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
