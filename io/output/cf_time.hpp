#pragma once
// CF time units on a run file's time axes: `seconds since <start>`, so netCDF readers (xarray,
// ParaView, ncview) decode the axis as dates and times. The start is the file's root `start`.
#include <hdf5.h>

#include <string>

namespace citytwin::io::h5 {

// "2026-06-01T06:00" -> "seconds since 2026-06-01 06:00:00"; empty when `start` is not
// "YYYY-MM-DD[T ]HH:MM[:SS]".
std::string cf_time_units(const std::string& start);

// Sets units (CF, from the root attribute `start` of the dataset's file), calendar,
// standard_name and axis on a time dataset. Without a readable `start` it leaves `units` as it is.
void write_cf_time_units(hid_t time_dataset);

}  // namespace citytwin::io::h5
