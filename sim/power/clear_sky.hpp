#pragma once
// The sun's position and clear-sky global horizontal irradiance, for rooftop PV when the
// weather gives no irradiance (docs/models.md, "Power: PV").

namespace citytwin::sim {

// cos of the solar zenith angle at `local_hour` (clock time, may exceed 24: the day rolls on)
// of `day_of_year` (1..366), at latitude/longitude (rad, east positive) in a zone `utc_offset_h`
// hours ahead of UTC. Declination: Cooper (1969); equation of time: Spencer (1971).
double cos_solar_zenith(int day_of_year, double local_hour, double latitude_rad, double longitude_rad,
                        double utc_offset_h);

// Haurwitz (1945) clear-sky model: GHI = 1098 cos(z) exp(-0.059 / cos(z)) W/m², 0 at night.
double clear_sky_ghi_wm2(double cos_zenith);

}  // namespace citytwin::sim
