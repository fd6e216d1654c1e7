// Coefficients: Eclipse SUMO, src/utils/emissions/HelpersHBEFA3.cpp, table
// HelpersHBEFA3::myFunctionParameter (commit 01b03ab70c52c9827a801b10566408319d6db649), rows
// "CO2(total)", "NOx" and "PM" of each class; SUMO derived them from HBEFA 3.1. Data, cited.
#include "sim/air/emission_classes.hpp"

namespace citytwin::sim {

const std::vector<EmissionClass>& emission_classes() {
    using C = VehicleCategory;
    static const std::vector<EmissionClass> table = {
        {"zero", C::Car, {{{0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}}}},
        {"PC_G_EU3", C::Car, {{{9858, 975.6f, 0, -488.4f, 29.43f, 0},
                               {7.204f, 0.3327f, 0, -0.6641f, 0.0215f, 0},
                               {0.714f, 0.05158f, 0, -0.08903f, 0.00308f, 0}}}},
        {"PC_G_EU4", C::Car, {{{9449, 938.4f, 0, -467.1f, 28.26f, 0},
                               {4.336f, 0.4428f, 0, -0.3204f, 0.01371f, 0},
                               {0.2375f, 0.0245f, 0, -0.03251f, 0.001325f, 0}}}},
        {"PC_G_EU5", C::Car, {{{8823, 886, 0, -432.9f, 26.53f, 0},
                               {4.02f, 0.4289f, 0, -0.286f, 0.01257f, 0},
                               {0.2786f, 0.0241f, 0, -0.03718f, 0.001396f, 0}}}},
        {"PC_G_EU6", C::Car, {{{8273, 845.1f, 0, -401.1f, 25.08f, 0},
                               {3.444f, 0.4035f, 0, -0.2313f, 0.01086f, 0},
                               {0.3107f, 0.02274f, 0, -0.04042f, 0.001421f, 0}}}},
        {"PC_D_EU5", C::Car, {{{4125, 686.1f, 0, 153.1f, 0, 0.2125f},
                               {46.01f, 4.064f, 0, -3.872f, 0.1567f, 0},
                               {0.6729f, 0.02248f, 0, -0.0764f, 0.002153f, 0}}}},
        {"PC_D_EU6", C::Car, {{{3946, 661.8f, 0, 149.8f, 0, 0.2041f},
                               {16.31f, 1.39f, 0, -1.391f, 0.05512f, 0},
                               {0.553f, 0.01902f, 0, -0.06184f, 0.001758f, 0}}}},
        {"Bus", C::Bus, {{{1.903e4f, 6475, 0, 2073, 0, 0},
                          {218.7f, 46.17f, 0, 11.27f, 0, 0},
                          {7.222f, 0.8024f, 0, 0.1201f, 0, 0}}}},
        {"Coach", C::Bus, {{{1.667e4f, 7763, 0, 2610, 0, 0},
                            {226.7f, 60.86f, 0, 16.97f, 0, 0},
                            {8.297f, 0.8085f, 0, 0.1417f, 0, 0}}}},
        {"HDV", C::Truck, {{{2.657e4f, 7076, 0, 1753, 0, 0},
                            {305.6f, 55.28f, 0, 9.505f, 0, 0},
                            {7.952f, 0.854f, 0, 0.1195f, 0, 0}}}},
        {"HDV_D_EU4", C::Truck, {{{2.429e4f, 7180, 0, 1835, 0, 0},
                                  {202.2f, 42.34f, 0, 8.858f, 0, 0},
                                  {1.267f, 0.131f, 0, -0.006405f, 0, 0}}}},
        {"HDV_D_EU5", C::Truck, {{{2.396e4f, 7231, 0, 1868, 0, 0},
                                  {164.8f, 33.84f, 0, 7.036f, 0, 0},
                                  {1.305f, 0.1324f, 0, -0.007715f, 0, 0}}}},
        {"HDV_D_EU6", C::Truck, {{{2.353e4f, 7227, 0, 1889, 0, 0},
                                  {47.47f, 11.68f, 0, 2.737f, 0, 0},
                                  {0.1279f, 0.01668f, 0, 0.00329f, 0, 0}}}},
    };
    return table;
}

int find_emission_class(const std::string& name) {
    const std::string prefix = "HBEFA3/";
    const std::string bare = name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
    const auto& t = emission_classes();
    for (std::size_t i = 0; i < t.size(); ++i)
        if (bare == t[i].name) return static_cast<int>(i);
    return -1;
}

std::string known_emission_class_names() {
    std::string out;
    for (const EmissionClass& c : emission_classes()) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

NonExhaustFactor non_exhaust_factor(VehicleCategory c) {
    // EMEP/EEA air pollutant emission inventory guidebook 2019, 1.A.3.b.vi-vii (road tyre and
    // brake wear, road surface wear), Tier 1 TSP fractions summed as the issue tabulates them:
    // passenger cars 7.5 / 4.05 mg/km, buses 34.2 / 20.5, heavy trucks 38.0 / 20.5 (PM10 / PM2.5).
    switch (c) {
        case VehicleCategory::Bus: return {34.2e-9, 20.5e-9};
        case VehicleCategory::Truck: return {38.0e-9, 20.5e-9};
        case VehicleCategory::Car: break;
    }
    return {7.5e-9, 4.05e-9};
}

}  // namespace citytwin::sim
