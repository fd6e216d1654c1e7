#include "viz/view_frame_binary.hpp"

#include <bit>
#include <cstring>

namespace citytwin::viz {
namespace {

// The layout promises little-endian; the arrays are copied in host order, so say it here.
static_assert(std::endian::native == std::endian::little, "the viewer's binary frames are written in host byte order");

template <typename T>
void put(std::string& body, std::size_t at, T value) {
    std::memcpy(body.data() + at, &value, sizeof value);
}

}  // namespace

std::string frame_body(const FrameHeader& h, std::size_t array_bytes) {
    std::string body(kFrameHeaderBytes + array_bytes, '\0');
    std::memcpy(body.data(), "CTVF", 4);
    put(body, 4, kFrameVersion);
    put(body, 8, static_cast<std::uint32_t>(h.kind));
    put(body, 12, h.count);
    put(body, 16, h.time);
    put(body, 24, h.frame);
    put(body, 28, static_cast<std::uint32_t>(h.difference ? 1 : 0));
    return body;
}

std::string values_frame(const FrameHeader& header, const std::vector<double>& values) {
    FrameHeader h = header;
    h.kind = FrameKind::Values;
    h.count = static_cast<std::uint32_t>(values.size());
    std::string body = frame_body(h, values.size() * sizeof(float));
    for (std::size_t i = 0; i < values.size(); ++i) put(body, kFrameHeaderBytes + i * sizeof(float), static_cast<float>(values[i]));
    return body;
}

}  // namespace citytwin::viz
