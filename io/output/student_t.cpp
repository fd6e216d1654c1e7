#include "io/output/student_t.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace citytwin::io {
namespace {

constexpr double kTiny = 1e-300;   // Lentz's guard against a zero denominator
constexpr double kEpsilon = 1e-15;
constexpr int kMaxTerms = 100000;  // sqrt(a) terms are needed: a = df/2 stays far below 1e9

// The continued fraction of I_x(a, b) (Numerical Recipes §6.4, eq. 6.4.5), evaluated by the
// modified Lentz method; converges fast for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxTerms; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));  // even step
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));  // odd step
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1.0) <= kEpsilon) break;
    }
    return h;
}

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

void check_shape(double a, double b) {
    if (!(a > 0.0) || !(b > 0.0) || !std::isfinite(a) || !std::isfinite(b))
        throw std::invalid_argument("incomplete beta: a and b must be positive, got a = " + std::to_string(a) +
                                    ", b = " + std::to_string(b));
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
    check_shape(a, b);
    if (!(x >= 0.0 && x <= 1.0))
        throw std::invalid_argument("incomplete beta: x must lie in [0, 1], got " + std::to_string(x));
    if (x == 0.0 || x == 1.0) return x;
    // x^a (1-x)^b / (a B(a, b)) times the continued fraction, or the symmetry
    // I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction would converge slowly.
    const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - log_beta(a, b));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double inverse_regularized_incomplete_beta(double p, double a, double b) {
    check_shape(a, b);
    if (!(p >= 0.0 && p <= 1.0))
        throw std::invalid_argument("inverse incomplete beta: p must lie in [0, 1], got " + std::to_string(p));
    if (p == 0.0) return 0.0;
    if (p == 1.0) return 1.0;
    // First guess (Numerical Recipes §6.4): for a, b >= 1 from the normal approximation
    // of Abramowitz & Stegun 26.5.22, otherwise from the leading terms at each end.
    double x = std::numeric_limits<double>::quiet_NaN();
    if (a >= 1.0 && b >= 1.0) {
        const double pp = p < 0.5 ? p : 1.0 - p;
        const double t = std::sqrt(-2.0 * std::log(pp));
        double z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t;
        if (p < 0.5) z = -z;
        const double al = (z * z - 3.0) / 6.0;
        const double h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
        const double w = z * std::sqrt(al + h) / h -
                         (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (al + 5.0 / 6.0 - 2.0 / (3.0 * h));
        x = a / (a + b * std::exp(2.0 * w));
    }
    // Far out in a tail the normal approximation fails (w overflows): use the end terms.
    if (!(x > 0.0 && x < 1.0)) {
        const double lna = std::log(a / (a + b)), lnb = std::log(b / (a + b));
        const double t = std::exp(a * lna) / a, u = std::exp(b * lnb) / b, w = t + u;
        x = p < t / w ? std::pow(a * w * p, 1.0 / a) : 1.0 - std::pow(b * w * (1.0 - p), 1.0 / b);
    }
    // Halley's method on f(x) = I_x(a, b) - p, with f' the beta density, kept inside a bracket
    // [low, high] of the root: a step that would leave it bisects instead (geometrically, so
    // that roots far out in a tail are reached in few steps).
    const double a1 = a - 1.0, b1 = b - 1.0, log_norm = -log_beta(a, b);
    double low = 0.0, high = 1.0;
    for (int j = 0; j < 500; ++j) {
        const double error = regularized_incomplete_beta(a, b, x) - p;
        if (error == 0.0) return x;
        (error < 0.0 ? low : high) = x;
        const double density = std::exp(a1 * std::log(x) + b1 * std::log1p(-x) + log_norm);
        const double u = error / density;
        double next = x - u / (1.0 - 0.5 * std::min(1.0, u * (a1 / x - b1 / (1.0 - x))));
        if (!(next > low && next < high)) next = low > 0.0 ? std::sqrt(low * high) : 0.125 * high;
        if (std::fabs(next - x) <= 1e-15 * x) return next;
        x = next;
    }
    return x;
}

double student_t_cdf(double t, double df) {
    if (!(df > 0.0)) throw std::invalid_argument("Student t: degrees of freedom must be positive");
    if (std::isnan(t)) return t;
    if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
    // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); near t = 0 the complementary form keeps the digits.
    const double t2 = t * t;
    const double two_tail = t2 < df ? 1.0 - regularized_incomplete_beta(0.5, 0.5 * df, t2 / (df + t2))
                                    : regularized_incomplete_beta(0.5 * df, 0.5, df / (df + t2));
    return t > 0 ? 1.0 - 0.5 * two_tail : 0.5 * two_tail;
}

double student_t_quantile(double p, double df) {
    if (!(df > 0.0) || !std::isfinite(df))
        throw std::invalid_argument("Student t: degrees of freedom must be positive and finite, got " +
                                    std::to_string(df));
    if (!(p > 0.0 && p < 1.0))
        throw std::invalid_argument("Student t: the probability must lie strictly between 0 and 1, got " +
                                    std::to_string(p));
    if (p == 0.5) return 0.0;
    // Two-tailed probability q = P(|T| > t) for the upper quantile, then invert
    // q = I_x(df/2, 1/2) with x = df / (df + t²) (or its complement when q is large).
    const double q = 2.0 * (p < 0.5 ? p : 1.0 - p);
    double t;
    if (q < 0.5) {
        const double x = inverse_regularized_incomplete_beta(q, 0.5 * df, 0.5);
        t = std::sqrt(df * (1.0 - x) / x);
    } else {
        const double y = inverse_regularized_incomplete_beta(1.0 - q, 0.5, 0.5 * df);  // y = 1 - x
        t = std::sqrt(df * y / (1.0 - y));
    }
    return p < 0.5 ? -t : t;
}

}  // namespace citytwin::io
