#include "io/output/kpi_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

struct Sample {
    std::vector<double> values;
    std::vector<std::uint64_t> seeds;
};

const sim::Kpi* find_kpi(const RunSummary& run, const std::string& name) {
    for (const sim::Kpi& k : run.kpis)
        if (k.name == name) return &k;
    return nullptr;
}

Sample sample_of(const std::vector<RunSummary>& runs, const std::string& name) {
    Sample s;
    for (const RunSummary& run : runs)
        if (const sim::Kpi* k = find_kpi(run, name)) {
            s.values.push_back(k->value);
            s.seeds.push_back(run.meta.seed);
        }
    return s;
}

bool is_timing(const std::string& name) {
    return std::find(std::begin(layout::kTimingKpis), std::end(layout::kTimingKpis), name) !=
           std::end(layout::kTimingKpis);
}

}  // namespace

std::string method_name(IntervalMethod method) {
    switch (method) {
        case IntervalMethod::Paired: return "paired t";
        case IntervalMethod::Welch: return "Welch t";
        case IntervalMethod::None: break;
    }
    return "none";
}

KpiComparison compare_kpis(const std::vector<RunSummary>& base, const std::vector<RunSummary>& variant,
                           const CompareOptions& options, std::vector<std::string>& warnings) {
    if (!(options.confidence > 0.0 && options.confidence < 1.0))
        throw std::invalid_argument("--ci must lie strictly between 0 and 1 (0.95 for a 95 % interval), got " +
                                    std::to_string(options.confidence));
    if (options.half_width_pct && !(*options.half_width_pct > 0.0))
        throw std::invalid_argument("--half-width must be a positive percentage of the base mean, got " +
                                    std::to_string(*options.half_width_pct));
    KpiComparison c;
    c.options = options;
    for (const RunSummary& r : base) {
        c.base_files.push_back(r.file);
        c.base_seeds.push_back(r.meta.seed);
    }
    for (const RunSummary& r : variant) {
        c.variant_files.push_back(r.file);
        c.variant_seeds.push_back(r.meta.seed);
    }
    c.paired = pair_by_seed(c.base_seeds, c.variant_seeds).has_value();

    // Names in the order the first base run reported them, then any others as first met.
    std::vector<const sim::Kpi*> names;
    for (const auto* side : {&base, &variant})
        for (const RunSummary& run : *side)
            for (const sim::Kpi& k : run.kpis)
                if (std::none_of(names.begin(), names.end(), [&](const sim::Kpi* n) { return n->name == k.name; }))
                    names.push_back(&k);

    std::vector<std::string> partial;
    for (const sim::Kpi* k : names) {
        KpiDifference d;
        d.name = k->name;
        d.units = k->units;
        d.long_name = k->long_name;
        d.timing = is_timing(k->name);
        const Sample b = sample_of(base, k->name), v = sample_of(variant, k->name);
        if (b.values.size() != base.size() || v.values.size() != variant.size()) partial.push_back(k->name);
        if (const auto pairs = pair_by_seed(b.seeds, v.seeds)) {
            std::vector<double> matched(v.values.size());
            for (std::size_t i = 0; i < pairs->size(); ++i) matched[i] = b.values[(*pairs)[i]];
            d.paired = true;
            d.estimate = paired_difference(matched, v.values, options.confidence);
        } else {
            d.estimate = welch_difference(b.values, v.values, options.confidence);
        }
        if (options.half_width_pct && std::isfinite(d.estimate.base_mean) && d.estimate.base_mean != 0.0)
            d.replications_needed = replications_for_half_width(
                d.estimate, *options.half_width_pct / 100.0 * std::fabs(d.estimate.base_mean));
        c.kpis.push_back(std::move(d));
    }
    if (!partial.empty()) {
        std::string list;
        for (const auto& n : partial) list += (list.empty() ? "" : ", ") + n;
        warnings.push_back("KPIs missing from some runs, compared over the runs that have them: " + list);
    }
    return c;
}

}  // namespace citytwin::io
