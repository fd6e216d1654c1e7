#include "io/output/run_statistics.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "io/output/student_t.hpp"

namespace citytwin::io {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxReplications = 1000000;

double mean(std::span<const double> v) {
    double sum = 0.0;
    for (double x : v) sum += x;
    return v.empty() ? kNaN : sum / static_cast<double>(v.size());
}

// Sample standard deviation (n - 1), by the two-pass formula so that identical values give
// exactly 0 rather than rounding noise.
double sample_sd(std::span<const double> v) {
    if (v.size() < 2) return kNaN;
    const double m = mean(v);
    double ss = 0.0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

double percent_of(double delta, double base) {
    if (std::isnan(delta) || std::isnan(base)) return kNaN;
    if (base == 0.0) return delta == 0.0 ? 0.0 : kNaN;
    return 100.0 * delta / std::fabs(base);
}

void check_confidence(double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0))
        throw std::invalid_argument("the confidence level must lie strictly between 0 and 1, got " +
                                    std::to_string(confidence));
}

DifferenceEstimate start(std::span<const double> base, std::span<const double> variant, double confidence) {
    check_confidence(confidence);
    DifferenceEstimate e;
    e.confidence = confidence;
    e.n_base = base.size();
    e.n_variant = variant.size();
    e.base_mean = mean(base);
    e.variant_mean = mean(variant);
    e.delta = e.variant_mean - e.base_mean;
    e.delta_pct = percent_of(e.delta, e.base_mean);
    e.ci_low = e.ci_high = e.degrees_of_freedom = kNaN;
    e.sd_base = sample_sd(base);
    e.sd_variant = sample_sd(variant);
    e.sd_difference = kNaN;
    return e;
}

// The quantile for (p, df), remembered: a difference file asks for one interval per link or
// cell and frame, nearly all with the same degrees of freedom when the runs are paired.
double cached_quantile(double p, double df) {
    thread_local std::map<std::pair<double, double>, double> cache;
    const auto key = std::pair{p, df};
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    if (cache.size() > 4096) cache.clear();
    return cache[key] = student_t_quantile(p, df);
}

// A zero standard error gives a zero-width interval whatever the degrees of freedom.
void set_interval(DifferenceEstimate& e, double standard_error, double df) {
    e.degrees_of_freedom = df;
    const double half = standard_error == 0.0
                            ? 0.0
                            : cached_quantile(0.5 * (1.0 + e.confidence), df) * standard_error;
    e.ci_low = e.delta - half;
    e.ci_high = e.delta + half;
}

// Welch-Satterthwaite degrees of freedom for variances-of-the-mean vb = s_b²/n_b, vv = s_v²/n_v.
double welch_df(double vb, std::size_t nb, double vv, std::size_t nv) {
    const double denominator = vb * vb / static_cast<double>(nb - 1) + vv * vv / static_cast<double>(nv - 1);
    return denominator > 0.0 ? (vb + vv) * (vb + vv) / denominator : kNaN;
}

}  // namespace

DifferenceEstimate paired_difference(std::span<const double> base, std::span<const double> variant,
                                     double confidence) {
    if (base.size() != variant.size())
        throw std::invalid_argument("a paired comparison needs as many base values as variant values (" +
                                    std::to_string(base.size()) + " and " + std::to_string(variant.size()) + ")");
    DifferenceEstimate e = start(base, variant, confidence);
    std::vector<double> d(base.size());
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = variant[i] - base[i];
    if (!d.empty()) {
        e.delta = mean(d);
        e.delta_pct = percent_of(e.delta, e.base_mean);
    }
    if (d.size() < 2) return e;
    e.method = IntervalMethod::Paired;
    e.sd_difference = sample_sd(d);
    set_interval(e, e.sd_difference / std::sqrt(static_cast<double>(d.size())), static_cast<double>(d.size() - 1));
    return e;
}

DifferenceEstimate welch_difference(std::span<const double> base, std::span<const double> variant,
                                    double confidence) {
    DifferenceEstimate e = start(base, variant, confidence);
    if (base.size() < 2 || variant.size() < 2) return e;
    e.method = IntervalMethod::Welch;
    const double vb = e.sd_base * e.sd_base / static_cast<double>(base.size());
    const double vv = e.sd_variant * e.sd_variant / static_cast<double>(variant.size());
    set_interval(e, std::sqrt(vb + vv), welch_df(vb, base.size(), vv, variant.size()));
    return e;
}

std::optional<std::vector<std::size_t>> pair_by_seed(std::span<const std::uint64_t> base_seeds,
                                                     std::span<const std::uint64_t> variant_seeds) {
    if (base_seeds.size() != variant_seeds.size() || base_seeds.empty()) return std::nullopt;
    std::map<std::uint64_t, std::size_t> base_index;
    for (std::size_t i = 0; i < base_seeds.size(); ++i)
        if (!base_index.emplace(base_seeds[i], i).second) return std::nullopt;  // a seed twice
    std::vector<std::size_t> pairs;
    std::map<std::uint64_t, bool> used;
    for (std::uint64_t seed : variant_seeds) {
        const auto it = base_index.find(seed);
        if (it == base_index.end() || !used.emplace(seed, true).second) return std::nullopt;
        pairs.push_back(it->second);
    }
    return pairs;
}

std::optional<std::size_t> replications_for_half_width(const DifferenceEstimate& e, double half_width) {
    if (e.method == IntervalMethod::None || !(half_width > 0.0)) return std::nullopt;
    const double c = 0.5 * (1.0 + e.confidence);
    // Variance of one replication's contribution: of a difference (paired), or the sum of the
    // two sides' variances with n replications on each side (Welch).
    const double sb2 = e.sd_base * e.sd_base, sv2 = e.sd_variant * e.sd_variant;
    const double variance = e.method == IntervalMethod::Paired ? e.sd_difference * e.sd_difference : sb2 + sv2;
    if (!std::isfinite(variance)) return std::nullopt;
    if (variance == 0.0) return 2;
    auto half = [&](std::size_t n) {
        const double nn = static_cast<double>(n);
        const double df = e.method == IntervalMethod::Paired ? nn - 1.0 : welch_df(sb2 / nn, n, sv2 / nn, n);
        return student_t_quantile(c, df) * std::sqrt(variance / nn);
    };
    // The half-width falls with n: grow an upper bound, then bisect to the smallest that fits.
    std::size_t low = 2, high = 2;
    while (half(high) > half_width) {
        low = high + 1;
        if (high >= kMaxReplications) return std::nullopt;
        high = std::min(kMaxReplications, high * 2);
    }
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (half(mid) <= half_width) high = mid; else low = mid + 1;
    }
    return high;
}

}  // namespace citytwin::io
