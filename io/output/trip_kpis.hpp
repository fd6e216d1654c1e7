#pragma once
// KPIs recomputed from the trips table, for runs that stopped before writing /kpi.
#include <hdf5.h>

#include <string>
#include <vector>

#include "sim/core/run_records.hpp"

namespace citytwin::io {

// Reads /traffic/trips of an open run file in blocks and computes what can be computed from
// it: counts by status, means over arrived (or inserted) trips, vehicle_km. Means with no
// contributing trip are left out.
std::vector<sim::Kpi> kpis_from_trips(hid_t file);

}  // namespace citytwin::io
