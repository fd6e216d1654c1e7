#include "io/sumo/sumo_flow_departures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "io/scenario/quantity.hpp"
#include "io/sumo/sumo_draws.hpp"
#include "sim/core/scenario_limits.hpp"

namespace citytwin::io {

namespace {

double positive(const XmlDocument& doc, const XmlElement& e, const char* key, double fallback) {
    const double v = doc.number(e, key, fallback);
    if (!(v > 0.0)) doc.fail(e, key, "expected a value > 0, got '" + *e.attr(key) + "'");
    return v;
}

}  // namespace

FlowTimes flow_times(const XmlDocument& doc, const XmlElement& e, const SumoDemandOptions& opt) {
    FlowTimes f;
    f.begin = doc.number(e, "begin", opt.begin_s);
    f.end = doc.number(e, "end", -1.0);
    f.number = doc.integer(e, "number", -1);
    if (e.attr("number") && f.number < 0) doc.fail(e, "number", "expected a number of vehicles >= 0, got '" + *e.attr("number") + "'");
    if (f.number > sim::kMaxTrips)
        doc.fail(e, "number", "a flow of " + std::to_string(f.number) + " vehicles; a citytwin run may have at most " +
                                  std::to_string(sim::kMaxTrips));
    const bool has_rate = e.attr("vehsPerHour") || e.attr("period") || e.attr("probability");
    if (f.end < 0 && f.number < 0) f.end = f.begin + 86400.0;  // SUMO's default flow end: a day after begin
    if (f.number < 0 && !has_rate) doc.fail(e, "", "a flow needs one of vehsPerHour, period, probability or number");
    if ((e.attr("vehsPerHour") != nullptr) + (e.attr("period") != nullptr) + (e.attr("probability") != nullptr) > 1)
        doc.fail(e, "", "give only one of vehsPerHour, period and probability");
    return f;
}

std::vector<double> flow_departures(const XmlDocument& doc, const XmlElement& e, const std::string& id, const FlowTimes& times,
                                    const SumoDemandOptions& opt, SumoNotes& notes,
                                    const std::function<void(double)>& check_vehicles) {
    const double begin = times.begin, end = times.end;
    const long long number = times.number;
    const double run_end = opt.end_s >= 0 ? opt.end_s : std::numeric_limits<double>::infinity();
    // Without a known end, a flow's own span bounds the loops.
    auto too_many = [&](std::size_t n) {
        if (n > static_cast<std::size_t>(sim::kMaxTrips))
            doc.fail(e, "", "the flow gives more than " + std::to_string(sim::kMaxTrips) +
                                " vehicles; a citytwin run may have at most " + std::to_string(sim::kMaxTrips));
    };
    std::vector<double> departs;
    if (const std::string* p = e.attr("probability")) {
        const double q = doc.number(e, "probability", 0.0);
        if (q < 0 || q > 1) doc.fail(e, "probability", "expected a probability in [0, 1], got '" + *p + "'");
        const double stop = end >= 0 ? end : (opt.end_s >= 0 ? opt.end_s : begin + 86400.0);
        const double last = std::min(stop, run_end);
        // One draw per step: bound the steps, not only the vehicles (a tiny probability).
        if ((last - begin) / opt.step_s > 1e9)
            doc.fail(e, "end", "the flow spans more than 1e9 steps of " + format_number(opt.step_s) +
                                   " s; a citytwin run lasts at most 31 d");
        std::uint64_t k = 0;
        for (double t = begin; t < last && (number < 0 || static_cast<long long>(departs.size()) < number);
             t = begin + static_cast<double>(++k) * opt.step_s) {
            if (demand_uniform(opt.seed, demand_hash(id), 1000 + k) < q) departs.push_back(t);
            too_many(departs.size());
        }
        // The draws past the end are counted as left out, as keep() counts each, when there
        // are few enough to draw; beyond, the flow is said to reach past the end.
        if (stop > last && (stop - last) / opt.step_s <= 1e8) {
            long long left_out = 0;
            for (double t = begin + static_cast<double>(k) * opt.step_s;
                 t < stop && (number < 0 || static_cast<long long>(departs.size()) + left_out < number);
                 t = begin + static_cast<double>(++k) * opt.step_s)
                if (demand_uniform(opt.seed, demand_hash(id), 1000 + k) < q) ++left_out;
            notes.add("vehicles departing outside the simulated period (as in SUMO)", left_out);
        } else if (stop > last) {
            notes.add("probabilistic flows reaching far past the simulated end (their later vehicles not drawn)");
        }
    } else {
        double period = 0.0;
        if (e.attr("period")) period = positive(doc, e, "period", 1.0);
        else if (e.attr("vehsPerHour")) period = 3600.0 / positive(doc, e, "vehsPerHour", 1.0);
        else {
            if (end < 0) doc.fail(e, "end", "a flow with only 'number' needs 'end'");
            period = number > 0 ? (end - begin) / static_cast<double>(number) : 1.0;
        }
        // Counted before the loop, so a flow of a billion vehicles allocates nothing.
        const double span = std::min(end >= 0 ? end : std::numeric_limits<double>::infinity(), run_end) - begin;
        if (number < 0 && span / period > static_cast<double>(sim::kMaxTrips)) too_many(static_cast<std::size_t>(-1));
        check_vehicles(number >= 0 ? std::min(static_cast<double>(number), std::ceil(span / period)) : std::ceil(span / period));
        for (long long k = 0;; ++k) {
            const double t = begin + static_cast<double>(k) * period;
            if ((end >= 0 && t >= end - 1e-9) || (number >= 0 && k >= number)) break;
            if (t >= run_end) {
                // The rest are counted as left out, as keep() counts each, without making them.
                const double rest = number >= 0 ? static_cast<double>(number - k)
                                                : std::ceil((end - 1e-9 - t) / period);
                notes.add("vehicles departing outside the simulated period (as in SUMO)",
                           static_cast<long long>(std::min(rest, 9.0e18)));
                break;
            }
            departs.push_back(t);
            too_many(departs.size());
        }
    }
    return departs;
}

}  // namespace citytwin::io
