#pragma once
// The four renderings of a comparison that `citytwin compare --format text|md|csv|json`
// prints (docs/compare.md): an aligned table, a Markdown table, CSV and one JSON object.
#include <string>
#include <vector>

#include "io/output/compare_assertion.hpp"
#include "io/output/kpi_comparison.hpp"
#include "io/output/link_changes.hpp"

namespace citytwin::io {

struct ComparisonReport {
    KpiComparison kpis;
    std::vector<std::string> warnings;
    std::vector<std::string> base_only_links, variant_only_links;
    std::vector<AssertionOutcome> assertions;
    LinkChanges links;  // where the traffic went (text, md and json)
};

std::string format_comparison_text(const ComparisonReport& report);
std::string format_comparison_markdown(const ComparisonReport& report);
std::string format_comparison_csv(const ComparisonReport& report);
// {"kpis": {NAME: {"base", "variant", "delta", "delta_pct", "ci_low", "ci_high", "n_base",
// "n_variant", "paired", ...}}, "base": ..., "variant": ..., ...}; null where undefined.
std::string format_comparison_json(const ComparisonReport& report);

}  // namespace citytwin::io
