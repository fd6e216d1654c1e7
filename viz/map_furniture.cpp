#include "viz/map_furniture.hpp"

#include <cmath>
#include <algorithm>
#include <cstdio>

namespace citytwin::viz {
namespace {

void font(cairo_t* cr, double size, bool bold = false) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
}

void text_at(cairo_t* cr, double x, double y, const std::string& s) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s.c_str());
}

}  // namespace

std::string tick_text(double value, double step) {
    char buf[32];
    if (std::abs(value) < step * 1e-6) return "0";
    const double a = std::abs(value);
    if (a >= 1e6 || a < 1e-4) {
        std::snprintf(buf, sizeof buf, "%.2e", value);
        return buf;
    }
    // As many decimals as the step has: 2.5 -> 1, 0.0005 -> 4, 50 -> 0.
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6) ++decimals;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

void draw_title(cairo_t* cr, const MapView& v, const std::string& title, const std::string& subtitle,
                const std::string& clock) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 20, true);
    text_at(cr, kMargin, 30, title);
    font(cr, 13);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    text_at(cr, kMargin, 52, subtitle);
    font(cr, 22, true);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text_at(cr, v.width - kMargin - text_width(cr, clock), 34, clock);
}

double draw_colour_bar(cairo_t* cr, const MapView& v, double top, const std::string& label, const ColourScale& scale,
                       bool no_data_swatch) {
    const double left = v.legend_left, width = kLegendWidth - kMargin - 10, height = 18;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 14, true);
    text_at(cr, left, top + 14, label);
    const double bar_top = top + 24;
    // One-pixel columns sampled from the map, so the bar shows exactly the colours drawn.
    for (int i = 0; i < static_cast<int>(width); ++i) {
        const double t = (i + 0.5) / width;
        const Rgb c = scale.colour(scale.lo + t * (scale.hi - scale.lo));
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_rectangle(cr, left + i, bar_top, 1, height);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, left + 0.5, bar_top + 0.5, width - 1, height - 1);
    cairo_stroke(cr);
    font(cr, 12);
    // Ticks at round values: 1, 2, 2.5 or 5 times a power of ten, about four of them.
    const double span = scale.hi - scale.lo;
    const double raw = span / 4, power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * power >= raw * 0.99) {
            step = m * power;
            break;
        }
    for (double value = std::ceil(scale.lo / step - 1e-9) * step; value <= scale.hi + step * 1e-9; value += step) {
        const double x = left + width * (value - scale.lo) / span;
        cairo_move_to(cr, x, bar_top + height);
        cairo_line_to(cr, x, bar_top + height + 5);
        cairo_stroke(cr);
        const std::string t = tick_text(value, step);
        const double w = text_width(cr, t);
        text_at(cr, std::clamp(x - w / 2, left - 4, left + width - w + 4), bar_top + height + 19, t);
    }
    double next = bar_top + height + 34;
    if (no_data_swatch) {
        cairo_set_source_rgb(cr, kNoData.r, kNoData.g, kNoData.b);
        cairo_rectangle(cr, left, next - 4, 24, 12);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        text_at(cr, left + 32, next + 7, "no vehicles / no value");
        next += 24;
    }
    return next + 12;
}

double draw_categories(cairo_t* cr, const MapView& v, double top, const std::string& label,
                       const std::vector<std::pair<std::string, Rgb>>& entries) {
    const double left = v.legend_left;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 14, true);
    text_at(cr, left, top + 14, label);
    font(cr, 12);
    double y = top + 26;
    for (const auto& [name, c] : entries) {
        cairo_arc(cr, left + 7, y + 6, 5, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        text_at(cr, left + 20, y + 10, name);
        y += 18;
    }
    return y + 12;
}

void draw_scale_bar(cairo_t* cr, const MapView& v) {
    // The longest 1, 2 or 5 times a power of ten that fits the legend panel.
    const double target = (kLegendWidth - kMargin - 20) / v.scale;
    double length = std::pow(10.0, std::floor(std::log10(target)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * length <= target) {
            length *= m;
            break;
        }
    // In the legend panel, level with the map's bottom edge, so it never hides the map.
    const double px = length * v.scale, x = v.legend_left, y = v.map_top + v.map_height - 8;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_rectangle(cr, x, y, px, 5);
    cairo_fill(cr);
    font(cr, 12);
    char buf[32];
    if (length >= 1000) std::snprintf(buf, sizeof buf, "%g km", length / 1000);
    else std::snprintf(buf, sizeof buf, "%g m", length);
    text_at(cr, x, y - 6, buf);
}

void draw_map_frame(cairo_t* cr, const MapView& v) {
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, v.map_left + 0.5, v.map_top + 0.5, v.map_width - 1, v.map_height - 1);
    cairo_stroke(cr);
}

}  // namespace citytwin::viz
