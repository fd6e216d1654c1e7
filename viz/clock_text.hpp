#pragma once
// A run time as people read it on a map: the start's date and clock plus the seconds since.
#include <string>

namespace citytwin::viz {

// "2026-06-01 08:00" (seconds shown when not whole minutes); "+3600 s" when the start cannot
// be read.
std::string clock_text(const std::string& start, double seconds_since_start);

}  // namespace citytwin::viz
