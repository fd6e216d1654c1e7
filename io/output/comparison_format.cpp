#include "io/output/comparison_format.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "io/output/comparison_cells.hpp"
#include "io/output/json_text.hpp"

namespace citytwin::io {
namespace {

std::string interval(const DifferenceEstimate& e) { return interval_cell(e.ci_low, e.ci_high); }

std::string files_text(const std::vector<std::string>& files, const std::vector<std::uint64_t>& seeds) {
    std::string out;
    for (std::size_t i = 0; i < files.size(); ++i)
        out += (i ? ", " : "") + files[i] + " (seed " + std::to_string(seeds[i]) + ")";
    return out;
}

// One line saying which interval the table shows, and why.
std::string method_line(const KpiComparison& c) {
    const std::size_t nb = c.base_files.size(), nv = c.variant_files.size();
    if (nb < 2 || nv < 2)
        return "no confidence intervals: they need at least 2 replications per side (here " + std::to_string(nb) +
               " and " + std::to_string(nv) + ")";
    const std::string level = confidence_text(c.options.confidence);
    if (c.paired)
        return level + " intervals, paired t: the replications are paired by seed (common random numbers), " +
               std::to_string(nb) + " pairs";
    return level + " intervals, Welch t: the seeds of the two groups do not match one to one, so the groups are "
                   "taken as independent";
}

struct Row {
    std::vector<std::string> cells;
};

std::vector<std::string> header(const KpiComparison& c) {
    std::vector<std::string> h = {"KPI", "units", "base", "variant", "delta", "delta %",
                                  confidence_text(c.options.confidence) + " CI", "n"};
    if (c.options.half_width_pct) h.push_back("n for +-" + human_number(*c.options.half_width_pct) + " %");
    h.push_back("note");
    return h;
}

std::vector<Row> rows(const KpiComparison& c) {
    std::vector<Row> out;
    for (const KpiDifference& k : c.kpis) {
        const DifferenceEstimate& e = k.estimate;
        Row r;
        r.cells = {k.name, k.units, human_number(e.base_mean), human_number(e.variant_mean), signed_number(e.delta),
                   percent_cell(e.delta_pct), interval(e),
                   std::to_string(e.n_base) + (e.n_base == e.n_variant ? "" : "+" + std::to_string(e.n_variant))};
        if (c.options.half_width_pct)
            r.cells.push_back(k.replications_needed ? std::to_string(*k.replications_needed) : "n/a");
        std::string note = k.timing ? "timing" : "";
        if (e.method != IntervalMethod::None && e.method != (c.paired ? IntervalMethod::Paired : IntervalMethod::Welch))
            note += std::string(note.empty() ? "" : ", ") + method_name(e.method);
        r.cells.push_back(note);
        out.push_back(std::move(r));
    }
    return out;
}

// "Links that gained most vehicles ..." as lines of `prefix` + text.
void link_lines(std::ostringstream& out, const LinkChanges& links, const std::string& prefix) {
    auto list = [&](const char* title, const std::vector<LinkChange>& changes) {
        if (changes.empty()) return;
        out << '\n' << title << '\n';
        std::size_t id_w = 0;
        for (const LinkChange& c : changes) id_w = std::max(id_w, c.id.size());
        for (const LinkChange& c : changes)
            out << prefix << c.id << std::string(id_w - c.id.size(), ' ') << "  " << signed_number(c.delta) << "  ("
                << human_number(c.base) << " -> " << human_number(c.variant) << ")\n";
    };
    list("Links that gained most vehicles (entered over the common period, variant - base):", links.gained);
    list("Links that lost most vehicles:", links.lost);
}

}  // namespace

std::string format_comparison_text(const ComparisonReport& r) {
    const KpiComparison& c = r.kpis;
    std::ostringstream out;
    out << "citytwin compare: variant - base\n";
    out << "  base     " << files_text(c.base_files, c.base_seeds) << '\n';
    out << "  variant  " << files_text(c.variant_files, c.variant_seeds) << '\n';
    out << "  " << method_line(c) << '\n';
    out << notes_lines(r.warnings, r.assertions, "  ");
    std::vector<std::vector<std::string>> table = {header(c)};
    for (Row& row : rows(c)) table.push_back(std::move(row.cells));
    out << '\n' << aligned_table(table, 2);
    link_lines(out, r.links, "   ");
    return out.str();
}

std::string format_comparison_markdown(const ComparisonReport& r) {
    const KpiComparison& c = r.kpis;
    std::ostringstream out;
    out << "**citytwin compare**: variant − base\n\n";
    out << "- base: " << files_text(c.base_files, c.base_seeds) << '\n';
    out << "- variant: " << files_text(c.variant_files, c.variant_seeds) << '\n';
    out << "- " << method_line(c) << '\n';
    out << notes_lines(r.warnings, r.assertions, "- ");
    out << '\n';
    std::vector<std::vector<std::string>> table = {header(c)};
    for (Row& row : rows(c)) table.push_back(std::move(row.cells));
    out << markdown_table(table, 2);
    link_lines(out, r.links, "- ");
    return out.str();
}

std::string format_comparison_csv(const ComparisonReport& r) {
    const KpiComparison& c = r.kpis;
    std::ostringstream out;
    out << "kpi,units,timing,base,variant,delta,delta_pct,ci_low,ci_high,n_base,n_variant,paired,method,"
           "replications_needed\n";
    for (const KpiDifference& k : c.kpis) {
        const DifferenceEstimate& e = k.estimate;
        out << csv_cell(k.name) << ',' << csv_cell(k.units) << ',' << (k.timing ? 1 : 0) << ',' << exact_number(e.base_mean) << ','
            << exact_number(e.variant_mean) << ',' << exact_number(e.delta) << ',' << exact_number(e.delta_pct) << ',' << exact_number(e.ci_low)
            << ',' << exact_number(e.ci_high) << ',' << e.n_base << ',' << e.n_variant << ',' << (k.paired ? 1 : 0) << ','
            << (e.method == IntervalMethod::None ? "" : method_name(e.method)) << ','
            << (k.replications_needed ? std::to_string(*k.replications_needed) : "") << '\n';
    }
    return out.str();
}

std::string format_comparison_json(const ComparisonReport& r) {
    const KpiComparison& c = r.kpis;
    auto seeds = [](const std::vector<std::uint64_t>& v) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
        return out + "]";
    };
    std::string out = "{\"kpis\":{";
    for (std::size_t i = 0; i < c.kpis.size(); ++i) {
        const KpiDifference& k = c.kpis[i];
        const DifferenceEstimate& e = k.estimate;
        if (i) out += ',';
        out += json_string(k.name) + ":{";
        out += "\"base\":" + json_number(e.base_mean);
        out += ",\"variant\":" + json_number(e.variant_mean);
        out += ",\"delta\":" + json_number(e.delta);
        out += ",\"delta_pct\":" + json_number(e.delta_pct);
        out += ",\"ci_low\":" + json_number(e.ci_low);
        out += ",\"ci_high\":" + json_number(e.ci_high);
        out += ",\"n_base\":" + std::to_string(e.n_base);
        out += ",\"n_variant\":" + std::to_string(e.n_variant);
        out += std::string(",\"paired\":") + (k.paired ? "true" : "false");
        out += ",\"method\":" + (e.method == IntervalMethod::None ? std::string("null") : json_string(method_name(e.method)));
        out += ",\"degrees_of_freedom\":" + json_number(e.degrees_of_freedom);
        out += ",\"replications_needed\":" +
               (k.replications_needed ? std::to_string(*k.replications_needed) : std::string("null"));
        out += ",\"units\":" + json_string(k.units);
        out += ",\"long_name\":" + json_string(k.long_name);
        out += std::string(",\"timing\":") + (k.timing ? "true" : "false");
        out += "}";
    }
    out += "}";
    out += ",\"base\":{\"files\":" + json_strings(c.base_files) + ",\"seeds\":" + seeds(c.base_seeds) + "}";
    out += ",\"variant\":{\"files\":" + json_strings(c.variant_files) + ",\"seeds\":" + seeds(c.variant_seeds) + "}";
    out += std::string(",\"paired\":") + (c.paired ? "true" : "false");
    out += ",\"ci\":" + json_number(c.options.confidence);
    out += ",\"half_width_pct\":" + (c.options.half_width_pct ? json_number(*c.options.half_width_pct) : std::string("null"));
    out += ",\"unmatched_links\":{\"base_only\":" + json_strings(r.base_only_links) +
           ",\"variant_only\":" + json_strings(r.variant_only_links) + "}";
    auto changes = [](const std::vector<LinkChange>& v) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i)
            out += (i ? "," : "") + std::string("{\"id\":") + json_string(v[i].id) + ",\"base\":" + json_number(v[i].base) +
                   ",\"variant\":" + json_number(v[i].variant) + ",\"delta\":" + json_number(v[i].delta) + "}";
        return out + "]";
    };
    out += ",\"links_entered\":{\"gained\":" + changes(r.links.gained) + ",\"lost\":" + changes(r.links.lost) + "}";
    out += ",\"warnings\":" + json_strings(r.warnings);
    out += ",\"assertions\":" + assertions_json(r.assertions) + "}";
    return out;
}

}  // namespace citytwin::io
