#include "io/sweep/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "io/output/json_text.hpp"
#include "io/output/student_t.hpp"
#include "io/sweep/sweep_value_text.hpp"

namespace citytwin::io {
namespace {

std::string number_or_empty(double v) { return std::isfinite(v) ? json_number(v) : std::string(); }

void fill_statistics(SweepTable::Group& g, const std::vector<std::vector<double>>& rows, double confidence) {
    const std::size_t k_count = rows.front().size(), n = rows.size();
    const double nan = std::nan("");
    g.mean.assign(k_count, nan);
    g.sd.assign(k_count, nan);
    g.ci_low.assign(k_count, nan);
    g.ci_high.assign(k_count, nan);
    for (std::size_t k = 0; k < k_count; ++k) {
        double sum = 0.0;
        for (const auto& row : rows) sum += row[k];
        g.mean[k] = sum / static_cast<double>(n);
        if (n < 2 || !std::isfinite(g.mean[k])) continue;
        double ss = 0.0;
        for (const auto& row : rows) ss += (row[k] - g.mean[k]) * (row[k] - g.mean[k]);
        g.sd[k] = std::sqrt(ss / static_cast<double>(n - 1));
        const double half = student_t_quantile((1.0 + confidence) / 2.0, static_cast<double>(n - 1)) * g.sd[k] /
                            std::sqrt(static_cast<double>(n));
        g.ci_low[k] = g.mean[k] - half;
        g.ci_high[k] = g.mean[k] + half;
    }
}

}  // namespace

SweepTable sweep_table(const std::vector<SweepRun>& runs, double confidence) {
    SweepTable t;
    t.confidence = confidence;
    for (const SweepRun& r : runs)
        for (const sim::Kpi& k : r.summary.kpis)
            if (std::none_of(t.kpis.begin(), t.kpis.end(), [&](const auto& c) { return c.name == k.name; }))
                t.kpis.push_back({k.name, k.units, k.long_name});
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> groups;  // -> member rows
    for (const SweepRun& r : runs) {
        std::vector<double> row;
        for (const auto& c : t.kpis) {
            double v = std::nan("");
            for (const sim::Kpi& k : r.summary.kpis)
                if (k.name == c.name) v = k.value;
            row.push_back(v);
        }
        groups[{r.member.variant, r.member.combination}].push_back(t.members.size());
        t.members.push_back(&r);
        t.values.push_back(std::move(row));
    }
    for (const auto& [key, rows] : groups) {
        SweepTable::Group g;
        g.variant = key.first;
        g.combination = key.second;
        g.replications = rows.size();
        g.values = t.members[rows.front()]->member.values;
        std::vector<std::vector<double>> values;
        for (std::size_t r : rows) values.push_back(t.values[r]);
        fill_statistics(g, values, confidence);
        t.groups.push_back(std::move(g));
    }
    return t;
}

std::string sweep_table_csv(const SweepFile& sweep, const SweepTable& t) {
    std::ostringstream out;
    out << "kind,index,id,variant,combination";
    for (const SweepParameter& p : sweep.parameters) out << ',' << csv_field(p.key);
    out << ",seed,replications,statistic";
    for (const auto& k : t.kpis) out << ',' << csv_field(k.name);
    out << '\n';
    for (std::size_t r = 0; r < t.members.size(); ++r) {
        const SweepMember& m = t.members[r]->member;
        out << "member," << m.index << ',' << m.id << ',' << csv_field(sweep.variants[m.variant].name) << ','
            << m.combination;
        for (const std::string& v : m.values) out << ',' << csv_field(v);
        out << ',' << m.seed << ",1,";
        for (const double v : t.values[r]) out << ',' << number_or_empty(v);
        out << '\n';
    }
    for (const SweepTable::Group& g : t.groups) {
        const std::pair<const char*, const std::vector<double>*> stats[] = {
            {"mean", &g.mean}, {"sd", &g.sd}, {"ci_low", &g.ci_low}, {"ci_high", &g.ci_high}};
        for (const auto& [name, values] : stats) {
            out << "combination,,," << csv_field(sweep.variants[g.variant].name) << ',' << g.combination;
            for (const std::string& v : g.values) out << ',' << csv_field(v);
            out << ",," << g.replications << ',' << name;
            for (const double v : *values) out << ',' << number_or_empty(v);
            out << '\n';
        }
    }
    return out.str();
}

}  // namespace citytwin::io
