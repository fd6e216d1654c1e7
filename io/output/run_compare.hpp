#pragma once
// Bitwise comparison of two run files, for determinism tests: same seed and scenario must give
// the same bytes in every dataset, whatever the machine or the time of day.
#include <string>
#include <vector>

namespace citytwin::io {

// True if both files hold the same datasets under /network, /traffic, /grid, /power, /kpi and /air with equal
// types, shapes and raw values (bit for bit, so NaN == NaN). Attributes are not compared
// (created_utc, device, ...), nor the timing KPIs /kpi/wall_time_s, vehicle_updates_per_s, real_time_factor and
// step_loop_time_s. When `differences` is given, every difference found is described there
// (path first); otherwise the comparison stops at the first. Throws OutputError if a file
// cannot be opened.
bool datasets_identical(const std::string& a, const std::string& b,
                        std::vector<std::string>* differences = nullptr);

}  // namespace citytwin::io
