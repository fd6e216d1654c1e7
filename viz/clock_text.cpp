#include "viz/clock_text.hpp"

#include <cmath>
#include <cstdio>

#include "io/scenario/start_time.hpp"

namespace citytwin::viz {
namespace {

// Days since 1970-01-01 and back (Howard Hinnant's civil calendar algorithms).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

void civil_from_days(long z, long& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

}  // namespace

std::string clock_text(const std::string& start, double seconds) {
    char buf[64];
    const io::StartTimeResult parsed = io::parse_start_time(start);
    if (!parsed.time || !std::isfinite(seconds)) {
        std::snprintf(buf, sizeof buf, "+%.0f s", seconds);
        return buf;
    }
    const io::StartTime& s = *parsed.time;
    const auto total = static_cast<long long>(std::llround(s.seconds_of_day + seconds));
    long long day = total / 86400, sod = total % 86400;
    if (sod < 0) {
        sod += 86400;
        --day;
    }
    long y;
    unsigned m, d;
    civil_from_days(days_from_civil(s.year, static_cast<unsigned>(s.month), static_cast<unsigned>(s.day)) + day, y, m, d);
    const int hh = static_cast<int>(sod / 3600), mm = static_cast<int>(sod / 60 % 60), ss = static_cast<int>(sod % 60);
    if (ss == 0) std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u %02d:%02d", y, m, d, hh, mm);
    else std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u %02d:%02d:%02d", y, m, d, hh, mm, ss);
    return buf;
}

}  // namespace citytwin::viz
