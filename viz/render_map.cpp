#include "viz/render_map.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

#include "io/output/replay_file.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/run_time.hpp"
#include "io/scenario/start_time.hpp"
#include "viz/clock_text.hpp"
#include "viz/layer_source.hpp"
#include "viz/map_furniture.hpp"
#include "viz/map_painter.hpp"
#include "viz/video_pipe.hpp"

namespace citytwin::viz {
namespace {

using io::ReplayError;

enum class Output { Png, Frames, Video };

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

Output output_kind(const std::string& path, bool animation) {
    std::error_code ec;
    if (path.empty()) throw ReplayError("-o: expected an output: map.png, video.mp4, video.webm or frames/");
    if (ends_with(path, "/") || std::filesystem::is_directory(path, ec)) return Output::Frames;
    if (ends_with(path, ".mp4") || ends_with(path, ".webm")) return Output::Video;
    if (ends_with(path, ".png")) {
        if (animation) throw ReplayError("-o '" + path + "': --from/--to render many frames; give a video (.mp4, .webm) or a folder/");
        return Output::Png;
    }
    throw ReplayError("-o '" + path + "': expected a name ending in .png, .mp4 or .webm, or a folder ending in /");
}

// Seconds since the start for --at/--from/--to, as --stop-at reads them (io/scenario/run_time.hpp),
// except that the start's own clock time is the start here: a map is never of the next day.
double run_time(const std::string& option, const std::string& text, const std::string& start) {
    const io::StartTimeResult s = io::parse_start_time(start);
    try {
        const double t = io::parse_run_time(text, s.time ? s.time->seconds_of_day : 0.0);
        return text.find(':') != std::string::npos && t == 86400.0 ? 0.0 : t;
    } catch (const std::exception& e) {
        throw ReplayError(option + " '" + text + "': " + e.what());
    }
}

struct Layer {
    std::unique_ptr<LayerSource> source;
    ColourScale scale;
    std::map<std::size_t, std::vector<double>> cache;   // frame -> values (all but vehicles)
};

// The colour range over every frame drawn, so an animation keeps one legend.
ColourScale scale_for(const Layer& layer, double max_speed_kmh) {
    double lo = INFINITY, hi = -INFINITY, largest = 0;
    for (const auto& [frame, values] : layer.cache)
        for (double v : values)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                largest = std::max(largest, std::abs(v));
            }
    ColourScale s;
    const LayerSpec& spec = layer.source->spec();
    if (layer.source->differences()) {
        s.diverging = true;
        const double m = largest > 0 ? largest : 1.0;   // a run against itself: all white
        s.lo = -m;
        s.hi = m;
        return s;
    }
    if (spec.name == "speed" || spec.kind == LayerKind::Vehicles) {
        s.lo = 0;
        s.hi = std::max(max_speed_kmh, std::isfinite(hi) ? hi : 0.0);
    } else if (spec.name == "voltage") {
        // The buses' own range (stiff feeders stay within 0.1 %), at least 0.001 pu wide.
        s.lo = std::isfinite(lo) ? lo : 0.95;
        s.hi = std::isfinite(hi) ? hi : 1.05;
        if (s.hi - s.lo < 0.001) {
            const double mid = (s.hi + s.lo) / 2;
            s.lo = mid - 0.0005;
            s.hi = mid + 0.0005;
        }
    } else {
        s.lo = std::isfinite(lo) ? std::min(lo, 0.0) : 0.0;
        s.hi = std::isfinite(hi) ? hi : 1.0;
    }
    if (!(s.hi > s.lo)) s.hi = s.lo + (spec.name == "voltage" ? 0.01 : 1.0);
    return s;
}

// Buses the file places nowhere (NaN) are drawn schematically: each feeder on its own row across
// the network, its buses evenly along it, in the file's order.
void place_buses(io::ReplayBuses& b, const WorldBox& box) {
    std::vector<std::size_t> unplaced_per_feeder(b.feeders, 0), seen(b.feeders, 0);
    for (std::size_t i = 0; i < b.ids.size(); ++i)
        if (!std::isfinite(b.x[i]) || !std::isfinite(b.y[i])) ++unplaced_per_feeder[static_cast<std::size_t>(b.feeder[i])];
    const double w = box.empty() ? 1000 : box.x1 - box.x0, h = box.empty() ? 1000 : box.y1 - box.y0;
    const double x0 = box.empty() ? 0 : box.x0, y1 = box.empty() ? 1000 : box.y1;
    for (std::size_t i = 0; i < b.ids.size(); ++i) {
        if (std::isfinite(b.x[i]) && std::isfinite(b.y[i])) continue;
        const auto f = static_cast<std::size_t>(b.feeder[i]);
        const double k = static_cast<double>(seen[f]++), n = static_cast<double>(unplaced_per_feeder[f]);
        b.x[i] = x0 + w * (k + 0.5) / n;
        b.y[i] = y1 - h * (static_cast<double>(f) + 0.5) / static_cast<double>(b.feeders);
    }
}

std::string legend_label(const LayerSpec& spec, bool difference) {
    return (difference ? "\u0394 " : "") + spec.label + " (" + spec.units + ")";
}

}  // namespace

