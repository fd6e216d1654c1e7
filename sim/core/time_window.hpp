#pragma once
// Whether time t lies in an intervention's window [from, until) (until < 0: to the end). The
// traffic side compares with a small slack, so a window edge on a step boundary counts as
// reached despite rounding.
namespace citytwin::sim {

inline bool in_window(double t, double from, double until, double slack = 0.0) {
    return t >= from - slack && (until < 0.0 || t < until - slack);
}

}  // namespace citytwin::sim
