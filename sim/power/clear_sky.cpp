#include "sim/power/clear_sky.hpp"

#include <cmath>
#include <numbers>

namespace citytwin::sim {

double cos_solar_zenith(int day_of_year, double local_hour, double latitude_rad, double longitude_rad,
                        double utc_offset_h) {
    constexpr double pi = std::numbers::pi;
    const double day = day_of_year + std::floor(local_hour / 24.0);
    const double hour = local_hour - 24.0 * std::floor(local_hour / 24.0);
    const double decl = 23.45 * pi / 180.0 * std::sin(2.0 * pi * (284.0 + day) / 365.0);
    const double b = 2.0 * pi * (day - 1.0) / 365.0;
    const double eot_min = 229.18 * (0.000075 + 0.001868 * std::cos(b) - 0.032077 * std::sin(b) -
                                     0.014615 * std::cos(2.0 * b) - 0.04089 * std::sin(2.0 * b));
    // Solar time = clock time + 4 min per degree east of the zone's meridian + equation of time.
    const double longitude_deg = longitude_rad * 180.0 / pi;
    const double solar_hour = hour + (4.0 * (longitude_deg - 15.0 * utc_offset_h) + eot_min) / 60.0;
    const double omega = (solar_hour - 12.0) * 15.0 * pi / 180.0;
    return std::sin(latitude_rad) * std::sin(decl) + std::cos(latitude_rad) * std::cos(decl) * std::cos(omega);
}

double clear_sky_ghi_wm2(double cos_zenith) {
    if (cos_zenith <= 0.0) return 0.0;
    return 1098.0 * cos_zenith * std::exp(-0.059 / cos_zenith);
}

}  // namespace citytwin::sim
