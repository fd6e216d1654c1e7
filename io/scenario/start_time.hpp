#pragma once
// The scenario's local start time, "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T).
#include <optional>
#include <string>
#include <string_view>

namespace citytwin::io {

struct StartTime {
    int year = 0, month = 0, day = 0;
    int hour = 0, minute = 0, second = 0;
    double seconds_of_day = 0.0;  // hour·3600 + minute·60 + second
    int day_of_year = 1;          // 1..366, leap years counted
};

// The parsed time, or an error message saying what is wrong ("month 13 does not exist").
struct StartTimeResult {
    std::optional<StartTime> time;
    std::string error;
};

StartTimeResult parse_start_time(std::string_view text);

}  // namespace citytwin::io
