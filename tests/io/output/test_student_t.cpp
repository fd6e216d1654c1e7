// Student-t quantiles and the regularized incomplete beta behind them, against closed forms
// (df = 1: Cauchy, df = 2, and I_x for a or b = 1, a = b = 1/2) and published table values
// (R's qt(), e.g. qt(0.975, 8) = 2.306004135204166).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "io/output/student_t.hpp"

namespace citytwin::io {
namespace {

TEST(IncompleteBeta, MatchesClosedForms) {
    for (double x : {0.0, 1e-6, 0.01, 0.2, 0.5, 0.77, 0.999, 1.0}) {
        EXPECT_NEAR(regularized_incomplete_beta(2.5, 1.0, x), std::pow(x, 2.5), 1e-14) << x;
        EXPECT_NEAR(regularized_incomplete_beta(1.0, 3.0, x), 1.0 - std::pow(1.0 - x, 3.0), 1e-14) << x;
        EXPECT_NEAR(regularized_incomplete_beta(0.5, 0.5, x), 2.0 / std::numbers::pi * std::asin(std::sqrt(x)), 1e-13)
            << x;
    }
    for (double a : {0.5, 3.0, 40.0, 1000.0}) EXPECT_NEAR(regularized_incomplete_beta(a, a, 0.5), 0.5, 1e-13) << a;
}

TEST(IncompleteBeta, InverseRecoversTheArgument) {
    for (double a : {0.5, 1.0, 4.0, 60.0})
        for (double b : {0.5, 2.0, 15.0})
            for (double x : {1e-4, 0.03, 0.3, 0.5, 0.9, 0.9999}) {
                const double p = regularized_incomplete_beta(a, b, x);
                // Near p = 1 a double holds too few digits of 1 - p to determine x.
                if (p <= 1e-300 || p >= 1.0 - 1e-9) continue;
                EXPECT_NEAR(inverse_regularized_incomplete_beta(p, a, b), x, 1e-10 * std::max(1.0, x))
                    << "a " << a << " b " << b << " x " << x;
            }
}

TEST(StudentT, QuantileMatchesClosedFormsForOneAndTwoDegrees) {
    for (double p = 0.0005; p < 1.0; p += 0.0371) {
        const double cauchy = std::tan(std::numbers::pi * (p - 0.5));
        EXPECT_NEAR(student_t_quantile(p, 1.0), cauchy, 1e-10 * std::max(1.0, std::fabs(cauchy))) << p;
        const double two = (2.0 * p - 1.0) / std::sqrt(2.0 * p * (1.0 - p));
        EXPECT_NEAR(student_t_quantile(p, 2.0), two, 1e-10 * std::max(1.0, std::fabs(two))) << p;
    }
}

TEST(StudentT, QuantileMatchesTableValues) {
    struct Case {
        double p, df, t;
    };
    const Case cases[] = {
        {0.975, 1, 12.70620473617471}, {0.975, 2, 4.302652729749464}, {0.975, 5, 2.570581835636314},
        {0.975, 8, 2.306004135204166}, {0.975, 10, 2.228138851986274}, {0.975, 30, 2.042272456301238},
        {0.975, 120, 1.979930405082423}, {0.995, 4, 4.604094871415897}, {0.95, 10, 1.812461122811676},
        {0.9995, 1, 636.6192487687196}, {0.025, 5, -2.570581835636314}, {0.5, 7, 0.0},
    };
    for (const Case& c : cases) EXPECT_NEAR(student_t_quantile(c.p, c.df), c.t, 1e-9 * std::fabs(c.t) + 1e-12)
        << "p " << c.p << " df " << c.df;
}

TEST(StudentT, CdfInvertsTheQuantileForNonIntegerDegrees) {
    for (double df : {0.7, 2.5, 7.3, 24.98, 311.4})
        for (double p : {0.001, 0.025, 0.3, 0.5, 0.6, 0.9, 0.975, 0.9999})
            EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-12) << "df " << df << " p " << p;
}

TEST(StudentT, RefusesOutsideItsDomain) {
    EXPECT_THROW(student_t_quantile(0.0, 3), std::invalid_argument);
    EXPECT_THROW(student_t_quantile(1.0, 3), std::invalid_argument);
    EXPECT_THROW(student_t_quantile(0.9, 0.0), std::invalid_argument);
    EXPECT_THROW(student_t_quantile(0.9, std::nan("")), std::invalid_argument);
    EXPECT_THROW(regularized_incomplete_beta(-1.0, 1.0, 0.5), std::invalid_argument);
    EXPECT_THROW(regularized_incomplete_beta(1.0, 1.0, 1.5), std::invalid_argument);
}

}  // namespace
}  // namespace citytwin::io
