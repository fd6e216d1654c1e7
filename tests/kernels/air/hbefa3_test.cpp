// The HBEFA3 polynomial against hand-computed values, with the coefficients from the table
// (SUMO's HelpersHBEFA3.cpp): E = max(0, c0 + cav1·a·v + cav2·a²·v + c1·v + c2·v² + c3·v³)/3.6 mg/s.
#include <gtest/gtest.h>

#include "kernels/air/hbefa3.hpp"
#include "sim/air/emission_classes.hpp"

namespace citytwin {
namespace {

const float* coefficients(const char* cls, int species) {
    const int c = sim::find_emission_class(cls);
    EXPECT_GE(c, 0) << cls;
    return sim::emission_classes()[c].coef[species].data();
}

TEST(Hbefa3, PassengerCarPetrolEuro4CO2ByHand) {
    // 9449 + 938.4·0.5·15 − 467.1·15 + 28.26·15² = 15839 g/h → 4399.72 mg/s
    EXPECT_NEAR(kernels::hbefa3_mg_per_s(coefficients("PC_G_EU4", kernels::kExhaustCO2), 15.0, 0.5), 15839.0 / 3.6, 1e-3);
}

TEST(Hbefa3, DieselEuro6NOxAtCruiseByHand) {
    // 16.31 − 1.391·10 + 0.05512·100 = 7.912 g/h → 2.1978 mg/s
    EXPECT_NEAR(kernels::hbefa3_mg_per_s(coefficients("PC_D_EU6", kernels::kExhaustNOx), 10.0, 0.0), 7.912 / 3.6, 1e-5);
}

TEST(Hbefa3, IdlingIsTheConstantTerm) {
    EXPECT_NEAR(kernels::hbefa3_mg_per_s(coefficients("PC_G_EU4", kernels::kExhaustNOx), 0.0, 0.0), 4.336 / 3.6, 1e-6);
    EXPECT_NEAR(kernels::hbefa3_mg_per_s(coefficients("Bus", kernels::kExhaustCO2), 0.0, 0.0), 19030.0 / 3.6, 1e-2);
}

TEST(Hbefa3, HardBrakingIsCutAtZero) {
    // 9449 − 938.4·5·10 − 4671 + 2826 < 0
    EXPECT_EQ(kernels::hbefa3_mg_per_s(coefficients("PC_G_EU4", kernels::kExhaustCO2), 10.0, -5.0), 0.0);
}

TEST(Hbefa3, ClassesTheIssueNamesAreTabulated) {
    for (const char* c : {"PC_G_EU4", "PC_G_EU6", "PC_D_EU6", "Bus", "HDV_D_EU6", "HBEFA3/PC_G_EU4"})
        EXPECT_GE(sim::find_emission_class(c), 0) << c;
    EXPECT_EQ(sim::find_emission_class("PC_G_EU7"), -1);
    EXPECT_EQ(sim::non_exhaust_factor(sim::VehicleCategory::Bus).pm10_kg_m, 34.2e-9);
}

}  // namespace
}  // namespace citytwin
