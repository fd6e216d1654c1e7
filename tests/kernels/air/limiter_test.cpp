// The flux limiters and the limited face value (Sweby 1984).
#include <gtest/gtest.h>

#include "kernels/air/advection.hpp"

namespace citytwin {
namespace {

namespace k = kernels;

TEST(Limiter, VanLeerAndMinmodValues) {
    EXPECT_FLOAT_EQ(k::limiter_psi(1.0f, k::kVanLeer), 1.0f);     // smooth: second order
    EXPECT_FLOAT_EQ(k::limiter_psi(-1.0f, k::kVanLeer), 0.0f);    // extremum: upwind
    EXPECT_FLOAT_EQ(k::limiter_psi(3.0f, k::kVanLeer), 1.5f);     // (3 + 3) / (1 + 3)
    EXPECT_FLOAT_EQ(k::limiter_psi(0.5f, k::kMinmod), 0.5f);
    EXPECT_FLOAT_EQ(k::limiter_psi(3.0f, k::kMinmod), 1.0f);
    EXPECT_FLOAT_EQ(k::limiter_psi(-2.0f, k::kMinmod), 0.0f);
}

TEST(Limiter, SlopeFormEqualsPsiTimesTheDownwindDifference) {
    for (float a : {-2.0f, -0.5f, 0.3f, 1.0f, 4.0f})
        for (float b : {-3.0f, -1.0f, 0.5f, 2.0f})
            for (int lim : {k::kVanLeer, k::kMinmod})
                EXPECT_NEAR(k::limited_slope(a, b, lim), k::limiter_psi(a / b, lim) * b, 1e-6f) << a << " " << b;
    EXPECT_EQ(k::limited_slope(1.0f, 0.0f, k::kVanLeer), 0.0f);  // flat downwind: upwind value
}

TEST(Limiter, FaceValueIsUpwindAtExtremaAndLaxWendroffOnLinearData) {
    EXPECT_FLOAT_EQ(k::face_value(2.0f, 3.0f, 1.0f, 0.3f, k::kVanLeer), 3.0f);  // peak: no correction
    // linear data, r = 1: c_u + ½(1 − |ν|)(c_d − c_u)
    EXPECT_FLOAT_EQ(k::face_value(1.0f, 2.0f, 3.0f, 0.2f, k::kVanLeer), 2.0f + 0.5f * 0.8f * 1.0f);
    EXPECT_FLOAT_EQ(k::face_value(4.0f, 4.0f, 4.0f, 0.5f, k::kMinmod), 4.0f);
}

}  // namespace
}  // namespace citytwin
