#pragma once
// The cost a route search adds for a link: its travel-time estimate in whole milliseconds, times
// 1024, plus a fixed 10-bit mark of the link. Integers make path sums exact and the same in any
// order, so the next-hop tables and the per-vehicle searches (route_search.hpp) find the very same
// routes; the mark (under a millisecond in all) breaks the ties of equal travel times that would
// otherwise make every monotone path of a uniform grid equally short.
#include <cstdint>

#include "kernels/core/qualifiers.hpp"

// Plain inline code, the same for every backend (the landmarks are chosen on the host with it).
namespace citytwin::kernels {

constexpr std::uint64_t kNoCost = ~0ull;            // a link no route may use
constexpr float kCostUnreachable = 3.0e38f;         // travel-time estimate of such a link
constexpr int kMaxLandmarks = 16;                   // route_search.hpp
constexpr std::uint64_t kBanPenaltyCost = 1000000000ull << 10;   // 10^6 s: a ban's zone links

CT_HD inline std::uint64_t link_mark(std::int64_t l) {
    std::uint64_t x = static_cast<std::uint64_t>(l) * 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ull;
    return (x >> 32) & 1023ull;
}

// Monotone in the travel time, so a cost from free-flow times is a lower bound of every later
// one (the landmarks rely on it); at least 1024, so every link costs something.
CT_HD inline std::uint64_t link_cost(float travel_time_s, std::int64_t l) {
    if (!(travel_time_s < kCostUnreachable)) return kNoCost;
    double ms = static_cast<double>(travel_time_s) * 1000.0 + 0.5;
    if (ms > 4.0e12) ms = 4.0e12;
    return ((static_cast<std::uint64_t>(ms) + 1ull) << 10) | link_mark(l);
}

}  // namespace citytwin::kernels
