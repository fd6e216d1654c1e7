#pragma once
// What the air step takes from the weather: wind components, horizontal eddy diffusivity from
// the Pasquill–Gifford stability class, the mixing height, removal rates (docs/models.md).
#include <vector>

#include "sim/air/air_setup.hpp"
#include "sim/core/weather.hpp"

namespace citytwin::sim {

struct TransportParams {
    double u_mps = 0.0;            // towards +x (east)
    double v_mps = 0.0;            // towards +y (north)
    double diffusivity_m2_s = 0.0;
    double mixing_height_m = 800.0;
    std::vector<double> removal_per_s;  // per pollutant: decay + deposition velocity / height
};

// Briggs' (1973) urban σ_y(x) = a x (1 + 0.0004 x)^(-1/2) for the class, a = 0.32 (A, B),
// 0.22 (C), 0.16 (D), 0.11 (E, F); K = (U/2) dσ_y²/dx at x = 1 km; U at least 1 m/s.
double diffusivity_from_stability(Stability s, double wind_speed_mps);

TransportParams transport_from_weather(const WeatherState& w, const AirSetup& setup);

}  // namespace citytwin::sim
