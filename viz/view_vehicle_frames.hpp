#pragma once
// The vehicle frames of one run file as the viewer's binary answers: each column of a frame is
// one hyperslab read straight into the answer (no conversion but m/s -> km/h), so a frame of
// 100,000 vehicles costs a few reads of contiguous rows. The per-frame offsets and counts are
// read once; the rows stay in the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/output/h5_handles.hpp"

namespace citytwin::viz {

class VehicleFrames {
public:
    // No frames (empty times()) when the file has no /traffic/vehicles. Throws io::ReplayError
    // when the frame index does not fit the rows.
    explicit VehicleFrames(const std::string& path);

    const std::vector<double>& times() const { return times_; }
    std::size_t count(std::size_t frame) const { return static_cast<std::size_t>(count_.at(frame)); }
    // Frame `frame` in the layout of view_frame_binary.hpp; ViewRequestError(404) past the end.
    std::string binary(std::size_t frame) const;

private:
    std::string path_;
    io::h5::Handle file_;
    std::vector<double> times_;
    std::vector<std::int64_t> offset_, count_;
    bool has_type_ = false;
};

}  // namespace citytwin::viz
