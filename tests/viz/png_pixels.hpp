#pragma once
// Reads a PNG back (cairo's decoder) and looks at its pixels, for the render tests.
#include <cairo.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace citytwin::testing {

struct Pixel {
    int r = 0, g = 0, b = 0;
};

class Png {
public:
    explicit Png(const std::string& path) : s_(cairo_image_surface_create_from_png(path.c_str())) {}
    ~Png() { cairo_surface_destroy(s_); }
    Png(const Png&) = delete;
    Png& operator=(const Png&) = delete;

    bool ok() const { return cairo_surface_status(s_) == CAIRO_STATUS_SUCCESS; }
    int width() const { return cairo_image_surface_get_width(s_); }
    int height() const { return cairo_image_surface_get_height(s_); }
    Pixel at(int x, int y) const {
        const auto* row = cairo_image_surface_get_data(s_) + static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s_);
        const std::uint32_t p = reinterpret_cast<const std::uint32_t*>(row)[x];
        return {static_cast<int>(p >> 16 & 0xFF), static_cast<int>(p >> 8 & 0xFF), static_cast<int>(p & 0xFF)};
    }
    // Some pixel within `radius` of (x, y) has this colour, each channel within `tolerance`.
    bool near(double x, double y, Pixel want, int tolerance = 3, int radius = 1) const {
        const int cx = static_cast<int>(std::lround(x)), cy = static_cast<int>(std::lround(y));
        for (int dy = -radius; dy <= radius; ++dy)
            for (int dx = -radius; dx <= radius; ++dx) {
                if (cx + dx < 0 || cy + dy < 0 || cx + dx >= width() || cy + dy >= height()) continue;
                const Pixel p = at(cx + dx, cy + dy);
                if (std::abs(p.r - want.r) <= tolerance && std::abs(p.g - want.g) <= tolerance && std::abs(p.b - want.b) <= tolerance)
                    return true;
            }
        return false;
    }

private:
    cairo_surface_t* s_;
};

inline constexpr Pixel kWhite{255, 255, 255};
inline constexpr Pixel kViridisLow{0x44, 0x01, 0x54};    // the colour of the lowest value
inline constexpr Pixel kViridisHigh{0xFD, 0xE7, 0x25};
inline constexpr Pixel kNoDataGrey{199, 199, 199};
inline constexpr Pixel kDivergingZero{0xF7, 0xF7, 0xF7};

}  // namespace citytwin::testing
