// Time-of-day trip profiles. "weekday" is the number of vehicle trips by start hour on a
// Wednesday from the 2001 US National Household Travel Survey (FHWA Highway Statistics 2006,
// table NT-3); the peak profiles keep its morning (06–10 h) or evening (15–19 h) hours.
#include <numeric>

#include "sim/traffic/demand.hpp"

namespace citytwin::sim {

namespace {

const std::vector<double> kWeekday = {147,  82,   83,   36,   249,  639,  1607, 3893,
                                      2994, 2294, 2600, 2967, 3166, 3032, 3321, 3888,
                                      3959, 4377, 3746, 2819, 2061, 1559, 783,  381};

std::vector<double> keep_hours(int from, int to) {
    std::vector<double> w(24, 0.0);
    for (int h = from; h < to; ++h) w[h] = kWeekday[h];
    return w;
}

}  // namespace

std::vector<double> hourly_profile(const DemandProfile& p, const SourceMark& mark) {
    if (p.name == "custom" || (p.name.empty() && !p.hourly.empty())) {
        if (p.hourly.size() != 24 || std::accumulate(p.hourly.begin(), p.hourly.end(), 0.0) <= 0.0)
            throw ScenarioError(mark, "demand.generate.profile.hourly", "expected 24 non-negative weights with a positive sum");
        return p.hourly;
    }
    if (p.name.empty() || p.name == "weekday") return kWeekday;
    if (p.name == "morning_peak") return keep_hours(6, 10);
    if (p.name == "evening_peak") return keep_hours(15, 19);
    if (p.name == "flat") return std::vector<double>(24, 1.0);
    throw ScenarioError(mark, "demand.generate.profile",
                        "unknown profile '" + p.name + "'; expected weekday, morning_peak, evening_peak, flat or {hourly: [...]}");
}

}  // namespace citytwin::sim
