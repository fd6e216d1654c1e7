// The pieces of the load model: land-use shapes, the change-point temperature term, the sun,
// and EV charging sessions across power steps.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/power/clear_sky.hpp"
#include "sim/power/ev_charging.hpp"
#include "sim/power/load_profiles.hpp"

namespace citytwin {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(LoadModel, ShapesPeakAtOneWhereTheirSourcesPeak) {
    using sim::LandUse;
    EXPECT_DOUBLE_EQ(sim::land_use_shape(LandUse::Residential, 19.0), 1.0);  // H25: evening
    EXPECT_DOUBLE_EQ(sim::land_use_shape(LandUse::Commercial, 11.0), 1.0);   // G25: late morning
    EXPECT_DOUBLE_EQ(sim::land_use_shape(LandUse::Industrial, 12.0), 1.0);
    EXPECT_DOUBLE_EQ(sim::land_use_shape(LandUse::Industrial, 3.0), 0.75);
    // Linear between hours, periodic over the day.
    const double a = sim::land_use_shape(LandUse::Residential, 18.0), b = sim::land_use_shape(LandUse::Residential, 19.0);
    EXPECT_DOUBLE_EQ(sim::land_use_shape(LandUse::Residential, 18.5), 0.5 * (a + b));
    EXPECT_DOUBLE_EQ(sim::land_use_shape(LandUse::Commercial, 25.0), sim::land_use_shape(LandUse::Commercial, 1.0));
    EXPECT_LT(sim::land_use_shape(LandUse::Commercial, 3.0), 0.3);
}

TEST(LoadModel, ChangePointTemperatureTerm) {
    EXPECT_DOUBLE_EQ(sim::temperature_kw_per_person(18.0, 15.0, 22.0, 0.01, 0.02), 0.0);
    EXPECT_DOUBLE_EQ(sim::temperature_kw_per_person(30.0, 15.0, 22.0, 0.01, 0.02), 0.16);
    EXPECT_DOUBLE_EQ(sim::temperature_kw_per_person(5.0, 15.0, 22.0, 0.01, 0.02), 0.1);
}

TEST(LoadModel, SunIsHighestNearSolarNoonAndDownAtNight) {
    // Equinox (day 80) on the equator at the zone meridian: the sun passes close to the zenith
    // at solar noon, which the equation of time (about -7.5 min on 21 March) moves to 12:07.
    const double noon = sim::cos_solar_zenith(80, 12.0 + 7.5 / 60.0, 0.0, 0.0, 0.0);
    EXPECT_GT(noon, 0.999);
    EXPECT_LT(sim::cos_solar_zenith(80, 0.0, 0.0, 0.0, 0.0), -0.99);
    EXPECT_NEAR(sim::clear_sky_ghi_wm2(noon), 1098.0 * std::exp(-0.059), 2.0);
    EXPECT_EQ(sim::clear_sky_ghi_wm2(-0.2), 0.0);
    // Summer solstice at 48° N: noon elevation 90 - 48 + 23.45 = 65.45°.
    double best = -1;
    for (double h = 10; h < 16; h += 1.0 / 60.0)
        best = std::max(best, sim::cos_solar_zenith(172, h, 48 * kDeg, 15 * kDeg, 1.0));
    EXPECT_NEAR(std::acos(best) / kDeg, 90.0 - 65.45, 0.1);
    // A local clock past 24 h is the next day.
    EXPECT_NEAR(sim::cos_solar_zenith(80, 36.0, 0.3, 0.0, 0.0), sim::cos_solar_zenith(81, 12.0, 0.3, 0.0, 0.0), 1e-12);
}

TEST(LoadModel, EvSessionsChargeAcrossStepsUntilFull) {
    sim::EvTypeParams car{false, 0, 0, 0}, ev{true, 40.0, 0.2, 10.0};
    // Links 0 and 1 at buses 0 and 1.
    sim::EvCharging c({car, ev}, {0, 1}, 2);
    sim::TripRow a;
    a.type = 1;
    a.destination_link = 1;
    a.arrival_s = 150.0;
    a.route_length_m = 10000.0f;  // 2 kWh
    a.status = sim::TripStatus::Arrived;
    sim::TripRow petrol = a;
    petrol.type = 0;
    sim::TripRow running = a;
    running.status = sim::TripStatus::Running;
    sim::TripRow far = a;
    far.route_length_m = 500000.0f;  // 100 kWh drawn from a 40 kWh battery: capped
    far.destination_link = 0;
    c.add_arrivals({a, petrol, running, far});
    EXPECT_EQ(c.sessions(), 2);
    EXPECT_DOUBLE_EQ(c.drawn_kwh(), 42.0);
    // Step [0, 300): both charge from 150 s at 10 kW: 150 s x 10 kW = 0.41667 kWh each.
    auto kw = c.charge(0.0, 300.0);
    EXPECT_NEAR(kw[1], 10.0 * 150.0 / 300.0, 1e-12);
    EXPECT_NEAR(kw[0], 5.0, 1e-12);
    // Through the next steps the 2 kWh session ends inside a step: 2 kWh at 10 kW = 720 s
    // from 150 s, i.e. at 870 s, within [600, 900).
    kw = c.charge(300.0, 600.0);
    EXPECT_NEAR(kw[1], 10.0, 1e-12);
    kw = c.charge(600.0, 900.0);
    EXPECT_NEAR(kw[1], 10.0 * 270.0 / 300.0, 1e-9);
    kw = c.charge(900.0, 1200.0);
    EXPECT_EQ(kw[1], 0.0);
    EXPECT_EQ(c.active(), 1);
    EXPECT_NEAR(c.delivered_kwh() + c.pending_kwh(), c.drawn_kwh(), 1e-12);
    EXPECT_NEAR(c.pending_kwh(), 40.0 - 10.0 * 1050.0 / 3600.0, 1e-9);
}

}  // namespace
}  // namespace citytwin
