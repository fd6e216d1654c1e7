// Validation of the transport against analytic solutions (docs/models.md, "Air: validation").
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "air_test_setup.hpp"

namespace citytwin {
namespace {

// 1-D advection–diffusion of a Gaussian pulse: with c(x, 0) = exp(−(x − x0)² / 2σ0²),
// c(x, t) = σ0/σ(t) · exp(−(x − x0 − U t)² / 2σ(t)²), σ(t)² = σ0² + 2 K t
// (e.g. Hundsdorfer & Verwer 2003, §I.1). Relative L2 error over the grid.
double pulse_error(double dx) {
    const double L = 2400.0, U = 1.0, K = 5.0, x0 = 600.0, s0 = 100.0, T = 800.0;
    const auto nx = static_cast<std::int32_t>(std::lround(L / dx));
    auto air = sim::make_air_backend_cpu(test::transport_setup(nx, 1, dx), 0);
    std::vector<float> c(nx);
    for (std::int32_t i = 0; i < nx; ++i) {
        const double x = (i + 0.5) * dx;
        c[i] = static_cast<float>(std::exp(-(x - x0) * (x - x0) / (2 * s0 * s0)));
    }
    air->set_field(0, c);
    air->advance(T, test::uniform_wind(U, 0.0, K, 100.0));
    const std::vector<float> out = air->field(0);
    const double s2 = s0 * s0 + 2 * K * T;
    double num = 0.0, den = 0.0;
    for (std::int32_t i = 0; i < nx; ++i) {
        const double x = (i + 0.5) * dx;
        const double exact = s0 / std::sqrt(s2) * std::exp(-(x - x0 - U * T) * (x - x0 - U * T) / (2 * s2));
        num += (out[i] - exact) * (out[i] - exact);
        den += exact * exact;
    }
    return std::sqrt(num / den);
}

TEST(AirTransport, GaussianPulseMatchesAnalyticAndConverges) {
    const double e20 = pulse_error(20.0), e10 = pulse_error(10.0), e5 = pulse_error(5.0);
    std::printf("relative L2 error: dx 20 m %.3e, 10 m %.3e, 5 m %.3e; orders %.2f, %.2f\n", e20, e10, e5,
                std::log2(e20 / e10), std::log2(e10 / e5));
    EXPECT_LT(e10, 0.02);                     // the tested resolution: σ0 = 10 cells
    EXPECT_GE(std::log2(e20 / e10), 1.0);     // at least first order under refinement
    EXPECT_GE(std::log2(e10 / e5), 1.0);
}

// 2-D steady point source in uniform wind U along x with isotropic K, source q per unit depth
// (kg m⁻¹ s⁻¹): C = q / (2πK) · exp(U x / 2K) · K0(U r / 2K) (Carslaw & Jaeger 1959, §10.4;
// the classical continuous line source across a uniform stream).
TEST(AirTransport, SteadyPointSourceMatchesBesselSolution) {
    const double dx = 10.0, U = 1.0, K = 10.0, H = 100.0, Q = 1e-3;  // kg/s
    const std::int32_t nx = 110, ny = 81, si = 30, sj = 40;
    auto air = sim::make_air_backend_cpu(test::transport_setup(nx, ny, dx), 0);
    const double step = 30.0;
    for (int n = 0; n < 150; ++n) {
        air->add_point_sources({static_cast<std::int64_t>(sj) * nx + si}, {Q * step});
        air->advance(step, test::uniform_wind(U, 0.0, K, H));
    }
    const std::vector<float> c = air->field(0);
    const double q = Q / H * 1e9;  // µg m⁻¹ s⁻¹ per metre of depth
    int checked = 0;
    double worst = 0.0;
    for (std::int32_t dj : {0, 3, 6, -6}) {
        for (std::int32_t di = 5; di <= 40; ++di) {
            const double x = di * dx, y = dj * dx, r = std::hypot(x, y);
            if (r < 5 * dx) continue;
            const double exact = q / (2 * M_PI * K) * std::exp(U * x / (2 * K)) * std::cyl_bessel_k(0.0, U * r / (2 * K));
            const double got = c[static_cast<std::size_t>(sj + dj) * nx + si + di];
            worst = std::max(worst, std::fabs(got - exact) / exact);
            EXPECT_NEAR(got, exact, 0.05 * exact) << "at " << di << ", " << dj << " cells from the source";
            ++checked;
        }
    }
    std::printf("%d points checked, worst relative error %.3f\n", checked, worst);
}

}  // namespace
}  // namespace citytwin
