#pragma once
// The statistics of `citytwin compare` (docs/compare.md): the difference of two groups of
// replications (variant - base) with a Student-t confidence interval, paired when the groups
// share their seeds one to one (common random numbers), Welch's interval otherwise; and how
// many replications a wanted half-width needs. Plain numbers in, plain numbers out.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace citytwin::io {

enum class IntervalMethod {
    None,    // fewer than two values on a side (or pairs): no interval
    Paired,  // t interval of the per-seed differences, n - 1 degrees of freedom
    Welch,   // Welch's t interval, Welch-Satterthwaite degrees of freedom
};

// Every figure is NaN where it is undefined.
struct DifferenceEstimate {
    std::size_t n_base = 0, n_variant = 0;
    double base_mean = 0.0, variant_mean = 0.0;
    double delta = 0.0;      // variant_mean - base_mean (paired: the mean difference)
    double delta_pct = 0.0;  // 100 * delta / |base_mean|; 0 when both are 0, NaN when only the base is
    IntervalMethod method = IntervalMethod::None;
    double confidence = 0.95;
    double ci_low = 0.0, ci_high = 0.0;
    double degrees_of_freedom = 0.0;
    // Standard deviations the interval rests on: of the differences (paired) or of each side.
    double sd_difference = 0.0, sd_base = 0.0, sd_variant = 0.0;
};

// `base[i]` and `variant[i]` come from the same seed. Needs equal lengths (std::invalid_argument).
DifferenceEstimate paired_difference(std::span<const double> base, std::span<const double> variant,
                                     double confidence);
// Independent groups of any sizes.
DifferenceEstimate welch_difference(std::span<const double> base, std::span<const double> variant,
                                    double confidence);

// When every seed of `variant_seeds` matches exactly one of `base_seeds` and back (seeds
// unique within each group), the base index for each variant entry; otherwise nothing.
std::optional<std::vector<std::size_t>> pair_by_seed(std::span<const std::uint64_t> base_seeds,
                                                     std::span<const std::uint64_t> variant_seeds);

// The smallest number of replications per side (at least 2) whose interval, with the standard
// deviations of `estimate` taken as known, has a half-width of at most `half_width` (same units
// as the KPI): min{n : t_{(1+c)/2, df(n)} * se(n) <= half_width} (Law, Simulation Modeling and
// Analysis, 5th ed., §9.4.1). Nothing when the estimate has no interval or half_width <= 0.
std::optional<std::size_t> replications_for_half_width(const DifferenceEstimate& estimate, double half_width);

}  // namespace citytwin::io
