#pragma once
// The cells and tables that `citytwin compare` and `compare --sweep` print alike
// (io/output/comparison_format.hpp, io/sweep/sweep_comparison.hpp): numbers to six
// significant digits, signed differences, percentages, intervals, exact CSV numbers, and the
// aligned and Markdown tables they go in.
#include <cstddef>
#include <string>
#include <vector>

#include "io/output/compare_assertion.hpp"

namespace citytwin::io {

std::string human_number(double v);             // %.6g; "n/a" for NaN
std::string signed_number(double v);            // "+" before positive numbers
std::string percent_cell(double v);             // "+1.25 %"; "n/a" for NaN
std::string interval_cell(double low, double high);   // "[-1, +2]"; "n/a" when low is NaN
std::string exact_number(double v);             // shortest round-trip; empty for NaN (CSV's missing value)
std::string confidence_text(double c);          // 0.95 -> "95 %"
std::string csv_cell(const std::string& s);     // quoted when it holds a comma, quote or line break

// The warnings and the assertions' outcomes, a line each after `prefix` ("warning: ...",
// "holds:  ..." or "FAILS:  ...").
std::string notes_lines(const std::vector<std::string>& warnings, const std::vector<AssertionOutcome>& assertions,
                        const std::string& prefix);
// ["a","b"]; [{"assertion": ..., "holds": ..., "detail": ...}, ...].
std::string json_strings(const std::vector<std::string>& v);
std::string assertions_json(const std::vector<AssertionOutcome>& assertions);

// Columns separated by two spaces after a leading space, trailing blanks cut. The first
// `left_columns` columns and the last are left-aligned (names, units, notes), the others
// right-aligned (numbers). `rows[0]` is the header.
std::string aligned_table(const std::vector<std::vector<std::string>>& rows, std::size_t left_columns);
// The same as a Markdown table ('|' in cells escaped).
std::string markdown_table(const std::vector<std::vector<std::string>>& rows, std::size_t left_columns);

}  // namespace citytwin::io
