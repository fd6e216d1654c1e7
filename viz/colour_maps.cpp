#include "viz/colour_maps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <span>

namespace citytwin::viz {
namespace {

// Ten evenly spaced samples of each published map (viridis as matplotlib and R's viridisLite
// tabulate it; RdBu's eleven classes, reversed so low is blue); linear between them in sRGB,
// which stays within a few percent of the full tables.
constexpr std::uint32_t kViridis[] = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
                                      0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725};
constexpr std::uint32_t kBlueRed[] = {0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
                                      0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F};

constexpr std::uint32_t kCategories[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x000000};

Rgb unpack(std::uint32_t c) {
    return {((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0};
}

Rgb interpolate(std::span<const std::uint32_t> stops, double t) {
    if (!std::isfinite(t)) return kNoData;
    t = std::clamp(t, 0.0, 1.0);
    const double at = t * static_cast<double>(stops.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(at), stops.size() - 2);
    const double f = at - static_cast<double>(i);
    const Rgb a = unpack(stops[i]), b = unpack(stops[i + 1]);
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

}  // namespace

Rgb sequential(double t) { return interpolate(kViridis, t); }
Rgb diverging(double t) { return interpolate(kBlueRed, t); }
Rgb category(long index) {
    if (index < 0) return kNoData;
    return unpack(kCategories[static_cast<std::size_t>(index) % std::size(kCategories)]);
}

}  // namespace citytwin::viz