RenderResult render(const RenderRequest& r) {
    if (r.layers.empty()) throw ReplayError("--layer: give at least one of " + layer_names());
    if (!(r.fps > 0 && r.fps <= 120)) throw ReplayError("--fps: expected 0 < fps <= 120, got " + std::to_string(r.fps));
    if (r.width < 400 || r.width > 8000) throw ReplayError("--width: expected 400 ... 8000 pixels, got " + std::to_string(r.width));
    const bool animation = !r.from.empty() || !r.to.empty();
    if (animation && !r.at.empty()) throw ReplayError("--at draws one picture, --from/--to an animation: give one or the other");
    const Output out = output_kind(r.output, animation);
    const bool many = out != Output::Png;

    std::vector<LayerSpec> specs;
    for (const std::string& name : r.layers) {
        const auto spec = find_layer(name);
        if (!spec) throw ReplayError("--layer '" + name + "': expected one of " + layer_names());
        for (const LayerSpec& other : specs)
            if (other.kind == spec->kind && spec->kind != LayerKind::Vehicles)
                throw ReplayError("--layer '" + name + "' and '" + other.name + "' would cover each other: one " +
                                  (spec->kind == LayerKind::Links ? "link" : spec->kind == LayerKind::Air ? "air" : "bus") +
                                  " layer per picture");
            else if (other.name == spec->name) throw ReplayError("--layer '" + name + "' is given twice");
        specs.push_back(spec->kind == LayerKind::Vehicles && r.vehicles_by == "type" ? vehicles_by_type() : *spec);
    }
    if (r.vehicles_by != "speed" && r.vehicles_by != "type")
        throw ReplayError("--vehicles-by '" + r.vehicles_by + "': expected speed or type");

    const io::ReplayFile run(r.run);
    std::optional<io::ReplayFile> base;
    if (!r.base.empty()) {
        if (run.is_difference()) throw ReplayError("--diff: '" + r.run + "' is already a difference file; draw it without --diff");
        base.emplace(r.base);
        if (base->is_difference()) throw ReplayError("--diff '" + r.base + "': expected a run file, found a difference file");
    }
    const io::ReplayNetwork net = run.network();
    if (base && base->network().links() != net.links())
        base->fail("/network/links/id", std::to_string(net.links()) + " links, as '" + r.run + "' has (the same network)");

    std::optional<io::ReplayAirGrid> grid;
    std::optional<io::ReplayBuses> buses;
    std::vector<Layer> layers;
    for (const LayerSpec& spec : specs) {
        std::size_t width = net.links();
        if (spec.kind == LayerKind::Air) {
            if (!run.has("/air")) run.fail("/air", "an air model for the layer '" + spec.name + "', found none");
            grid = run.air_grid();
            width = grid->nx * grid->ny;
        } else if (spec.kind == LayerKind::Buses) {
            if (!run.has("/grid/buses")) run.fail("/grid/buses", "a power grid for the layer '" + spec.name + "', found none");
            buses = run.buses();
            width = buses->ids.size();
        }
        layers.push_back({std::make_unique<LayerSource>(spec, run, base ? &*base : nullptr, width), {}, {}});
    }

    // The finest time axis drives the frames; every layer shows its frame nearest to each.
    const Layer* primary = &layers.front();
    for (const Layer& l : layers)
        if (l.source->times().size() > primary->source->times().size()) primary = &l;
    const std::vector<double>& axis = primary->source->times();
    const std::string start = run.root_text("start");
    const double slack = axis.size() > 1 ? axis[1] - axis[0] : run.root_number("output_every_s", 0.0);
    std::vector<double> frames;
    auto check_within = [&](const std::string& option, const std::string& text, double t) {
        if (t < 0 || t > axis.back() + std::max(0.0, slack))
            throw ReplayError(option + " '" + text + "': expected a time within the run's frames of '" +
                              primary->source->spec().name + "', " + clock_text(start, axis.front()) + " ... " +
                              clock_text(start, axis.back()));
    };
    if (!many) {
        double t = axis.back();
        if (!r.at.empty()) {
            t = run_time("--at", r.at, start);
            check_within("--at", r.at, t);
        }
        frames.push_back(axis[primary->source->frame_near(t)]);
    } else {
        const double from = r.from.empty() ? axis.front() : run_time("--from", r.from, start);
        const double to = r.to.empty() ? axis.back() : run_time("--to", r.to, start);
        if (!r.from.empty()) check_within("--from", r.from, from);
        if (!r.to.empty()) check_within("--to", r.to, to);
        if (to < from) throw ReplayError("--to '" + r.to + "' is before --from '" + r.from + "'");
        for (double t : axis)
            if (t >= from - 1e-9 && t <= to + 1e-9) frames.push_back(t);
        if (frames.empty())
            throw ReplayError("--from/--to: no frame of '" + primary->source->spec().name + "' between " +
                              clock_text(start, from) + " and " + clock_text(start, to));
    }

    // First pass: every value drawn, for one colour range per layer.
    double max_speed_kmh = 0;
    for (double v : net.speed_limit_mps)
        if (std::isfinite(v)) max_speed_kmh = std::max(max_speed_kmh, v * 3.6);
    std::set<long> types_drawn;   // one legend for every frame of an animation
    for (Layer& l : layers) {
        if (l.source->spec().categorical)
            for (double t : frames)
                for (double v : l.source->values(l.source->frame_near(t))) types_drawn.insert(std::lround(v));
        if (l.source->spec().kind == LayerKind::Vehicles) continue;
        for (double t : frames) {
            const std::size_t f = l.source->frame_near(t);
            if (!l.cache.count(f)) l.cache.emplace(f, l.source->values(f));
        }
    }
    for (Layer& l : layers) l.scale = scale_for(l, max_speed_kmh);

    WorldBox box;
    for (std::size_t i = 0; i < net.shape_x.size(); ++i) box.add(net.shape_x[i], net.shape_y[i]);
    if (buses) {
        place_buses(*buses, box);
        for (std::size_t i = 0; i < buses->ids.size(); ++i) box.add(buses->x[i], buses->y[i]);
    }
    if (grid) {   // the whole field: it reaches past the network by air.margin
        box.add(grid->x0, grid->y0);
        box.add(grid->x0 + grid->nx * grid->cell, grid->y0 + grid->ny * grid->cell);
    }
    const MapView view = make_view(box, r.width);

    std::string title = run.root_text("scenario_name");
    if (title.empty()) title = std::filesystem::path(r.run).filename().string();
    std::string subtitle;
    const bool difference = base.has_value() || run.is_difference();
    for (const Layer& l : layers) subtitle += (subtitle.empty() ? "" : " + ") + l.source->spec().label;
    if (base) subtitle += ": " + std::filesystem::path(r.run).filename().string() + " \u2212 " +
                          std::filesystem::path(r.base).filename().string();
    else if (run.is_difference()) subtitle += ": difference, variant \u2212 base";

    std::unique_ptr<VideoPipe> video;
    if (out == Output::Video) video = std::make_unique<VideoPipe>(r.output, r.fps);
    if (out == Output::Frames) {
        std::error_code ec;
        std::filesystem::create_directories(r.output, ec);
        if (ec) throw std::runtime_error("cannot create the folder '" + r.output + "': " + ec.message());
    }

    RenderResult result;
    for (std::size_t k = 0; k < frames.size(); ++k) {
        const double t = frames[k];
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, view.width, view.height);
        cairo_t* cr = cairo_create(surface);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);

        const Layer* links = nullptr;
        bool over_field = false;
        for (const Layer& l : layers)
            if (l.source->spec().kind == LayerKind::Air) {
                draw_air(cr, view, *grid, l.cache.at(l.source->frame_near(t)), l.scale);
                over_field = true;
            } else if (l.source->spec().kind == LayerKind::Links) {
                links = &l;
            }
        cairo_save(cr);
        cairo_rectangle(cr, view.map_left, view.map_top, view.map_width, view.map_height);
        cairo_clip(cr);
        if (links) draw_links(cr, view, net, links->cache.at(links->source->frame_near(t)), links->scale, over_field);
        else draw_links(cr, view, net, {}, {}, over_field);
        for (const Layer& l : layers) {
            const std::size_t f = l.source->frame_near(t);
            if (l.source->spec().kind == LayerKind::Buses) draw_buses(cr, view, *buses, l.cache.at(f), l.scale);
            if (l.source->spec().kind == LayerKind::Vehicles) {
                std::vector<Rgb> colours;
                for (double value : l.source->values(f))
                    colours.push_back(l.source->spec().categorical ? category(std::lround(value)) : l.scale.colour(value));
                draw_vehicles(cr, view, run.vehicles(f), colours);
            }
        }
        cairo_restore(cr);
        draw_map_frame(cr, view);
        draw_scale_bar(cr, view);
        const std::string clock = clock_text(start, t);
        draw_title(cr, view, title, subtitle, clock);
        double legend_top = view.map_top;
        for (const Layer& l : layers) {
            bool nan = false;
            if (l.source->spec().kind == LayerKind::Links)
                for (double v : l.cache.at(l.source->frame_near(t))) nan = nan || std::isnan(v);
            if (l.source->spec().categorical) {
                std::vector<std::pair<std::string, Rgb>> entries;
                for (long type : types_drawn) entries.push_back({run.vehicle_type_name(static_cast<std::size_t>(type)), category(type)});
                legend_top = draw_categories(cr, view, legend_top, l.source->spec().label, entries);
                continue;
            }
            legend_top = draw_colour_bar(cr, view, legend_top, legend_label(l.source->spec(), difference), l.scale, nan);
        }
        cairo_destroy(cr);
        cairo_surface_flush(surface);

        cairo_status_t status = CAIRO_STATUS_SUCCESS;
        std::string target = r.output;
        if (out == Output::Png) {
            status = cairo_surface_write_to_png(surface, r.output.c_str());
        } else if (out == Output::Frames) {
            char name[32];
            std::snprintf(name, sizeof name, "frame_%05zu.png", k);
            target = (std::filesystem::path(r.output) / name).string();
            status = cairo_surface_write_to_png(surface, target.c_str());
        } else {
            try {
                video->write(surface);
            } catch (...) {
                cairo_surface_destroy(surface);
                throw;
            }
        }
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error("cannot write '" + target + "': " + cairo_status_to_string(status));
        if (k == 0) result.first_clock = clock;
        result.last_clock = clock;
        ++result.frames;
    }
    if (video) video->finish();
    return result;
}

}  // namespace citytwin::viz
