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

// NOx, PM10, PM2.5, CO2 (docs/models.md gives the sources of the defaults). Header-only: the
// scenario reader checks names with it.
inline const std::vector<PollutantInfo>& known_pollutants() {
    using namespace kernels;
    // Exhaust PM is taken as PM2.5 (and so PM10 too): EMEP/EEA 2019, 1.A.3.b.i-iv, treats
    // exhaust PM as below 2.5 µm. Removal defaults: docs/models.md, "Removal".
    static const std::vector<PollutantInfo> table = {
        {"NOx", {0, 1, 0, 0, 0}, 2.3e-5, 0.0, "nitrogen oxides (NO + NO2, as NO2 mass)"},
        {"PM10", {0, 0, 1, 1, 0}, 0.0, 0.005, "particulate matter below 10 um, exhaust and non-exhaust"},
        {"PM2.5", {0, 0, 1, 0, 1}, 0.0, 0.001, "particulate matter below 2.5 um, exhaust and non-exhaust"},
        {"CO2", {1, 0, 0, 0, 0}, 0.0, 0.0, "carbon dioxide"},
    };
    return table;
}

inline const PollutantInfo* find_pollutant(const std::string& name) {
    for (const PollutantInfo& p : known_pollutants())
        if (name == p.name) return &p;
    return nullptr;
}

inline std::string known_pollutant_names() {
    std::string out;
    for (const PollutantInfo& p : known_pollutants()) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}


// WHO 2021 air quality guidelines, 24-hour means (µg/m³).
inline constexpr double kWhoNO2Daily = 25.0;
inline constexpr double kWhoPM25Daily = 15.0;

}  // namespace citytwin::sim
