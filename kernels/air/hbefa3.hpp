#pragma once
// The HBEFA3 speed–acceleration emission polynomial as SUMO evaluates it
// (src/utils/emissions/HelpersHBEFA3.h, HelpersHBEFA3::compute): the fitted functions give g/h,
// divided by 3.6 they give mg/s, with v in m/s and a in m/s². Negative values are cut at 0.
// Coefficients per class and species are data (sim/air/emission_classes.cpp); docs/models.md.
#include "kernels/core/qualifiers.hpp"

namespace citytwin::kernels {

// Species the polynomial is evaluated for, in the order of a class's coefficient rows.
enum ExhaustSpecies : int { kExhaustCO2 = 0, kExhaustNOx = 1, kExhaustPM = 2, kExhaustSpecies = 3 };
// Per-vehicle totals: the three exhaust species plus non-exhaust (tyre, brake, road wear) PM.
enum EmittedSpecies : int {
    kEmitCO2 = 0,
    kEmitNOx = 1,
    kEmitPMExhaust = 2,
    kEmitPM10NonExhaust = 3,
    kEmitPM25NonExhaust = 4,
    kEmitSpecies = 5
};
constexpr int kHbefa3Terms = 6;  // c0, cav1, cav2, c1, c2, c3

// mg/s for one species: f = {c0, cav1, cav2, c1, c2, c3}.
CT_HD inline double hbefa3_mg_per_s(const float* f, double v, double a) {
    const double e = f[0] + f[1] * a * v + f[2] * a * a * v + f[3] * v + f[4] * v * v + f[5] * v * v * v;
    return e > 0.0 ? e / 3.6 : 0.0;
}

}  // namespace citytwin::kernels
