// weather_at: interpolation in time between series samples.
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "sim/core/weather.hpp"

namespace citytwin::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

WeatherSample sample(double at, double temp, double speed, double from_deg, Stability st, double irr) {
    WeatherSample s;
    s.at_s = at;
    s.state.temperature_c = temp;
    s.state.wind_speed_mps = speed;
    s.state.wind_from_rad = from_deg * kDeg;
    s.state.stability = st;
    s.state.irradiance_wm2 = irr;
    return s;
}

TEST(WeatherAt, HeldOutsideAndLinearInside) {
    WeatherSpec w;
    w.samples = {sample(600, 10, 2, 90, Stability::B, 100), sample(1200, 20, 2, 90, Stability::E, 300)};
    EXPECT_DOUBLE_EQ(weather_at(w, 0).temperature_c, 10.0);
    EXPECT_DOUBLE_EQ(weather_at(w, 5000).temperature_c, 20.0);
    const WeatherState mid = weather_at(w, 900);
    EXPECT_DOUBLE_EQ(mid.temperature_c, 15.0);
    EXPECT_DOUBLE_EQ(mid.irradiance_wm2, 200.0);
    EXPECT_EQ(mid.stability, Stability::B);  // a class is the earlier sample's
    EXPECT_EQ(weather_at(w, 1200).stability, Stability::E);
    EXPECT_NEAR(mid.wind_speed_mps, 2.0, 1e-12);
    EXPECT_NEAR(mid.wind_from_rad, 90 * kDeg, 1e-12);
}

TEST(WeatherAt, WindTurnsThroughNorthAsAVector) {
    WeatherSpec w;
    w.samples = {sample(0, 20, 4, 350, Stability::D, -1), sample(100, 20, 4, 10, Stability::D, -1)};
    const WeatherState mid = weather_at(w, 50);
    EXPECT_NEAR(mid.wind_from_rad, 0.0, 1e-9);
    EXPECT_NEAR(mid.wind_speed_mps, 4.0 * std::cos(10 * kDeg), 1e-12);  // vector mean is shorter
}

TEST(WeatherAt, ClearSkyWinsOverAGivenIrradiance) {
    WeatherSpec w;
    w.samples = {sample(0, 20, 1, 0, Stability::D, -1), sample(100, 20, 1, 0, Stability::D, 500)};
    EXPECT_LT(weather_at(w, 50).irradiance_wm2, 0.0);
    EXPECT_DOUBLE_EQ(weather_at(w, 100).irradiance_wm2, 500.0);
}

}  // namespace
}  // namespace citytwin::sim
