#pragma once
// Every KPI of two groups of runs side by side: base and variant means, the difference and its
// confidence interval (io/output/run_statistics.hpp), per KPI; what `citytwin compare` prints.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/output/run_reader.hpp"
#include "io/output/run_statistics.hpp"

namespace citytwin::io {

struct CompareOptions {
    double confidence = 0.95;
    // Wanted half-width of the interval as a percentage of |base mean|: when set, each KPI
    // says how many replications per side would reach it.
    std::optional<double> half_width_pct;
};

struct KpiDifference {
    std::string name, units, long_name;
    bool timing = false;  // depends on the machine, not the simulation (layout::kTimingKpis)
    bool paired = false;  // the runs that have this KPI share their seeds one to one
    DifferenceEstimate estimate;
    std::optional<std::size_t> replications_needed;
};

struct KpiComparison {
    std::vector<std::string> base_files, variant_files;
    std::vector<std::uint64_t> base_seeds, variant_seeds;
    bool paired = false;  // the groups' seeds match one to one: common random numbers
    CompareOptions options;
    std::vector<KpiDifference> kpis;  // the base's order, then KPIs only the variant has
};

// Runs in each group are replications. A KPI that some runs lack is compared over the runs
// that have it, with a warning naming it.
KpiComparison compare_kpis(const std::vector<RunSummary>& base, const std::vector<RunSummary>& variant,
                           const CompareOptions& options, std::vector<std::string>& warnings);

std::string method_name(IntervalMethod method);  // "paired t", "Welch t", "none"

}  // namespace citytwin::io
