#include "viz/map_painter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace citytwin::viz {
namespace {

void set(cairo_t* cr, const Rgb& c, double alpha = 1.0) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

// A link's polyline in pixels, moved `offset` to the right of its direction of travel.
void link_path(cairo_t* cr, const MapView& v, const io::ReplayNetwork& net, std::size_t l, double offset) {
    const auto first = static_cast<std::size_t>(net.shape_offset[l]), last = static_cast<std::size_t>(net.shape_offset[l + 1]);
    if (last - first < 2) return;
    std::vector<std::pair<double, double>> p;
    for (std::size_t i = first; i < last; ++i) p.push_back(v.to_pixel(net.shape_x[i], net.shape_y[i]));
    for (std::size_t i = 0; i < p.size(); ++i) {
        // Average of the normals of the segments meeting at point i (screen y points down, so
        // the right-hand normal of (dx, dy) is (-dy, dx)).
        double nx = 0, ny = 0;
        for (std::size_t s : {i == 0 ? 0 : i - 1, std::min(i, p.size() - 2)}) {
            const double dx = p[s + 1].first - p[s].first, dy = p[s + 1].second - p[s].second;
            const double len = std::hypot(dx, dy);
            if (len > 0) {
                nx += -dy / len;
                ny += dx / len;
            }
        }
        const double len = std::hypot(nx, ny);
        const double ox = len > 0 ? nx / len * offset : 0, oy = len > 0 ? ny / len * offset : 0;
        if (i == 0) cairo_move_to(cr, p[i].first + ox, p[i].second + oy);
        else cairo_line_to(cr, p[i].first + ox, p[i].second + oy);
    }
}

}  // namespace

void draw_air(cairo_t* cr, const MapView& v, const io::ReplayAirGrid& g, const std::vector<double>& values,
              const ColourScale& scale) {
    cairo_surface_t* cells = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(g.nx), static_cast<int>(g.ny));
    cairo_surface_flush(cells);
    unsigned char* data = cairo_image_surface_get_data(cells);
    const int stride = cairo_image_surface_get_stride(cells);
    for (std::size_t j = 0; j < g.ny; ++j)
        for (std::size_t i = 0; i < g.nx; ++i) {
            const Rgb c = scale.colour(values[j * g.nx + i]);
            // Image rows run top down; the field's rows run from the lowest y.
            auto* px = reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(stride) * (g.ny - 1 - j)) + i;
            *px = 0xFF000000u | static_cast<std::uint32_t>(std::lround(c.r * 255)) << 16 |
                  static_cast<std::uint32_t>(std::lround(c.g * 255)) << 8 | static_cast<std::uint32_t>(std::lround(c.b * 255));
        }
    cairo_surface_mark_dirty(cells);
    cairo_save(cr);
    cairo_rectangle(cr, v.map_left, v.map_top, v.map_width, v.map_height);
    cairo_clip(cr);
    const auto [left, top] = v.to_pixel(g.x0, g.y0 + static_cast<double>(g.ny) * g.cell);
    cairo_translate(cr, left, top);
    cairo_scale(cr, g.cell * v.scale, g.cell * v.scale);
    cairo_set_source_surface(cr, cells, 0, 0);
    // Cells stay cells: no smoothing between them.
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(cells);
}

void draw_links(cairo_t* cr, const MapView& v, const io::ReplayNetwork& net, const std::vector<double>& values,
                const ColourScale& scale, bool over_field) {
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    const bool plain = values.empty();
    for (std::size_t l = 0; l < net.links(); ++l) {
        const double lanes = std::clamp<double>(net.lanes[l], 1, 6);
        if (plain) {
            set(cr, over_field ? Rgb{0.15, 0.15, 0.15} : Rgb{0.55, 0.55, 0.55}, over_field ? 0.55 : 1.0);
            cairo_set_line_width(cr, over_field ? 1.0 : 1.0 + lanes * 0.75);
        } else {
            const double value = values[l];
            set(cr, scale.colour(value));
            cairo_set_line_width(cr, std::isnan(value) ? 3.0 : 2.5 + lanes * 1.5);
        }
        link_path(cr, v, net, l, plain && over_field ? 0.0 : kLinkOffsetPx);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void draw_buses(cairo_t* cr, const MapView& v, const io::ReplayBuses& b, const std::vector<double>& values,
                const ColourScale& scale) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 2.0);
    cairo_set_dash(cr, nullptr, 0, 0);
    for (std::size_t i = 0; i < b.branch_from.size(); ++i) {
        const auto [x0, y0] = v.to_pixel(b.x[static_cast<std::size_t>(b.branch_from[i])], b.y[static_cast<std::size_t>(b.branch_from[i])]);
        const auto [x1, y1] = v.to_pixel(b.x[static_cast<std::size_t>(b.branch_to[i])], b.y[static_cast<std::size_t>(b.branch_to[i])]);
        cairo_move_to(cr, x0, y0);
        cairo_line_to(cr, x1, y1);
        cairo_stroke(cr);
    }
    for (std::size_t i = 0; i < b.ids.size(); ++i) {
        const auto [x, y] = v.to_pixel(b.x[i], b.y[i]);
        cairo_arc(cr, x, y, 8.0, 0, 2 * M_PI);
        set(cr, scale.colour(values[i]));
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_line_width(cr, 1.5);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void draw_vehicles(cairo_t* cr, const MapView& v, const io::ReplayVehicles& veh, const std::vector<Rgb>& colours) {
    cairo_save(cr);
    for (std::size_t i = 0; i < veh.x.size() && i < colours.size(); ++i) {
        const auto [x, y] = v.to_pixel(veh.x[i], veh.y[i]);
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        cairo_arc(cr, x, y, 2.6, 0, 2 * M_PI);
        set(cr, colours[i]);
        cairo_fill_preserve(cr);
        cairo_set_source_rgba(cr, 0, 0, 0, 0.6);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

}  // namespace citytwin::viz
