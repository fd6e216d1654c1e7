#pragma once
// The scenario's `air:` section as plain structs in SI units (docs/scenario-format.md).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/scenario_error.hpp"

namespace citytwin::sim {

// A point source: a chimney or vent, emitting at a constant rate or one scaled by an hourly
// profile of local time.
struct StackSpec {
    std::string id;
    double x_m = 0.0, y_m = 0.0;
    double height_m = 0.0;                                  // above ground
    std::vector<std::pair<std::string, double>> rate_kg_s;  // pollutant -> kg/s
    std::vector<double> hourly;                             // 24 factors, or empty: constant
    SourceMark mark;
};

struct AirSpec {
    double step_s = 30.0;
    double cell_m = 50.0;
    double margin_m = 500.0;                                // around the network's bounding box
    std::vector<std::string> pollutants{"NOx", "PM2.5", "CO2"};
    std::string limiter = "van_leer";                       // or "minmod"
    std::optional<double> diffusivity_m2_s;                 // overrides K from the stability class
    double no2_fraction = 0.75;                             // NO2/NOx ambient ratio (docs/models.md)
    std::vector<std::pair<std::string, double>> background_ug_m3;  // per pollutant (and NO2)
    std::vector<std::pair<std::string, double>> decay_per_s;
    std::vector<std::pair<std::string, double>> deposition_m_s;
    std::vector<StackSpec> stacks;
    SourceMark mark;
};

}  // namespace citytwin::sim
