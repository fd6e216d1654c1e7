#pragma once
// HBEFA3 emission classes: the polynomial coefficients as SUMO tabulates them, and the
// EMEP/EEA non-exhaust PM factor of each class's vehicle category.
#include <array>
#include <string>
#include <vector>

#include "kernels/air/hbefa3.hpp"

namespace citytwin::sim {

enum class VehicleCategory { Car, Bus, Truck };

struct EmissionClass {
    const char* name;
    VehicleCategory category;
    // Rows CO2, NOx, PM (kernels::ExhaustSpecies); columns c0, cav1, cav2, c1, c2, c3 (g/h).
    std::array<std::array<float, kernels::kHbefa3Terms>, kernels::kExhaustSpecies> coef;
};

// The default class of a vehicle type that names none.
inline constexpr const char* kDefaultEmissionClass = "PC_G_EU4";

const std::vector<EmissionClass>& emission_classes();
// Index into emission_classes(); "HBEFA3/PC_G_EU4" (SUMO's spelling) is accepted too. -1 if unknown.
int find_emission_class(const std::string& name);
std::string known_emission_class_names();

// EMEP/EEA Tier 1 non-exhaust PM (tyre + brake + road surface wear), kg per metre driven.
struct NonExhaustFactor {
    double pm10_kg_m;
    double pm25_kg_m;
};
NonExhaustFactor non_exhaust_factor(VehicleCategory c);

}  // namespace citytwin::sim
