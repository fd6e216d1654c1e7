#pragma once
// Time-of-day shapes of the land-use loads and the weather-driven parts of the load model
// (docs/models.md, "Power: loads"). Host code: one evaluation per power step.

namespace citytwin::sim {

enum class LandUse { Residential = 0, Commercial = 1, Industrial = 2 };

// Shape of a land use at `hour` (local clock, any real; wraps at 24), normalised to a daily
// maximum of 1, linear between the hourly values.
double land_use_shape(LandUse use, double hour);

// Change-point model (Kissock, Haberl & Claridge 2003): heating below T_h, cooling above T_c,
// nothing in between; kW per person.
double temperature_kw_per_person(double temperature_c, double heating_below_c, double cooling_above_c,
                                 double heating_kw_per_c, double cooling_kw_per_c);

}  // namespace citytwin::sim
