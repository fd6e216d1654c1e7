#pragma once
// KPIs named with ':' separated parts ("air_budget_kg:NOx:emitted") render in JSON as nested
// objects ({"air_budget_kg": {"NOx": {"emitted": ...}}}), in the order first reported.
#include <string>
#include <vector>

#include "sim/core/run_records.hpp"

namespace citytwin::io {

inline constexpr char kKpiPathSeparator = ':';

// The JSON members (`"key":value,...`, no braces) of the KPIs whose names have a separator;
// empty when there are none.
std::string nested_kpi_members(const std::vector<sim::Kpi>& kpis);

}  // namespace citytwin::io
