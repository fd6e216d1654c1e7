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

}  // namespace

std::string sweep_summary_csv(const SweepFile& sweep, const std::vector<SweepRun>& runs, double confidence) {
    std::vector<std::string> kpis;
    for (const SweepRun& r : runs)
        for (const sim::Kpi& k : r.summary.kpis)
            if (std::find(kpis.begin(), kpis.end(), k.name) == kpis.end()) kpis.push_back(k.name);
    auto value_of = [](const RunSummary& s, const std::string& name) {
        for (const sim::Kpi& k : s.kpis)
            if (k.name == name) return k.value;
        return std::nan("");
    };

    std::ostringstream out;
    out << "kind,index,id,variant,combination";
    for (const SweepParameter& p : sweep.parameters) out << ',' << csv_field(p.key);
    out << ",seed,replications,statistic";
    for (const std::string& k : kpis) out << ',' << csv_field(k);
    out << '\n';

    // (variant, combination) -> the runs of its replications, in member order.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<const SweepRun*>> groups;
    for (const SweepRun& r : runs) {
        const SweepMember& m = r.member;
        groups[{m.variant, m.combination}].push_back(&r);
        out << "member," << m.index << ',' << m.id << ',' << csv_field(sweep.variants[m.variant].name) << ','
            << m.combination;
        for (const std::string& v : m.values) out << ',' << csv_field(v);
        out << ',' << m.seed << ",1,";
        for (const std::string& k : kpis) out << ',' << number_or_empty(value_of(r.summary, k));
        out << '\n';
    }
    for (const auto& [key, group] : groups) {
        const SweepMember& first = group.front()->member;
        const std::size_t n = group.size();
        std::vector<double> mean(kpis.size()), sd(kpis.size(), std::nan("")), low(kpis.size(), std::nan("")),
            high(kpis.size(), std::nan(""));
        for (std::size_t k = 0; k < kpis.size(); ++k) {
            double sum = 0.0;
            for (const SweepRun* r : group) sum += value_of(r->summary, kpis[k]);
            mean[k] = sum / static_cast<double>(n);
            if (n < 2 || !std::isfinite(mean[k])) continue;
            double ss = 0.0;
            for (const SweepRun* r : group) ss += std::pow(value_of(r->summary, kpis[k]) - mean[k], 2);
            sd[k] = std::sqrt(ss / static_cast<double>(n - 1));
            const double half = student_t_quantile((1.0 + confidence) / 2.0, static_cast<double>(n - 1)) * sd[k] /
                                std::sqrt(static_cast<double>(n));
            low[k] = mean[k] - half;
            high[k] = mean[k] + half;
        }
        const std::pair<const char*, const std::vector<double>*> stats[] = {
            {"mean", &mean}, {"sd", &sd}, {"ci_low", &low}, {"ci_high", &high}};
        for (const auto& [name, values] : stats) {
            out << "combination,,," << csv_field(sweep.variants[key.first].name) << ',' << key.second;
            for (const std::string& v : first.values) out << ',' << csv_field(v);
            out << ",," << n << ',' << name;
            for (const double v : *values) out << ',' << number_or_empty(v);
            out << '\n';
        }
    }
    return out.str();
}

}  // namespace citytwin::io
