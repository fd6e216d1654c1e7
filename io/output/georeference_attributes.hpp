#pragma once
// The root attributes that place a run's x, y on the Earth: `crs` (a PROJ string, empty for a
// synthetic network), `crs_offset_x`, `crs_offset_y` (x = projected x + offset) and `origin_lon`,
// `origin_lat` (degrees of x = 0, y = 0; NaN when unknown).
#include <hdf5.h>

#include "sim/core/run_records.hpp"

namespace citytwin::io::h5 {

void write_georeference(hid_t root, const sim::NetworkGeometry& net);
// A difference file takes its base run's (nothing when the base has none).
void copy_georeference(hid_t from_root, hid_t to_root);

}  // namespace citytwin::io::h5
