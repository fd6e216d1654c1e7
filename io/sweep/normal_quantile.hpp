#pragma once
// The standard normal quantile, for sampling normal and lognormal sweep parameters by inverse
// transform (what a latin design needs: one draw per stratum of probability).

namespace citytwin::io {

// z with Phi(z) = p, for 0 < p < 1: P. J. Acklam's rational approximation (relative error
// 1.15e-9) refined by one Halley step on erfc, which brings it to about machine precision.
double normal_quantile(double p);

}  // namespace citytwin::io
