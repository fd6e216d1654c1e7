#pragma once
// One layer of a render bound to its file (and the base file of a difference): its frame
// times and, per frame, one value per link, air cell, bus or vehicle in legend units.
#include <cstddef>
#include <string>
#include <vector>

#include "io/output/replay_file.hpp"
#include "viz/layer_catalogue.hpp"

namespace citytwin::viz {

class LayerSource {
public:
    // `width`: links, cells or buses of the run (unused for vehicles). Throws io::ReplayError
    // when the file has no frames of the layer.
    LayerSource(LayerSpec spec, const io::ReplayFile& run, const io::ReplayFile* base, std::size_t width);

    const LayerSpec& spec() const { return spec_; }
    const std::vector<double>& times() const { return times_; }
    // Difference values: a --diff render, or a difference file.
    bool differences() const { return base_ != nullptr || run_.is_difference(); }
    std::size_t frame_near(double t) const;
    // Variant minus base when there is a base.
    std::vector<double> values(std::size_t frame) const;

private:
    std::vector<double> read(const io::ReplayFile& f, std::size_t frame) const;

    LayerSpec spec_;
    const io::ReplayFile& run_;
    const io::ReplayFile* base_;
    std::size_t width_;
    std::vector<double> times_, base_times_;
};

}  // namespace citytwin::viz
