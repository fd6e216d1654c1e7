#include "viz/view_session.hpp"

#include <cmath>

#include "io/output/json_text.hpp"
#include "viz/layer_catalogue.hpp"
#include "viz/view_frame_binary.hpp"
#include "viz/view_kpi_series.hpp"

namespace citytwin::viz {
namespace {

using io::json_number;
using io::json_string;

template <typename T>
std::string array_json(const std::vector<T>& v, double factor = 1.0) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ',';
        s += json_number(static_cast<double>(v[i]) * factor);
    }
    return s + "]";
}

std::string strings_json(const std::vector<std::string>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + json_string(v[i]);
    return s + "]";
}

const char* kind_name(LayerKind k) {
    switch (k) {
        case LayerKind::Links: return "links";
        case LayerKind::Air: return "air";
        case LayerKind::Buses: return "buses";
        case LayerKind::Vehicles: return "vehicles";
    }
    return "links";
}

void check_frame(std::size_t frame, std::size_t frames, const std::string& what) {
    if (frame >= frames)
        throw ViewRequestError(404, what + ": no frame " + std::to_string(frame) + " (the file has " + std::to_string(frames) +
                                        (frames == 1 ? " frame)" : " frames)"));
}

}  // namespace

ViewSide parse_side(const std::string& text, bool comparing) {
    if (text.empty() || text == "run") return ViewSide::Run;
    if (text != "base" && text != "diff") throw ViewRequestError(400, "side '" + text + "': expected run, base or diff");
    if (!comparing) throw ViewRequestError(400, "side '" + text + "': needs a base run (citytwin view RUN --compare BASE)");
    return text == "base" ? ViewSide::Base : ViewSide::Difference;
}

ViewSession::ViewSession(const std::string& run, const std::string& base)
    : run_(std::make_unique<io::ReplayFile>(run)) {
    if (!base.empty()) base_ = std::make_unique<io::ReplayFile>(base);
    network_ = run_->network();
    if (base_ && base_->network().links() != network_.links())
        throw io::ReplayError("--compare '" + base + "': expected the same network as '" + run + "' (" +
                              std::to_string(network_.links()) + " links), found " + std::to_string(base_->network().links()));
    if (run_->has("/air")) air_ = run_->air_grid();
    if (run_->has("/grid/buses")) buses_ = run_->buses();
    // A layer the run lacks is left out of the meta answer; the page offers what is there.
    for (const LayerSpec& spec : all_layers()) {
        if (spec.kind == LayerKind::Vehicles) continue;
        if ((spec.kind == LayerKind::Air && !air_) || (spec.kind == LayerKind::Buses && !buses_)) continue;
        const std::size_t width = spec.kind == LayerKind::Links ? network_.links()
                                  : spec.kind == LayerKind::Air ? air_->nx * air_->ny
                                                                : buses_->ids.size();
        if (!run_->has(spec.dataset)) continue;
        Layer layer;
        try {
            layer.run = std::make_unique<LayerSource>(spec, *run_, nullptr, width);
            if (base_ && base_->has(spec.dataset)) {
                layer.base = std::make_unique<LayerSource>(spec, *base_, nullptr, width);
                layer.difference = std::make_unique<LayerSource>(spec, *run_, base_.get(), width);
            }
        } catch (const io::ReplayError&) {
            continue;   // no frames of it: not offered
        }
        layers_.emplace(spec.name, std::move(layer));
    }
    vehicles_ = std::make_unique<VehicleFrames>(run);
    if (base_) base_vehicles_ = std::make_unique<VehicleFrames>(base);
}

const LayerSource& ViewSession::source(const std::string& layer, LayerKind kind, ViewSide side) const {
    const auto spec = find_layer(layer);
    if (!spec || spec->kind != kind || spec->kind == LayerKind::Vehicles)
        throw ViewRequestError(400, "layer '" + layer + "': not a " + kind_name(kind) + " layer");
    const auto it = layers_.find(layer);
    const LayerSource* s = nullptr;
    if (it != layers_.end())
        s = side == ViewSide::Run ? it->second.run.get() : side == ViewSide::Base ? it->second.base.get() : it->second.difference.get();
    if (!s) throw ViewRequestError(404, "layer '" + layer + "': not in " + (side == ViewSide::Base ? "the base run" : "the run"));
    return *s;
}

std::string ViewSession::values_json(const LayerSource& s, std::size_t frame) const {
    check_frame(frame, s.times().size(), "layer '" + s.spec().name + "'");
    return "{\"layer\":" + json_string(s.spec().name) + ",\"frame\":" + std::to_string(frame) +
           ",\"time\":" + json_number(s.times()[frame]) + ",\"units\":" + json_string(s.spec().units) +
           ",\"difference\":" + (s.differences() ? "true" : "false") + ",\"values\":" + array_json(s.values(frame));
}

std::string ViewSession::links_json(const std::string& layer, std::size_t frame, ViewSide side) const {
    return values_json(source(layer, LayerKind::Links, side), frame) + "}";
}

std::string ViewSession::air_json(const std::string& layer, std::size_t frame, ViewSide side) const {
    const LayerSource& s = source(layer, LayerKind::Air, side);
    return values_json(s, frame) + ",\"nx\":" + std::to_string(air_->nx) + ",\"ny\":" + std::to_string(air_->ny) +
           ",\"x0\":" + json_number(air_->x0) + ",\"y0\":" + json_number(air_->y0) + ",\"cell\":" + json_number(air_->cell) + "}";
}

