#pragma once
// A moment of a run as people write it: a clock time "HH:MM[:SS]" (the first such time after
// the scenario's start; the start's own clock time means the next day) or a duration since the
// start ("4 h", "90 min", "3600 s", "3600"; "0 s" is the start).
// Used by --checkpoint-at, --stop-at and outputs.checkpoint.at.
#include <stdexcept>
#include <string_view>

namespace citytwin::io {

// Seconds since the start. Throws QuantityError (io/scenario/quantity.hpp) with what was expected.
double parse_run_time(std::string_view text, double start_seconds_of_day);

}  // namespace citytwin::io
