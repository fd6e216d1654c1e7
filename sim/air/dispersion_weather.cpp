#include "sim/air/dispersion_weather.hpp"

#include <algorithm>
#include <cmath>

namespace citytwin::sim {

double diffusivity_from_stability(Stability s, double wind_speed_mps) {
    double a = 0.16;
    switch (s) {
        case Stability::A:
        case Stability::B: a = 0.32; break;
        case Stability::C: a = 0.22; break;
        case Stability::D: a = 0.16; break;
        case Stability::E:
        case Stability::F: a = 0.11; break;
    }
    constexpr double x = 1000.0, b = 0.0004;
    const double dsigma2_dx = a * a * x * (2.0 + b * x) / ((1.0 + b * x) * (1.0 + b * x));
    return 0.5 * std::max(wind_speed_mps, 1.0) * dsigma2_dx;
}

TransportParams transport_from_weather(const WeatherState& w, const AirSetup& s) {
    if (static_cast<int>(w.stability) > static_cast<int>(Stability::F))
        throw ScenarioError(SourceMark{}, "weather.stability",
                            "stability class " + std::to_string(static_cast<int>(w.stability)) + " is not one of A..F");
    if (!(w.mixing_height_m > 0.0))
        throw ScenarioError(SourceMark{}, "weather.mixing_height", "the mixing height must be greater than 0");
    TransportParams t;
    // Meteorological direction: where the wind blows from, clockwise from north.
    t.u_mps = -w.wind_speed_mps * std::sin(w.wind_from_rad);
    t.v_mps = -w.wind_speed_mps * std::cos(w.wind_from_rad);
    t.diffusivity_m2_s = s.fixed_diffusivity ? s.diffusivity_m2_s : diffusivity_from_stability(w.stability, w.wind_speed_mps);
    t.mixing_height_m = w.mixing_height_m;
    for (std::size_t p = 0; p < s.pollutants.size(); ++p)
        t.removal_per_s.push_back(s.decay_per_s[p] + s.deposition_m_s[p] / w.mixing_height_m);
    return t;
}

}  // namespace citytwin::sim
