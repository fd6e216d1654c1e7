#include "viz/layer_source.hpp"

#include <cmath>

namespace citytwin::viz {

LayerSource::LayerSource(LayerSpec spec, const io::ReplayFile& run, const io::ReplayFile* base, std::size_t width)
    : spec_(std::move(spec)), run_(run), base_(base), width_(width) {
    times_ = run.times(spec_.time_axis);
    if (times_.empty())
        run.fail(spec_.time_axis, "frames for the layer '" + spec_.name + "' (" +
                                      (spec_.kind == LayerKind::Vehicles ? "the run has no vehicle frames: outputs.vehicles_every"
                                       : spec_.kind == LayerKind::Air    ? "the run has no air model"
                                       : spec_.kind == LayerKind::Buses  ? "the run has no power grid"
                                                                         : "the run wrote no link series") +
                                      "), found none");
    if (!run.has(spec_.dataset)) run.fail(spec_.dataset, "the values of the layer '" + spec_.name + "', found nothing");
    if (spec_.name == "flow") {
        const double every = run.root_number("output_every_s", NAN);
        if (!(every > 0)) run.fail("output_every_s", "a positive output interval to turn entries into a flow per hour");
        spec_.factor = 3600.0 / every;
    }
    if (base_) {
        if (spec_.kind == LayerKind::Vehicles)
            throw io::ReplayError("--diff: vehicles are not differenced (draw them without --diff, or drop --layer vehicles)");
        base_times_ = base_->times(spec_.time_axis);
    }
}

std::size_t LayerSource::frame_near(double t) const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < times_.size(); ++i)
        if (std::abs(times_[i] - t) < std::abs(times_[best] - t)) best = i;
    return best;
}

std::vector<double> LayerSource::read(const io::ReplayFile& f, std::size_t frame) const {
    std::vector<double> v;
    switch (spec_.kind) {
        case LayerKind::Vehicles:
            if (spec_.categorical) {
                v = f.vehicles(frame).type;
                if (v.empty()) f.fail(spec_.dataset, "vehicle types (a run file written since frames carry them), found nothing");
            } else {
                v = f.vehicles(frame).speed_mps;
            }
            break;
        case LayerKind::Air: v = f.field(spec_.dataset, frame, f.air_grid()); break;
        default: v = f.row(spec_.dataset, frame, width_); break;
    }
    for (double& x : v) x *= spec_.factor;
    return v;
}

std::vector<double> LayerSource::values(std::size_t frame) const {
    std::vector<double> v = read(run_, frame);
    if (!base_) return v;
    const double t = times_[frame];
    std::size_t match = base_times_.size();
    for (std::size_t i = 0; i < base_times_.size(); ++i)
        if (std::abs(base_times_[i] - t) < 1e-6) match = i;
    if (match == base_times_.size())
        base_->fail(spec_.time_axis, "a frame at " + std::to_string(t) + " s since the start, as the run has, found none");
    const std::vector<double> b = read(*base_, match);
    if (b.size() != v.size())
        base_->fail(spec_.dataset, std::to_string(v.size()) + " values per frame, as the run has, found " + std::to_string(b.size()));
    for (std::size_t i = 0; i < v.size(); ++i) v[i] -= b[i];
    return v;
}

}  // namespace citytwin::viz
