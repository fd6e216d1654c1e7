// The renderings of `citytwin compare --sweep`: the cells and tables of `citytwin compare`
// (io/output/comparison_cells.hpp), one row per KPI and combination and one per KPI overall.
#include <sstream>

#include "io/output/comparison_cells.hpp"
#include "io/output/json_text.hpp"
#include "io/sweep/sweep_comparison.hpp"

namespace citytwin::io {
namespace {

std::string combination_text(const SweepPairedComparison& c, const SweepPairedComparison::Combination& entry) {
    std::string out;
    for (std::size_t p = 0; p < c.parameters.size(); ++p)
        out += (p ? ", " : "") + c.parameters[p] + "=" + entry.values[p];
    return out.empty() ? "(no parameters)" : out;
}

std::string excludes_cell(const DifferenceEstimate& e) {
    if (e.method == IntervalMethod::None) return "n/a";
    return excludes_zero(e) ? "yes" : "no";
}

// The lines above the table: what was paired, how, and the combinations' values.
std::vector<std::string> heading(const SweepPairedComparison& c) {
    std::size_t pairs = 0;
    for (const auto& entry : c.combinations) pairs += entry.seeds.size();
    const std::string level = confidence_text(c.confidence);
    std::vector<std::string> out = {
        "base '" + c.base_name + "', variant '" + c.variant_name + "' of " + c.sweep_file,
        std::to_string(pairs) + " pairs (same parameter combination and seed) in " + std::to_string(c.combinations.size()) +
            " combinations; " + level + " intervals, paired t over each combination's replications",
        "all: per seed paired in every combination (" + std::to_string(c.overall_seeds.size()) +
            "), the mean over the combinations; paired t over those seeds"};
    for (const auto& entry : c.combinations)
        out.push_back("combination " + std::to_string(entry.index) + ": " + combination_text(c, entry));
    return out;
}

std::vector<std::vector<std::string>> table(const SweepPairedComparison& c) {
    std::vector<std::vector<std::string>> rows = {{"KPI", "units", "combination", "base", "variant", "delta", "delta %",
                                                   "sd of delta", confidence_text(c.confidence) + " CI", "pairs",
                                                   "CI excludes 0", "note"}};
    auto row = [&](const SweepPairedKpi& k, const std::string& combination, const DifferenceEstimate& e) {
        rows.push_back({k.name, k.units, combination, human_number(e.base_mean), human_number(e.variant_mean),
                        signed_number(e.delta), percent_cell(e.delta_pct), human_number(e.sd_difference),
                        interval_cell(e.ci_low, e.ci_high), std::to_string(e.n_base), excludes_cell(e),
                        k.timing ? "timing" : ""});
    };
    for (const SweepPairedKpi& k : c.kpis) {
        for (std::size_t i = 0; i < c.combinations.size(); ++i)
            row(k, std::to_string(c.combinations[i].index), k.combinations[i]);
        row(k, "all", k.overall);
    }
    return rows;
}

std::string estimate_json(const DifferenceEstimate& e) {
    std::string out = "{\"base\":" + json_number(e.base_mean);
    out += ",\"variant\":" + json_number(e.variant_mean);
    out += ",\"delta\":" + json_number(e.delta);
    out += ",\"delta_pct\":" + json_number(e.delta_pct);
    out += ",\"sd_delta\":" + json_number(e.sd_difference);
    out += ",\"ci_low\":" + json_number(e.ci_low);
    out += ",\"ci_high\":" + json_number(e.ci_high);
    out += ",\"pairs\":" + std::to_string(e.n_base);
    out += ",\"degrees_of_freedom\":" + json_number(e.degrees_of_freedom);
    out += ",\"method\":" + (e.method == IntervalMethod::None ? std::string("null") : json_string(method_name(e.method)));
    out += ",\"excludes_zero\":" + (e.method == IntervalMethod::None ? std::string("null") : excludes_zero(e) ? "true" : "false");
    return out + "}";
}

std::string seeds_json(const std::vector<std::uint64_t>& seeds) {
    std::string out = "[";
    for (std::size_t i = 0; i < seeds.size(); ++i) out += (i ? "," : "") + std::to_string(seeds[i]);
    return out + "]";
}

}  // namespace

std::string format_sweep_comparison_text(const SweepPairedComparison& c, const std::vector<std::string>& warnings) {
    std::ostringstream out;
    out << "citytwin compare --sweep: variant - base, paired by parameter combination and seed\n";
    for (const std::string& line : heading(c)) out << "  " << line << '\n';
    out << notes_lines(warnings, c.assertions, "  ");
    out << '\n' << aligned_table(table(c), 3);
    return out.str();
}

std::string format_sweep_comparison_markdown(const SweepPairedComparison& c, const std::vector<std::string>& warnings) {
    std::ostringstream out;
    out << "**citytwin compare --sweep**: variant − base, paired by parameter combination and seed\n\n";
    for (const std::string& line : heading(c)) out << "- " << line << '\n';
    out << notes_lines(warnings, c.assertions, "- ");
    out << '\n' << markdown_table(table(c), 3);
    return out.str();
}

std::string format_sweep_comparison_csv(const SweepPairedComparison& c) {
    std::ostringstream out;
    out << "kpi,units,timing,combination";
    for (const std::string& p : c.parameters) out << ',' << csv_cell(p);
    out << ",base,variant,delta,delta_pct,sd_delta,ci_low,ci_high,pairs,excludes_zero,method\n";
    auto row = [&](const SweepPairedKpi& k, const std::string& combination, const std::vector<std::string>* values,
                   const DifferenceEstimate& e) {
        out << csv_cell(k.name) << ',' << csv_cell(k.units) << ',' << (k.timing ? 1 : 0) << ',' << combination;
        for (std::size_t p = 0; p < c.parameters.size(); ++p) out << ',' << (values ? csv_cell((*values)[p]) : "");
        out << ',' << exact_number(e.base_mean) << ',' << exact_number(e.variant_mean) << ',' << exact_number(e.delta)
            << ',' << exact_number(e.delta_pct) << ',' << exact_number(e.sd_difference) << ',' << exact_number(e.ci_low)
            << ',' << exact_number(e.ci_high) << ',' << e.n_base << ','
            << (e.method == IntervalMethod::None ? "" : excludes_zero(e) ? "1" : "0") << ','
            << (e.method == IntervalMethod::None ? "" : method_name(e.method)) << '\n';
    };
    for (const SweepPairedKpi& k : c.kpis) {
        for (std::size_t i = 0; i < c.combinations.size(); ++i)
            row(k, std::to_string(c.combinations[i].index), &c.combinations[i].values, k.combinations[i]);
        row(k, "all", nullptr, k.overall);
    }
    return out.str();
}

std::string format_sweep_comparison_json(const SweepPairedComparison& c, const std::vector<std::string>& warnings) {
    std::string out = "{\"sweep\":" + json_string(c.sweep_file) + ",\"base\":" + json_string(c.base_name) +
                      ",\"variant\":" + json_string(c.variant_name) + ",\"paired\":true,\"ci\":" + json_number(c.confidence) +
                      ",\"parameters\":" + json_strings(c.parameters) + ",\"combinations\":[";
    for (std::size_t i = 0; i < c.combinations.size(); ++i) {
        const auto& entry = c.combinations[i];
        out += (i ? "," : "") + std::string("{\"combination\":") + std::to_string(entry.index) + ",\"values\":{";
        for (std::size_t p = 0; p < c.parameters.size(); ++p)
            out += (p ? "," : "") + json_string(c.parameters[p]) + ":" + json_string(entry.values[p]);
        out += "},\"seeds\":" + seeds_json(entry.seeds) + "}";
    }
    out += "],\"overall_seeds\":" + seeds_json(c.overall_seeds) + ",\"kpis\":{";
    for (std::size_t i = 0; i < c.kpis.size(); ++i) {
        const SweepPairedKpi& k = c.kpis[i];
        out += (i ? "," : "") + json_string(k.name) + ":{\"units\":" + json_string(k.units) +
               ",\"long_name\":" + json_string(k.long_name) + ",\"timing\":" + (k.timing ? "true" : "false") +
               ",\"combinations\":[";
        for (std::size_t j = 0; j < k.combinations.size(); ++j) {
            std::string e = estimate_json(k.combinations[j]);
            out += (j ? "," : "") + std::string("{\"combination\":") + std::to_string(c.combinations[j].index) + "," +
                   e.substr(1);
        }
        out += "],\"all\":" + estimate_json(k.overall) + "}";
    }
    return out + "},\"warnings\":" + json_strings(warnings) + ",\"assertions\":" + assertions_json(c.assertions) + "}";
}

}  // namespace citytwin::io
