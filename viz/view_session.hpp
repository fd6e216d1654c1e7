#pragma once
// What `citytwin view` serves: a run file (and a base run with --compare) opened once, its layers
// bound to their time axes, and per request one frame read from the file, as JSON or in the
// binary layout of view_frame_binary.hpp. Only the time axes, the vehicle frames' offsets and
// the network stay in memory; every frame is a hyperslab read.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "io/output/replay_file.hpp"
#include "viz/layer_source.hpp"
#include "viz/view_request_error.hpp"
#include "viz/view_vehicle_frames.hpp"

namespace citytwin::viz {

// Which file a frame comes from: the run, the base, or the run minus the base.
enum class ViewSide { Run, Base, Difference };

class ViewSession {
public:
    // Throws io::ReplayError when a file is not a readable run file.
    ViewSession(const std::string& run, const std::string& base);

    bool comparing() const { return base_ != nullptr; }
    std::string meta_json() const;
    std::string network_json() const;
    std::string links_json(const std::string& layer, std::size_t frame, ViewSide side) const;
    std::string air_json(const std::string& layer, std::size_t frame, ViewSide side) const;
    std::string buses_json(const std::string& layer, std::size_t frame, ViewSide side) const;
    std::string vehicles_json(std::size_t frame, ViewSide side) const;
    // The same frames in the binary layout (values as float32 in legend units).
    std::string values_binary(LayerKind kind, const std::string& layer, std::size_t frame, ViewSide side) const;
    std::string vehicles_binary(std::size_t frame, ViewSide side) const;
    // The charts' series (view_kpi_series.hpp), the base's beside them with --compare.
    std::string series_json() const;

private:
    struct Layer {
        std::unique_ptr<LayerSource> run, base, difference;   // absent where the file lacks it
    };
    const LayerSource& source(const std::string& layer, LayerKind kind, ViewSide side) const;
    std::string values_json(const LayerSource& s, std::size_t frame) const;

    std::unique_ptr<io::ReplayFile> run_, base_;
    io::ReplayNetwork network_;
    std::optional<io::ReplayAirGrid> air_;
    std::optional<io::ReplayBuses> buses_;
    std::map<std::string, Layer> layers_;
    std::unique_ptr<VehicleFrames> vehicles_, base_vehicles_;
};

// "run", "base", "diff" -> the side; throws ViewRequestError(400) otherwise.
ViewSide parse_side(const std::string& text, bool comparing);

}  // namespace citytwin::viz
