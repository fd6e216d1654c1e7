#pragma once
// Colour maps for values on a map: a perceptually uniform sequential map (viridis, van der Walt
// and Smith 2015) and a diverging map for differences (ColorBrewer RdBu, Brewer 2002), white at
// zero, blue below and red above.
namespace citytwin::viz {

struct Rgb {
    double r = 0.0, g = 0.0, b = 0.0;   // 0..1, sRGB
};

// t in [0, 1] (clamped).
Rgb sequential(double t);
Rgb diverging(double t);   // 0.5 is the neutral white
// Distinct colours for categories (vehicle types): Okabe and Ito's (2008) palette, safe for the
// common colour-vision deficiencies; it repeats after eight.
Rgb category(long index);

inline constexpr Rgb kNoData{0.78, 0.78, 0.78};   // links without vehicles, cells without values

}  // namespace citytwin::viz

namespace citytwin::viz {

// Values to colours: lo..hi onto the sequential map, or -m..m onto the diverging one.
struct ColourScale {
    double lo = 0.0, hi = 1.0;
    bool diverging = false;

    double position(double v) const { return hi > lo ? (v - lo) / (hi - lo) : 0.5; }
    Rgb colour(double v) const {
        if (!(v == v)) return kNoData;   // NaN
        return diverging ? viz::diverging(position(v)) : sequential(position(v));
    }
};

}  // namespace citytwin::viz
