#include "sim/air/pollutants.hpp"

namespace citytwin::sim {

const std::vector<PollutantInfo>& known_pollutants() {
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

const PollutantInfo* find_pollutant(const std::string& name) {
    for (const PollutantInfo& p : known_pollutants())
        if (name == p.name) return &p;
    return nullptr;
}

std::string known_pollutant_names() {
    std::string out;
    for (const PollutantInfo& p : known_pollutants()) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}

}  // namespace citytwin::sim
