// Calendar arithmetic for the start time: proleptic Gregorian calendar, no time zone (the
// scenario is in local time, which is what load and demand profiles are written in).
#include "io/scenario/start_time.hpp"

#include <cctype>

namespace citytwin::io {

namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` digits at `pos`; -1 if they are not all digits.
int digits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

}  // namespace

StartTimeResult parse_start_time(std::string_view text) {
    const std::string expected = "expected a local time as YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS "
                                 "(for example 2026-06-01T06:00), got '" + std::string(text) + "'";
    const bool shape = (text.size() == 16 || text.size() == 19) && text[4] == '-' && text[7] == '-' &&
                       (text[10] == 'T' || text[10] == 't' || text[10] == ' ') && text[13] == ':' &&
                       (text.size() == 16 || text[16] == ':');
    if (!shape) return {std::nullopt, expected};
    StartTime t;
    t.year = digits(text, 0, 4);
    t.month = digits(text, 5, 2);
    t.day = digits(text, 8, 2);
    t.hour = digits(text, 11, 2);
    t.minute = digits(text, 14, 2);
    t.second = text.size() == 19 ? digits(text, 17, 2) : 0;
    if (t.year < 0 || t.month < 0 || t.day < 0 || t.hour < 0 || t.minute < 0 || t.second < 0)
        return {std::nullopt, expected};
    if (t.month < 1 || t.month > 12)
        return {std::nullopt, "month " + std::to_string(t.month) + " does not exist (01..12)"};
    if (t.day < 1 || t.day > days_in_month(t.year, t.month))
        return {std::nullopt, "day " + std::to_string(t.day) + " does not exist in " +
                                  std::string(text.substr(0, 7)) + " (01.." +
                                  std::to_string(days_in_month(t.year, t.month)) + ")"};
    if (t.hour > 23) return {std::nullopt, "hour " + std::to_string(t.hour) + " does not exist (00..23)"};
    if (t.minute > 59) return {std::nullopt, "minute " + std::to_string(t.minute) + " does not exist (00..59)"};
    if (t.second > 59) return {std::nullopt, "second " + std::to_string(t.second) + " does not exist (00..59)"};
    t.seconds_of_day = t.hour * 3600.0 + t.minute * 60.0 + t.second;
    t.day_of_year = t.day;
    for (int m = 1; m < t.month; ++m) t.day_of_year += days_in_month(t.year, m);
    return {t, {}};
}

}  // namespace citytwin::io
