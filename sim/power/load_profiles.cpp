#include "sim/power/load_profiles.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace citytwin::sim {

namespace {

// BDEW standard load profiles H25 (households) and G25 (commercial), 2025 edition, June working
// day (column "Juni, WT"), the quarter-hour starting at each full hour, as distributed with
// oemof demandlib (src/demandlib/bdew/bdew_data/h25.csv, g25.csv). Units there: kWh per quarter
// hour for 1 GWh a year; only the shape is used here.
constexpr std::array<double, 24> kH25JuneWorkday = {
    24.566, 20.683, 18.670, 18.206, 18.528, 20.067, 24.353, 28.003, 27.053, 26.280, 25.788, 27.366,
    30.071, 29.872, 28.938, 28.887, 30.139, 33.719, 39.058, 42.156, 42.009, 39.921, 38.607, 31.706};
constexpr std::array<double, 24> kG25JuneWorkday = {
    13.818, 13.232, 13.085, 13.083, 13.614, 15.241, 19.982, 29.460, 43.833, 50.979, 55.868, 56.469,
    54.234, 50.013, 48.776, 47.491, 43.865, 38.767, 32.116, 24.105, 20.238, 17.886, 16.668, 15.193};
// demandlib's IndustrialLoadProfile.simple_profile defaults: weekday factor 0.8 from 07:00 to
// 23:30, 0.6 otherwise (hour 23 is half of each).
constexpr std::array<double, 24> kIndustrialWorkday = {
    0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.8, 0.8, 0.8, 0.8, 0.8,
    0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.7};

double interpolate(const std::array<double, 24>& h, double hour) {
    const double peak = *std::max_element(h.begin(), h.end());
    double x = std::fmod(hour, 24.0);
    if (x < 0.0) x += 24.0;
    const int i = static_cast<int>(x) % 24;
    const double w = x - std::floor(x);
    return ((1.0 - w) * h[i] + w * h[(i + 1) % 24]) / peak;
}

}  // namespace

double land_use_shape(LandUse use, double hour) {
    switch (use) {
        case LandUse::Residential: return interpolate(kH25JuneWorkday, hour);
        case LandUse::Commercial: return interpolate(kG25JuneWorkday, hour);
        case LandUse::Industrial: return interpolate(kIndustrialWorkday, hour);
    }
    return 0.0;
}

double temperature_kw_per_person(double t, double heating_below_c, double cooling_above_c, double heating_kw_per_c,
                                 double cooling_kw_per_c) {
    return heating_kw_per_c * std::max(0.0, heating_below_c - t) + cooling_kw_per_c * std::max(0.0, t - cooling_above_c);
}

}  // namespace citytwin::sim