std::string ViewSession::buses_json(const std::string& layer, std::size_t frame, ViewSide side) const {
    const LayerSource& s = source(layer, LayerKind::Buses, side);
    return values_json(s, frame) + ",\"ids\":" + strings_json(buses_->ids) + ",\"x\":" + array_json(buses_->x) +
           ",\"y\":" + array_json(buses_->y) + "}";
}

std::string ViewSession::vehicles_json(std::size_t frame, ViewSide side) const {
    // Vehicles are not differenced: the difference view shows the run's vehicles.
    const bool base = side == ViewSide::Base;
    const auto& times = (base ? base_vehicles_ : vehicles_)->times();
    if (times.empty()) throw ViewRequestError(404, "vehicles: the run has no vehicle frames (outputs.vehicles_every)");
    check_frame(frame, times.size(), "vehicles");
    const io::ReplayVehicles v = (base ? *base_ : *run_).vehicles(frame);
    return "{\"frame\":" + std::to_string(frame) + ",\"time\":" + json_number(times[frame]) +
           ",\"count\":" + std::to_string(v.x.size()) + ",\"units\":\"km/h\",\"x\":" + array_json(v.x) +
           ",\"y\":" + array_json(v.y) + ",\"speed\":" + array_json(v.speed_mps, 3.6) + ",\"type\":" + array_json(v.type) + "}";
}

std::string ViewSession::values_binary(LayerKind kind, const std::string& layer, std::size_t frame, ViewSide side) const {
    const LayerSource& s = source(layer, kind, side);
    check_frame(frame, s.times().size(), "layer '" + s.spec().name + "'");
    FrameHeader header;
    header.time = s.times()[frame];
    header.frame = static_cast<std::uint32_t>(frame);
    header.difference = s.differences();
    return values_frame(header, s.values(frame));
}

std::string ViewSession::vehicles_binary(std::size_t frame, ViewSide side) const {
    // As vehicles_json: the difference view shows the run's vehicles.
    return (side == ViewSide::Base ? base_vehicles_ : vehicles_)->binary(frame);
}

std::string ViewSession::series_json() const { return kpi_series_json(run_->path(), base_ ? base_->path() : ""); }

std::string ViewSession::network_json() const {
    // The static parts of the air and bus frames come once here, so their binary frames are
    // values only.
    std::string air = "null", buses = "null";
    if (air_)
        air = "{\"nx\":" + std::to_string(air_->nx) + ",\"ny\":" + std::to_string(air_->ny) + ",\"x0\":" + json_number(air_->x0) +
              ",\"y0\":" + json_number(air_->y0) + ",\"cell\":" + json_number(air_->cell) + "}";
    if (buses_) buses = "{\"ids\":" + strings_json(buses_->ids) + ",\"x\":" + array_json(buses_->x) + ",\"y\":" + array_json(buses_->y) + "}";
    return "{\"links\":" + std::to_string(network_.links()) + ",\"ids\":" + strings_json(network_.link_ids) +
           ",\"lanes\":" + array_json(network_.lanes) + ",\"speed_limit\":" + array_json(network_.speed_limit_mps, 3.6) +
           ",\"shape_offset\":" + array_json(network_.shape_offset) + ",\"x\":" + array_json(network_.shape_x) +
           ",\"y\":" + array_json(network_.shape_y) + ",\"air\":" + air + ",\"buses\":" + buses + "}";
}

std::string ViewSession::meta_json() const {
    std::string layers = "[";
    for (const LayerSpec& spec : all_layers()) {
        const auto it = layers_.find(spec.name);
        const bool vehicles = spec.kind == LayerKind::Vehicles;
        if (vehicles ? vehicles_->times().empty() : it == layers_.end()) continue;
        const auto& times = vehicles ? vehicles_->times() : it->second.run->times();
        // The base's own frames: a base run of another length or output interval has others.
        const std::vector<double>* base_times = vehicles ? (base_vehicles_ && !base_vehicles_->times().empty() ? &base_vehicles_->times() : nullptr)
                                                         : (it->second.base ? &it->second.base->times() : nullptr);
        if (layers.size() > 1) layers += ',';
        layers += "{\"name\":" + json_string(spec.name) + ",\"kind\":\"" + kind_name(spec.kind) + "\",\"label\":" +
                  json_string(spec.label) + ",\"units\":" + json_string(spec.units) + ",\"in_base\":" + (base_times ? "true" : "false") +
                  ",\"times\":" + array_json(times) + (base_times ? ",\"base_times\":" + array_json(*base_times) : "") + "}";
    }
    layers += "]";
    return "{\"run\":" + json_string(run_->path()) + ",\"base\":" + (base_ ? json_string(base_->path()) : "null") +
           ",\"scenario\":" + json_string(run_->root_text("scenario_name")) + ",\"start\":" + json_string(run_->root_text("start")) +
           ",\"difference_file\":" + (run_->is_difference() ? "true" : "false") + ",\"links\":" + std::to_string(network_.links()) +
           ",\"layers\":" + layers + "}";
}

}  // namespace citytwin::viz
