#pragma once
// `citytwin compare --sweep FILE --base A --variant B`: two variants of a sweep compared pair
// by pair. A member of A and one of B with the same parameter combination and the same
// replication seed form a pair (common random numbers); per scalar KPI and combination, the
// paired difference B - A over its replications with its Student-t interval, and an overall
// paired summary over the seeds paired in every combination (docs/sweeps.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/output/compare_assertion.hpp"
#include "io/output/run_statistics.hpp"
#include "io/sweep/sweep_summary.hpp"

namespace citytwin::io {

struct SweepPairedKpi {
    std::string name, units, long_name;
    bool timing = false;                        // measures the machine (layout::kTimingKpis)
    std::vector<DifferenceEstimate> combinations;   // one per SweepPairedComparison::combinations
    // Per seed paired in every combination, the mean over the combinations of B and of A; the
    // paired t interval of those means: the effect averaged over the design's combinations.
    DifferenceEstimate overall;
};

struct SweepPairedComparison {
    std::string sweep_file;
    std::string base_name, variant_name;        // the two variants
    double confidence = 0.95;
    std::vector<std::string> parameters;        // the sweep's parameter keys
    struct Combination {
        std::size_t index = 0;                  // the sweep's combination number
        std::vector<std::string> values;        // one per parameter
        std::vector<std::uint64_t> seeds;       // the seeds paired in it, ascending
    };
    std::vector<Combination> combinations;      // those with at least one pair, ascending
    std::vector<std::uint64_t> overall_seeds;   // paired in every combination
    std::vector<SweepPairedKpi> kpis;           // in the order first reported
    std::vector<AssertionOutcome> assertions;   // on the overall summary
};

// Whether the interval is there and 0 lies outside it.
bool excludes_zero(const DifferenceEstimate& e);

// Pairs `base` (variant A's complete members) with `variant` (B's). Members without a partner
// and KPIs some pairs lack are left out, each with a warning. Throws std::invalid_argument
// when no member pairs.
SweepPairedComparison compare_sweep_variants(const SweepFile& sweep, const std::vector<SweepRun>& base,
                                             const std::vector<SweepRun>& variant, double confidence,
                                             std::vector<std::string>& warnings);

// The overall summaries as a KpiComparison, so that `--assert` reads them as it reads compare's.
KpiComparison overall_as_comparison(const SweepPairedComparison& c);

// The renderings of `compare --format text|md|csv|json` for a sweep. Text and Markdown carry
// the warnings; CSV has one row per KPI and combination, then one per KPI with combination
// "all" (the overall summary).
std::string format_sweep_comparison_text(const SweepPairedComparison& c, const std::vector<std::string>& warnings);
std::string format_sweep_comparison_markdown(const SweepPairedComparison& c, const std::vector<std::string>& warnings);
std::string format_sweep_comparison_csv(const SweepPairedComparison& c);
std::string format_sweep_comparison_json(const SweepPairedComparison& c, const std::vector<std::string>& warnings);

}  // namespace citytwin::io
