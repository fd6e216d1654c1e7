#pragma once
// What the air model hands to the output writer at each output interval: plain host records
// (io/output writes them under /air; docs/output-format.md).
#include <cstdint>
#include <string>
#include <vector>

namespace citytwin::sim {

struct AirGridInfo {
    double x0_m = 0.0, y0_m = 0.0;   // lower-left corner of the grid
    double cell_m = 0.0;
    std::int32_t nx = 0, ny = 0;
};

// One field on the grid, row-major (y, x): values[j * nx + i].
struct AirField {
    std::string name;                // "NOx", "NO2", "PM2.5", ...
    std::string units;
    std::string long_name;
    std::vector<float> values;
};

struct AirFrame {
    double time_s = 0.0;
    AirGridInfo grid;
    std::vector<AirField> concentration;   // at time_s, background included
    std::vector<AirField> emission;        // mean source rate over the interval ending at time_s
    // The weather the air model used in the last air step of the interval.
    double wind_speed_mps = 0.0, wind_from_deg = 0.0, mixing_height_m = 0.0, diffusivity_m2_s = 0.0;
};

}  // namespace citytwin::sim
