#include "io/scenario/run_time.hpp"

#include <cctype>
#include <string>

#include "io/scenario/quantity.hpp"

namespace citytwin::io {
namespace {

// "HH:MM" or "HH:MM:SS" → seconds of the day; -1 when the text is not a clock time.
double clock_seconds(std::string_view t) {
    int parts[3] = {0, 0, 0};
    int n = 0;
    std::size_t i = 0;
    while (n < 3) {
        const std::size_t b = i;
        while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
        if (i == b || i - b > 2) return -1.0;
        parts[n++] = std::stoi(std::string(t.substr(b, i - b)));
        if (i == t.size()) break;
        if (t[i] != ':') return -1.0;
        ++i;
    }
    if (n < 2 || i != t.size()) return -1.0;
    if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59)
        throw QuantityError("'" + std::string(t) + "' is not a clock time (hours 0-23, minutes and seconds 0-59)");
    return parts[0] * 3600.0 + parts[1] * 60.0 + parts[2];
}

}  // namespace

double parse_run_time(std::string_view text, double start_seconds_of_day) {
    const double clock = clock_seconds(text);
    if (clock >= 0.0) {
        double t = clock - start_seconds_of_day;
        while (t <= 0.0) t += 86400.0;
        return t;
    }
    try {
        const double t = parse_quantity(text, Dimension::Time);
        if (!(t >= 0.0)) throw QuantityError("must not be before the start, got '" + std::string(text) + "'");
        return t;
    } catch (const QuantityError& e) {
        throw QuantityError(std::string(e.what()) + " (expected a clock time HH:MM[:SS] or a duration since the start such as '4 h')");
    }
}

}  // namespace citytwin::io
