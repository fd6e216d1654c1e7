#include "io/output/compare_assertion.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "io/output/compare_error.hpp"
#include "io/scenario/yaml_checks.hpp"  // edit_distance, for "did you mean"

namespace citytwin::io {
namespace {

constexpr const char* kFields[] = {"delta", "delta_pct", "ci_low", "ci_high", "base", "variant"};
// Two-character operators first, so "<=" is not read as "<" followed by "=0".
constexpr const char* kOperators[] = {"<=", ">=", "==", "!=", "<", ">"};

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

[[noreturn]] void malformed(const std::string& text, const std::string& why) {
    throw CompareError("--assert '" + text + "': " + why +
                       " (expected KPI.FIELD OP NUMBER, FIELD one of delta, delta_pct, ci_low, ci_high, base, "
                       "variant, OP one of < <= > >= == !=; e.g. 'mean_trip_duration_s.delta_pct < 0')");
}

double field_value(const KpiDifference& k, const std::string& field) {
    const DifferenceEstimate& e = k.estimate;
    if (field == "delta") return e.delta;
    if (field == "delta_pct") return e.delta_pct;
    if (field == "ci_low") return e.ci_low;
    if (field == "ci_high") return e.ci_high;
    if (field == "base") return e.base_mean;
    return e.variant_mean;
}

bool compare(double lhs, const std::string& op, double rhs) {
    if (op == "<") return lhs < rhs;
    if (op == "<=") return lhs <= rhs;
    if (op == ">") return lhs > rhs;
    if (op == ">=") return lhs >= rhs;
    if (op == "==") return lhs == rhs;
    return lhs != rhs;
}

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

}  // namespace

Assertion parse_assertion(const std::string& text) {
    Assertion a;
    a.text = text;
    std::size_t at = std::string::npos;
    for (const char* op : kOperators) {
        const std::size_t p = text.find(op);
        if (p != std::string::npos && (at == std::string::npos || p < at ||
                                       (p == at && std::string(op).size() > a.op.size()))) {
            at = p;
            a.op = op;
        }
    }
    if (at == std::string::npos) malformed(text, "no comparison operator");
    const std::string lhs = trim(text.substr(0, at));
    const std::string rhs = trim(text.substr(at + a.op.size()));
    const std::size_t dot = lhs.rfind('.');
    if (dot == std::string::npos || dot == 0) malformed(text, "'" + lhs + "' is not KPI.FIELD");
    a.kpi = lhs.substr(0, dot);
    a.field = lhs.substr(dot + 1);
    if (std::find(std::begin(kFields), std::end(kFields), a.field) == std::end(kFields))
        malformed(text, "unknown field '" + a.field + "'");
    if (rhs.empty()) malformed(text, "no number after '" + a.op + "'");
    const char* first = rhs.data();
    const char* last = rhs.data() + rhs.size();
    const auto [end, ec] = std::from_chars(first, last, a.value);
    if (ec != std::errc{} || end != last || !std::isfinite(a.value))
        malformed(text, "'" + rhs + "' is not a number");
    return a;
}

AssertionOutcome evaluate_assertion(const Assertion& a, const KpiComparison& c) {
    const auto it = std::find_if(c.kpis.begin(), c.kpis.end(), [&](const KpiDifference& k) { return k.name == a.kpi; });
    if (it == c.kpis.end()) {
        std::string closest;
        std::size_t best = std::string::npos;
        for (const KpiDifference& k : c.kpis) {
            const std::size_t d = edit_distance(a.kpi, k.name);
            if (d < best) {
                best = d;
                closest = k.name;
            }
        }
        std::string message = "--assert '" + a.text + "': the runs have no KPI '" + a.kpi + "'";
        if (!closest.empty() && best <= std::max<std::size_t>(3, a.kpi.size() / 3))
            message += " (did you mean '" + closest + "'?)";
        throw CompareError(message);
    }
    AssertionOutcome out;
    out.text = a.text;
    const double value = field_value(*it, a.field);
    if (std::isnan(value)) {
        out.detail = a.field + " is undefined";
        if (a.field == "ci_low" || a.field == "ci_high")
            out.detail += " (an interval needs at least 2 replications per side; there are " +
                          std::to_string(it->estimate.n_base) + " and " + std::to_string(it->estimate.n_variant) + ")";
        else if (a.field == "delta_pct")
            out.detail += " (the base mean is 0)";
        return out;
    }
    out.holds = compare(value, a.op, a.value);
    out.detail = a.kpi + "." + a.field + " = " + number(value);
    return out;
}

}  // namespace citytwin::io
