#include "viz/view_vehicle_frames.hpp"

#include <algorithm>
#include <cstring>

#include "io/output/h5_datasets.hpp"
#include "io/output/output_error.hpp"
#include "io/output/replay_file.hpp"
#include "io/output/run_layout.hpp"
#include "viz/view_frame_binary.hpp"
#include "viz/view_request_error.hpp"

namespace citytwin::viz {
namespace {

namespace h5 = io::h5;

const std::string kGroup = io::layout::kVehicles;

}  // namespace

VehicleFrames::VehicleFrames(const std::string& path) : path_(path) {
    h5::LibraryLock lock;
    const auto fail = [&](const std::string& key, const std::string& expected) {
        throw io::ReplayError("run file '" + path_ + "': '" + key + "': expected " + expected);
    };
    try {
        file_ = h5::open_file_read_only(path);
        if (!h5::path_exists(file_, io::layout::kVehicleTime)) return;
        times_ = h5::read_all<double>(h5::open_dataset(file_, io::layout::kVehicleTime));
        offset_ = h5::read_all<std::int64_t>(h5::open_dataset(file_, kGroup + "/offset"));
        count_ = h5::read_all<std::int64_t>(h5::open_dataset(file_, kGroup + "/count"));
        has_type_ = h5::path_exists(file_, kGroup + "/type");
        hsize_t rows = h5::length(h5::open_dataset(file_, kGroup + "/x"));
        for (const char* column : {"/y", "/speed", "/id"})
            if (h5::length(h5::open_dataset(file_, kGroup + column)) != rows) fail(kGroup + column, "as many rows as " + kGroup + "/x");
        if (has_type_ && h5::length(h5::open_dataset(file_, kGroup + "/type")) != rows) fail(kGroup + "/type", "as many rows as " + kGroup + "/x");
        // A killed run may have more times than complete frames: keep what every array covers.
        const std::size_t frames = std::min({times_.size(), offset_.size(), count_.size()});
        times_.resize(frames);
        for (std::size_t k = 0; k < frames; ++k)
            if (offset_[k] < 0 || count_[k] < 0 || static_cast<hsize_t>(offset_[k] + count_[k]) > rows)
                fail(kGroup + "/offset", "frame " + std::to_string(k) + " within the " + std::to_string(rows) + " vehicle rows");
    } catch (const io::OutputError& e) {
        fail(kGroup, "readable vehicle frames (" + std::string(e.what()) + ")");
    }
}

std::string VehicleFrames::binary(std::size_t frame) const {
    if (times_.empty()) throw ViewRequestError(404, "vehicles: the run has no vehicle frames (outputs.vehicles_every)");
    if (frame >= times_.size())
        throw ViewRequestError(404, "vehicles: no frame " + std::to_string(frame) + " (the file has " + std::to_string(times_.size()) +
                                        (times_.size() == 1 ? " frame)" : " frames)"));
    const auto first = static_cast<hsize_t>(offset_[frame]), n = static_cast<hsize_t>(count_[frame]);
    const FrameHeader header{FrameKind::Vehicles, static_cast<std::uint32_t>(n), times_[frame], static_cast<std::uint32_t>(frame), false};
    std::string body = frame_body(header, kVehicleColumns * n * 4);
    char* column = body.data() + kFrameHeaderBytes;
    h5::LibraryLock lock;
    try {
        const auto read = [&](const char* name, hid_t memory, std::size_t index) {
            if (n > 0) h5::read_range(h5::open_dataset(file_, kGroup + name), memory, first, n, column + index * n * 4);
        };
        read("/x", H5T_NATIVE_FLOAT, 0);
        read("/y", H5T_NATIVE_FLOAT, 1);
        if (n > 0) {
            std::vector<float> speed = h5::read_range<float>(h5::open_dataset(file_, kGroup + "/speed"), first, n);
            for (float& v : speed) v *= 3.6f;   // km/h, as the legend and the JSON answer
            std::memcpy(column + 2 * n * 4, speed.data(), n * 4);
        }
        read("/id", H5T_NATIVE_INT32, 3);
        if (has_type_) read("/type", H5T_NATIVE_INT32, 4);   // else zeros: every vehicle the first type
    } catch (const io::OutputError& e) {
        throw io::ReplayError("run file '" + path_ + "': '" + kGroup + "': expected vehicle rows (" + std::string(e.what()) + ")");
    }
    return body;
}

}  // namespace citytwin::viz
