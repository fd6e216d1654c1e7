#include "sim/core/weather.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/time_window.hpp"

namespace citytwin::sim {

namespace {

WeatherState series_at(const WeatherSpec& w, double t_s) {
    const std::vector<WeatherSample>& s = w.samples;
    if (s.empty()) return WeatherState{};
    if (t_s <= s.front().at_s) return s.front().state;
    if (t_s >= s.back().at_s) return s.back().state;
    const auto hi = std::upper_bound(s.begin(), s.end(), t_s, [](double t, const WeatherSample& x) { return t < x.at_s; });
    const WeatherState& a = (hi - 1)->state;
    const WeatherState& b = hi->state;
    const double f = (t_s - (hi - 1)->at_s) / (hi->at_s - (hi - 1)->at_s);
    auto lerp = [f](double x, double y) { return x + f * (y - x); };

    WeatherState r = a;  // stability: the earlier sample's class
    r.temperature_c = lerp(a.temperature_c, b.temperature_c);
    r.mixing_height_m = lerp(a.mixing_height_m, b.mixing_height_m);
    r.irradiance_wm2 = (a.irradiance_wm2 < 0.0 || b.irradiance_wm2 < 0.0) ? -1.0 : lerp(a.irradiance_wm2, b.irradiance_wm2);
    // Wind as a vector (components of the "from" direction), so 350° → 10° passes through north.
    const double ux = lerp(a.wind_speed_mps * std::sin(a.wind_from_rad), b.wind_speed_mps * std::sin(b.wind_from_rad));
    const double uy = lerp(a.wind_speed_mps * std::cos(a.wind_from_rad), b.wind_speed_mps * std::cos(b.wind_from_rad));
    r.wind_speed_mps = std::hypot(ux, uy);
    if (r.wind_speed_mps > 0.0) {
        constexpr double kTwoPi = 2.0 * 3.14159265358979323846;
        r.wind_from_rad = std::fmod(std::atan2(ux, uy) + kTwoPi, kTwoPi);  // in [0, 2π)
    }
    return r;
}

}  // namespace

WeatherState weather_at(const WeatherSpec& w, double t_s) {
    WeatherState r = series_at(w, t_s);
    for (const WeatherOverride& o : w.overrides) {
        if (!in_window(t_s, o.from_s, o.until_s)) continue;
        if (o.temperature_c) r.temperature_c = *o.temperature_c;
        if (o.wind_speed_mps) r.wind_speed_mps = *o.wind_speed_mps;
        if (o.wind_from_rad) r.wind_from_rad = *o.wind_from_rad;
        if (o.mixing_height_m) r.mixing_height_m = *o.mixing_height_m;
        if (o.irradiance_wm2) r.irradiance_wm2 = *o.irradiance_wm2;
        if (o.stability) r.stability = *o.stability;
    }
    return r;
}

}  // namespace citytwin::sim
