#pragma once
// The scenario's weather: constant values, optionally overridden by a time series. Drives the
// air model (wind, stability, mixing height) and the power model (temperature, irradiance).
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/scenario_error.hpp"

namespace citytwin::sim {

// Pasquill–Gifford stability classes, A (very unstable) .. F (stable).
enum class Stability : std::uint8_t { A = 0, B, C, D, E, F };

// The weather at one instant, in SI units.
struct WeatherState {
    double temperature_c = 20.0;
    double wind_speed_mps = 3.0;
    double wind_from_rad = 4.71238898038469;  // meteorological: where the wind blows FROM, clockwise from north (270° = west)
    Stability stability = Stability::D;
    double mixing_height_m = 800.0;
    double irradiance_wm2 = -1.0;             // global horizontal; < 0: clear-sky from date and latitude
};

// One entry of the weather series: the state from `at_s` (seconds since the scenario start).
struct WeatherSample {
    double at_s = 0.0;
    WeatherState state;
    SourceMark mark;
};

// A weather intervention: from from_s (until until_s, < 0: the end) the given fields replace
// what the series says.
struct WeatherOverride {
    double from_s = 0.0, until_s = -1.0;
    std::optional<double> temperature_c, wind_speed_mps, wind_from_rad, mixing_height_m, irradiance_wm2;
    std::optional<Stability> stability;
};

struct WeatherSpec {
    // Never empty after loading: one sample at 0 when the weather is constant. Sorted by at_s.
    std::vector<WeatherSample> samples{WeatherSample{}};
    double latitude_rad = 0.78539816339744831;   // 45° N; for the clear-sky sun
    double longitude_rad = 0.0;                  // east positive
    double utc_offset_h = 0.0;                   // local time - UTC, for solar time
    std::vector<WeatherOverride> overrides;      // interventions, in the scenario's order
    SourceMark mark;
};

// The weather at `t_s` seconds since the start: linear in time between samples (wind as a vector,
// so 350° → 10° turns through north), held before the first and after the last sample;
// stability is the earlier sample's (a class does not interpolate). Irradiance interpolates only
// between two given values; where either is clear-sky the result is clear-sky (< 0).
WeatherState weather_at(const WeatherSpec& w, double t_s);

}  // namespace citytwin::sim
