// The CPU backend's row and strip kernels give bit for bit what the per-cell kernels (the CUDA
// backend's) give, boundary outflow included.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/air/transport_rows.hpp"

namespace citytwin {
namespace {

namespace k = kernels;

struct Case {
    k::FieldShape shape{37, 23, 2};
    std::vector<float> in;
    Case() : in(static_cast<std::size_t>(shape.size())) {
        for (std::size_t i = 0; i < in.size(); ++i)  // rough field with plateaus and zeros
            in[i] = static_cast<float>((i * 2654435761u >> 7) % 97) * (i % 5 == 0 ? 0.0f : 0.37f);
    }
};

struct Outputs {
    std::vector<float> out;
    std::vector<double> lo, hi;
};

Outputs run_advect(const Case& c, bool along_y, float nu, int limiter, bool rows) {
    const std::size_t lines = static_cast<std::size_t>(c.shape.np) * (along_y ? c.shape.nx : c.shape.ny);
    Outputs o{std::vector<float>(c.in.size(), -1.0f), std::vector<double>(lines, -1.0), std::vector<double>(lines, -1.0)};
    const k::Advect1D cells{c.shape, c.in.data(), o.out.data(), along_y, nu, limiter, o.lo.data(), o.hi.data()};
    if (!rows) {
        for (std::int64_t i = 0; i < c.shape.size(); ++i) cells(i);
    } else if (along_y) {
        const k::AdvectColumns strips{cells};
        for (std::int64_t i = 0; i < strips.items(); ++i) strips(i);
    } else {
        const k::AdvectRows r{cells};
        for (std::int64_t i = 0; i < static_cast<std::int64_t>(c.shape.np) * c.shape.ny; ++i) r(i);
    }
    return o;
}

TEST(RowKernels, AdvectionMatchesThePerCellKernel) {
    const Case c;
    for (bool along_y : {false, true})
        for (float nu : {0.43f, -0.27f})
            for (int lim : {k::kVanLeer, k::kMinmod}) {
                const Outputs a = run_advect(c, along_y, nu, lim, false), b = run_advect(c, along_y, nu, lim, true);
                EXPECT_EQ(a.out, b.out) << "along_y " << along_y << " nu " << nu << " limiter " << lim;
                EXPECT_EQ(a.lo, b.lo);
                EXPECT_EQ(a.hi, b.hi);
            }
}

TEST(RowKernels, DiffusionMatchesThePerCellKernel) {
    const Case c;
    const std::size_t nyl = static_cast<std::size_t>(c.shape.np) * c.shape.ny, nxl = static_cast<std::size_t>(c.shape.np) * c.shape.nx;
    std::vector<float> o1(c.in.size()), o2(c.in.size());
    std::vector<double> w1(nyl), e1(nyl), s1(nxl), n1(nxl), w2(nyl), e2(nyl), s2(nxl), n2(nxl);
    const k::Diffuse2D d1{c.shape, c.in.data(), o1.data(), 0.21f, true, false, false, true, w1.data(), e1.data(), s1.data(), n1.data()};
    const k::Diffuse2D d2{c.shape, c.in.data(), o2.data(), 0.21f, true, false, false, true, w2.data(), e2.data(), s2.data(), n2.data()};
    for (std::int64_t i = 0; i < c.shape.size(); ++i) d1(i);
    const k::DiffuseRows rows{d2};
    for (std::int64_t r = 0; r < static_cast<std::int64_t>(nyl); ++r) rows(r);
    EXPECT_EQ(o1, o2);
    EXPECT_EQ(w1, w2);
    EXPECT_EQ(e1, e2);
    EXPECT_EQ(s1, s2);
    EXPECT_EQ(n1, n2);
}

}  // namespace
}  // namespace citytwin
