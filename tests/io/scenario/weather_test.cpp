// The weather section: constants, location, series; and its errors.
#include <cmath>
#include <numbers>
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

const std::string kBase = R"(citytwin: 1
name: w
duration: 2 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
demand:
  generate: {trips: 10}
)";

sim::Scenario load(const std::string& weather) { return load_scenario_text(kBase + weather, "w.yaml", {}, "."); }

std::string error_of(const std::string& weather) {
    try {
        load(weather);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(WeatherSection, AbsentGivesOneDefaultSample) {
    const sim::Scenario s = load("");
    ASSERT_EQ(s.weather.samples.size(), 1u);
    EXPECT_DOUBLE_EQ(s.weather.samples[0].state.temperature_c, 20.0);
    EXPECT_EQ(s.weather.samples[0].state.stability, sim::Stability::D);
    EXPECT_LT(s.weather.samples[0].state.irradiance_wm2, 0.0);  // clear sky
}

TEST(WeatherSection, ConstantsInSiUnits) {
    const sim::Scenario s = load(
        "weather:\n  location: {latitude: 44.5 deg, longitude: 11.3 deg, utc_offset: 1 h}\n"
        "  temperature: 300 K\n  wind: {speed: 18 km/h, from: NW}\n  stability: b\n"
        "  mixing_height: 1.2 km\n  irradiance: 0.65 kW/m2\n");
    ASSERT_EQ(s.weather.samples.size(), 1u);
    const sim::WeatherState& w = s.weather.samples[0].state;
    EXPECT_NEAR(w.temperature_c, 26.85, 1e-12);
    EXPECT_DOUBLE_EQ(w.wind_speed_mps, 5.0);
    EXPECT_NEAR(w.wind_from_rad, 315.0 * kDeg, 1e-12);
    EXPECT_EQ(w.stability, sim::Stability::B);
    EXPECT_DOUBLE_EQ(w.mixing_height_m, 1200.0);
    EXPECT_DOUBLE_EQ(w.irradiance_wm2, 650.0);
    EXPECT_NEAR(s.weather.latitude_rad, 44.5 * kDeg, 1e-12);
    EXPECT_NEAR(s.weather.longitude_rad, 11.3 * kDeg, 1e-12);
    EXPECT_DOUBLE_EQ(s.weather.utc_offset_h, 1.0);
}

TEST(WeatherSection, SeriesEntriesInheritEarlierValues) {
    const sim::Scenario s = load(
        "weather:\n  temperature: 18\n  wind: {speed: 2 m/s, from: 90 deg}\n  series:\n"
        "    - {at: 0 s}\n    - {at: 1 h, temperature: 30 °C}\n    - {at: 2 h, wind: {from: 180 deg}}\n");
    ASSERT_EQ(s.weather.samples.size(), 3u);
    EXPECT_DOUBLE_EQ(s.weather.samples[0].state.temperature_c, 18.0);
    EXPECT_DOUBLE_EQ(s.weather.samples[1].state.temperature_c, 30.0);
    EXPECT_DOUBLE_EQ(s.weather.samples[2].state.temperature_c, 30.0);
    EXPECT_DOUBLE_EQ(s.weather.samples[2].state.wind_speed_mps, 2.0);
    EXPECT_NEAR(s.weather.samples[2].state.wind_from_rad, std::numbers::pi, 1e-12);
    EXPECT_EQ(s.weather.samples[1].mark.line, 13);
}

TEST(WeatherSection, Errors) {
    EXPECT_EQ(error_of("weather: {stability: G}\n"),
              "w.yaml:8:22: weather.stability: expected a Pasquill-Gifford stability class A, B, C, D, E or F "
              "(A very unstable, D neutral, F stable), got 'G'");
    EXPECT_EQ(error_of("weather: {wind: {from: 400 deg}}\n"),
              "w.yaml:8:24: weather.wind.from: expected a direction between 0 and 360 deg (where the wind blows from, "
              "clockwise from north) or a compass point such as 'W' or 'NNE', got '400 deg'");
    EXPECT_EQ(error_of("weather: {wind: {to: 90 deg}}\n"),
              "w.yaml:8:18: weather.wind.to: give 'from': where the wind blows from (meteorological convention)");
    EXPECT_EQ(error_of("weather: {temperature: 24 m}\n"),
              "w.yaml:8:24: weather.temperature: expected a temperature (°C, degC, C, K), got '24 m', which is a length");
    EXPECT_EQ(error_of("weather: {mixing_height: -5 m}\n"),
              "w.yaml:8:26: weather.mixing_height: must be greater than 0, got '-5 m'");
    EXPECT_EQ(error_of("weather:\n  series:\n    - {at: 1 h}\n    - {at: 30 min}\n"),
              "w.yaml:11:12: weather.series[1].at: series times must increase: '30 min' is not after the previous "
              "entry's 3600 s");
    EXPECT_EQ(error_of("weather:\n  series:\n    - {at: 3 h}\n"),
              "w.yaml:10:12: weather.series[0].at: is after the end of the run (duration 7200 s)");
    EXPECT_EQ(error_of("weather:\n  series:\n    - {temperature: 3}\n"),
              "w.yaml:10:7: weather.series[0].at: missing required key 'at'");
    EXPECT_EQ(error_of("weather: {location: {latitude: 95 deg}}\n"),
              "w.yaml:8:32: weather.location.latitude: expected a latitude between -90 and 90 deg, got '95 deg'");
    EXPECT_EQ(error_of("weather: {irradiance: cloudy}\n"),
              "w.yaml:8:23: weather.irradiance: expected an irradiance such as '650 W/m^2' (or a plain number in "
              "W/m^2), got 'cloudy'");
    EXPECT_EQ(error_of("weather: {temprature: 3}\n"),
              "w.yaml:8:11: weather.temprature: unknown key 'temprature'; did you mean 'temperature'?");
}

}  // namespace
}  // namespace citytwin::io
