// Properties of the transport: the mass budget closes, fields stay non-negative, nothing moves
// without wind and diffusion.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "air_test_setup.hpp"

namespace citytwin {
namespace {

TEST(AirTransport, MassBudgetClosesOverThousandStepsAndFieldStaysNonNegative) {
    const std::int32_t nx = 40, ny = 30;
    auto air = sim::make_air_backend_cpu(test::transport_setup(nx, ny, 25.0), 0);
    const double deg = M_PI / 180.0;
    for (int n = 0; n < 1000; ++n) {
        // The wind turns and varies, so every edge is an outflow edge at some time.
        const double from = (240.0 + 0.4 * n) * deg, speed = 1.0 + 2.0 * (n % 7) / 7.0;
        air->add_point_sources({5L * nx + 8, 20L * nx + 30}, {2e-3, 5e-4 * (n % 3)});
        air->advance(10.0, test::uniform_wind(-speed * std::sin(from), -speed * std::cos(from), 20.0, 300.0, 1e-4));
        const std::vector<float> c = air->field(0);
        ASSERT_GE(*std::min_element(c.begin(), c.end()), 0.0f) << "negative concentration after step " << n;
    }
    const sim::AirBudget b = air->budget();
    const double balance = b.in_grid[0] + b.outflow[0] + b.removed[0];
    std::printf("emitted %.9g kg, in grid %.6g, outflow %.6g, removed %.6g, relative imbalance %.2e\n",
                b.emitted[0], b.in_grid[0], b.outflow[0], b.removed[0], (balance - b.emitted[0]) / b.emitted[0]);
    EXPECT_GT(b.outflow[0], 0.1 * b.emitted[0]);
    EXPECT_GT(b.removed[0], 0.01 * b.emitted[0]);
    EXPECT_NEAR(balance, b.emitted[0], 1e-6 * b.emitted[0]);
}

TEST(AirTransport, NothingMovesWithoutWindOrDiffusion) {
    const std::int32_t nx = 20, ny = 10;
    auto air = sim::make_air_backend_cpu(test::transport_setup(nx, ny, 50.0), 0);
    std::vector<float> c(static_cast<std::size_t>(nx) * ny);
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = static_cast<float>((i * 37) % 11);
    air->set_field(0, c);
    for (int n = 0; n < 20; ++n) air->advance(60.0, test::uniform_wind(0.0, 0.0, 0.0, 500.0));
    EXPECT_EQ(air->field(0), c);
    const sim::AirBudget b = air->budget();
    EXPECT_EQ(b.outflow[0], 0.0);
    EXPECT_EQ(b.removed[0], 0.0);
}

TEST(AirTransport, MinmodLimiterAlsoConservesAndStaysPositive) {
    auto air = sim::make_air_backend_cpu(test::transport_setup(30, 30, 20.0, 0.0, 1), 0);
    std::vector<float> c(900, 0.0f);
    for (int j = 10; j < 14; ++j)
        for (int i = 10; i < 14; ++i) c[j * 30 + i] = 100.0f;  // a square: steep edges for the limiter
    air->set_field(0, c);
    const double before = 16 * 100.0 * 20.0 * 20.0 * 200.0 * 1e-9;  // kg in the square
    for (int n = 0; n < 50; ++n) air->advance(10.0, test::uniform_wind(2.0, 1.0, 0.0, 200.0));
    const std::vector<float> out = air->field(0);
    EXPECT_GE(*std::min_element(out.begin(), out.end()), 0.0f);
    EXPECT_LE(*std::max_element(out.begin(), out.end()), 100.0f);  // TVD: no new maxima
    const sim::AirBudget b = air->budget();
    EXPECT_NEAR(b.in_grid[0] + b.outflow[0], before, 1e-6 * before);
}

}  // namespace
}  // namespace citytwin
