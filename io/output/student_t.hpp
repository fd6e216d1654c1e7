#pragma once
// Student's t distribution for the confidence intervals of `citytwin compare`: its CDF and
// quantile through the regularized incomplete beta function I_x(a, b) and its inverse, for
// any positive (also non-integer: Welch) degrees of freedom. Algorithms: Press, Teukolsky,
// Vetterling & Flannery, Numerical Recipes, 3rd ed. (2007), §6.4 (continued fraction by the
// modified Lentz method, inverse by Halley's method) and §6.14; see docs/compare.md.

namespace citytwin::io {

// I_x(a, b) for a, b > 0 and 0 <= x <= 1. Throws std::invalid_argument outside that domain.
double regularized_incomplete_beta(double a, double b, double x);

// The x in [0, 1] with I_x(a, b) = p, for 0 <= p <= 1.
double inverse_regularized_incomplete_beta(double p, double a, double b);

// P(T <= t) for T ~ t(df), df > 0.
double student_t_cdf(double t, double df);

// The t with P(T <= t) = p, for 0 < p < 1 and df > 0 (e.g. p = 0.975 for a 95 % two-sided
// interval). Throws std::invalid_argument outside that domain.
double student_t_quantile(double p, double df);

}  // namespace citytwin::io
