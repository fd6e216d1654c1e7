#pragma once
// `citytwin compare --assert 'mean_trip_duration_s.delta_pct < 0'`: a planner's regression
// test on a comparison. An assertion is KPI.FIELD OP NUMBER with FIELD one of delta,
// delta_pct, ci_low, ci_high, base, variant and OP one of < <= > >= == !=.
#include <string>
#include <vector>

#include "io/output/kpi_comparison.hpp"

namespace citytwin::io {

struct Assertion {
    std::string text;  // as given
    std::string kpi;   // may itself hold '.' and ':' (air_max:PM2.5): the field is after the last '.'
    std::string field;
    std::string op;
    double value = 0.0;
};

struct AssertionOutcome {
    std::string text;
    bool holds = false;
    std::string detail;  // "delta_pct = -3.2" or why it cannot hold ("ci_low is undefined: ...")
};

// Throws CompareError naming the assertion and what is wrong with it.
Assertion parse_assertion(const std::string& text);

// Throws CompareError for a KPI the comparison does not have (with the closest name). A field
// that is undefined (an interval from one replication) makes the assertion fail, saying why.
AssertionOutcome evaluate_assertion(const Assertion& assertion, const KpiComparison& comparison);

}  // namespace citytwin::io
