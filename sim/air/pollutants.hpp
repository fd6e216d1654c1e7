#pragma once
// The pollutants the air model can carry and how each is made of the emitted species.
#include <array>
#include <string>
#include <vector>

#include "kernels/air/hbefa3.hpp"

namespace citytwin::sim {

struct PollutantInfo {
    const char* name;
    // Share of each emitted species (kernels::EmittedSpecies) in this pollutant.
    std::array<float, kernels::kEmitSpecies> weight;
    double decay_per_s;      // default first-order chemical loss
    double deposition_m_s;   // default dry deposition velocity
    const char* long_name;
};

// NOx, PM10, PM2.5, CO2 (docs/models.md gives the sources of the defaults).
const std::vector<PollutantInfo>& known_pollutants();
// nullptr when unknown.
const PollutantInfo* find_pollutant(const std::string& name);
// "NOx, PM10, PM2.5, CO2"
std::string known_pollutant_names();

// WHO 2021 air quality guidelines, 24-hour means (µg/m³).
inline constexpr double kWhoNO2Daily = 25.0;
inline constexpr double kWhoPM25Daily = 15.0;

}  // namespace citytwin::sim
