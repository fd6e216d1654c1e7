#pragma once
// Upper (and a few lower) bounds of the model parameters, in base units, shared by the
// scenario sections and the SUMO readers so a value means the same from either. They are wide
// enough for every real vehicle, road, weather and feeder, and narrow enough that the models
// stay in the regime their equations and step sizes were made for: an acceleration of 1e6 m/s²
// or a wind of 1e30 m/s is a typo, and must be told so rather than run. The tables of
// docs/scenario-format.md list the same numbers.
#include <cstddef>

namespace citytwin::io::ranges {

// Vehicles (IDM parameters, SUMO vType attributes).
inline constexpr double kVehicleLengthMinM = 0.5;
inline constexpr double kVehicleLengthMaxM = 100.0;      // a long road train; SUMO's trams are 60 m
inline constexpr double kMinGapMaxM = 50.0;
inline constexpr double kAccelMaxMps2 = 10.0;            // about 1 g, beyond any road vehicle
inline constexpr double kDecelMaxMps2 = 15.0;            // about 1.5 g, beyond tyre grip
inline constexpr double kHeadwayMaxS = 10.0;
inline constexpr double kDeltaMax = 10.0;
inline constexpr double kSpeedMaxMps = 100.0;            // 360 km/h: vehicle top speeds, speed limits
inline constexpr double kSpeedFactorMax = 5.0;
inline constexpr double kBatteryMaxKwh = 2000.0;
inline constexpr double kConsumptionMaxKwhPerKm = 10.0;
inline constexpr double kChargerMaxKw = 1000.0;

// Roads and signals.
inline constexpr double kGridSpacingMinM = 10.0;         // shorter links than a car and its gap jam at once
inline constexpr double kLinkLengthMaxM = 100'000.0;
inline constexpr double kCoordinateMaxM = 10'000'000.0;  // a quarter of the earth's circumference
inline constexpr double kPhaseMaxS = 3600.0;
inline constexpr double kSignalOffsetMaxS = 86400.0;
inline constexpr std::size_t kPlanMaxPhases = 64;
inline constexpr std::size_t kPolygonMaxCorners = 10'000;    // an intervention's area

// Traffic settings.
inline constexpr double kGapAcceptanceMaxS = 60.0;
inline constexpr double kYieldLookaheadMaxM = 1000.0;
inline constexpr double kPatienceMaxS = 3600.0;
inline constexpr double kTurnAccelMaxMps2 = 20.0;
inline constexpr double kDayS = 86400.0;                 // teleport_after, reroute_every, power.step

// Weather and air.
inline constexpr double kWindMaxMps = 60.0;              // above the strongest hurricane's sustained wind
inline constexpr double kAirCellMinM = 1.0;
inline constexpr double kAirCellMaxM = 10'000.0;
inline constexpr double kAirMarginMaxM = 100'000.0;
inline constexpr double kDiffusivityMaxM2PerS = 10'000.0; // ten times the most convective boundary layer
inline constexpr double kDecayMaxPerS = 1.0;
inline constexpr double kDepositionMaxMps = 1.0;
inline constexpr double kConcentrationMax = 1.0e6;       // µg/m³ (CO2: mg/m³)
inline constexpr double kStackHeightMaxM = 1000.0;
inline constexpr double kStackRateMaxGPerS = 1.0e6;      // 1 t/s: the CO2 of the largest power station
inline constexpr double kProfileFactorMax = 100.0;

// Power.
inline constexpr double kBaseVoltageMinV = 100.0;        // 0.1 kV: below low-voltage distribution
inline constexpr double kBaseVoltageMaxV = 1.0e6;        // 1000 kV: above transmission
inline constexpr double kImpedanceMaxOhm = 1000.0;
inline constexpr double kBranchPowerMaxKw = 1.0e6;       // 1 GW at one bus
inline constexpr double kAmpacityMaxA = 100'000.0;
inline constexpr double kTransformerMaxKva = 1.0e7;
inline constexpr double kImpedancePerKmMaxOhm = 100.0;
inline constexpr double kLoadPerPersonMaxKw = 100.0;
inline constexpr double kTemperatureLoadMaxKw = 10.0;    // per °C and person
inline constexpr double kPvMaxKwp = 1.0e6;

}  // namespace citytwin::io::ranges
