#include "io/sweep/sweep_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>

#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

std::optional<double> kpi_value(const RunSummary& run, const std::string& name) {
    for (const sim::Kpi& k : run.kpis)
        if (k.name == name) return k.value;
    return std::nullopt;
}

bool is_timing(const std::string& name) {
    return std::find(std::begin(layout::kTimingKpis), std::end(layout::kTimingKpis), name) !=
           std::end(layout::kTimingKpis);
}

struct Pair {
    const SweepRun* base;
    const SweepRun* variant;
};

}  // namespace

bool excludes_zero(const DifferenceEstimate& e) {
    return e.method != IntervalMethod::None && std::isfinite(e.ci_low) && (e.ci_low > 0.0 || e.ci_high < 0.0);
}

SweepPairedComparison compare_sweep_variants(const SweepFile& sweep, const std::vector<SweepRun>& base,
                                             const std::vector<SweepRun>& variant, double confidence,
                                             std::vector<std::string>& warnings) {
    SweepPairedComparison c;
    c.sweep_file = sweep.file;
    c.confidence = confidence;
    for (const SweepParameter& p : sweep.parameters) c.parameters.push_back(p.key);
    if (!base.empty()) c.base_name = sweep.variants[base.front().member.variant].name;
    if (!variant.empty()) c.variant_name = sweep.variants[variant.front().member.variant].name;

    // (combination, seed) -> the member of each side.
    std::map<std::pair<std::size_t, std::uint64_t>, const SweepRun*> base_at;
    for (const SweepRun& r : base) base_at[{r.member.combination, r.member.seed}] = &r;
    std::map<std::size_t, std::vector<Pair>> pairs;  // by combination, seeds ascending
    std::size_t unpaired_variant = 0;
    for (const SweepRun& r : variant) {
        const auto it = base_at.find({r.member.combination, r.member.seed});
        if (it == base_at.end()) {
            ++unpaired_variant;
            continue;
        }
        pairs[r.member.combination].push_back(Pair{it->second, &r});
    }
    std::size_t paired = 0;
    for (auto& [combination, list] : pairs) {
        std::sort(list.begin(), list.end(), [](const Pair& a, const Pair& b) { return a.base->member.seed < b.base->member.seed; });
        SweepPairedComparison::Combination entry{combination, list.front().base->member.values, {}};
        for (const Pair& p : list) entry.seeds.push_back(p.base->member.seed);
        c.combinations.push_back(std::move(entry));
        paired += list.size();
    }
    if (paired == 0)
        throw std::invalid_argument("no complete member of variant '" + c.variant_name + "' has a complete partner in '" +
                                    c.base_name + "' (the same parameter combination and seed): nothing to pair");
    if (base.size() > paired || unpaired_variant > 0)
        warnings.push_back(std::to_string(base.size() - paired) + " members of '" + c.base_name + "' and " +
                           std::to_string(unpaired_variant) + " of '" + c.variant_name +
                           "' have no complete partner (same combination and seed) and are left out");

    // Seeds paired in every combination carry the overall summary.
    c.overall_seeds = c.combinations.front().seeds;
    for (const auto& entry : c.combinations) {
        std::vector<std::uint64_t> both;
        std::set_intersection(c.overall_seeds.begin(), c.overall_seeds.end(), entry.seeds.begin(), entry.seeds.end(),
                              std::back_inserter(both));
        c.overall_seeds = std::move(both);
    }
    std::size_t seeds_anywhere = 0;
    for (const auto& entry : c.combinations) seeds_anywhere = std::max(seeds_anywhere, entry.seeds.size());
    if (c.overall_seeds.size() < seeds_anywhere)
        warnings.push_back("the overall summary rests on the " + std::to_string(c.overall_seeds.size()) +
                           " seeds paired in every combination");

    std::vector<const sim::Kpi*> names;
    for (const auto* side : {&base, &variant})
        for (const SweepRun& run : *side)
            for (const sim::Kpi& k : run.summary.kpis)
                if (std::none_of(names.begin(), names.end(), [&](const sim::Kpi* n) { return n->name == k.name; }))
                    names.push_back(&k);
    std::vector<std::string> partial;
    for (const sim::Kpi* k : names) {
        SweepPairedKpi out{k->name, k->units, k->long_name, is_timing(k->name), {}, {}};
        // Per overall seed, the sums over the combinations of each side (NaN once one lacks the KPI).
        std::map<std::uint64_t, std::pair<double, double>> sums;
        for (std::uint64_t seed : c.overall_seeds) sums[seed] = {0.0, 0.0};
        bool lacking = false;
        for (const auto& entry : c.combinations) {
            std::vector<double> x, y;
            for (const Pair& p : pairs[entry.index]) {
                const auto b = kpi_value(p.base->summary, k->name), v = kpi_value(p.variant->summary, k->name);
                const auto s = sums.find(p.base->member.seed);
                if (!b || !v) {
                    lacking = true;
                    if (s != sums.end()) s->second = {std::nan(""), std::nan("")};
                    continue;
                }
                x.push_back(*b);
                y.push_back(*v);
                if (s != sums.end()) {
                    s->second.first += *b;
                    s->second.second += *v;
                }
            }
            out.combinations.push_back(paired_difference(x, y, confidence));
        }
        std::vector<double> x, y;
        const double n = static_cast<double>(c.combinations.size());
        for (const auto& [seed, s] : sums)
            if (std::isfinite(s.first) && std::isfinite(s.second)) {
                x.push_back(s.first / n);
                y.push_back(s.second / n);
            }
        out.overall = paired_difference(x, y, confidence);
        if (lacking) partial.push_back(k->name);
        c.kpis.push_back(std::move(out));
    }
    if (!partial.empty()) {
        std::string list;
        for (const auto& n : partial) list += (list.empty() ? "" : ", ") + n;
        warnings.push_back("KPIs missing from some members, compared over the pairs that have them: " + list);
    }
    return c;
}

KpiComparison overall_as_comparison(const SweepPairedComparison& c) {
    KpiComparison out;
    out.paired = true;
    out.options.confidence = c.confidence;
    for (const SweepPairedKpi& k : c.kpis) {
        KpiDifference d;
        d.name = k.name;
        d.units = k.units;
        d.long_name = k.long_name;
        d.timing = k.timing;
        d.paired = true;
        d.estimate = k.overall;
        out.kpis.push_back(std::move(d));
    }
    return out;
}

}  // namespace citytwin::io
