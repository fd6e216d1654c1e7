#pragma once
// The viewer's binary frame answers (`format=bin`): a 32-byte header, then little-endian
// 4-byte arrays the page views as typed arrays without parsing (docs/visualisation.md §6):
//   0  char[4] "CTVF"     4 uint32 version (1)   8 uint32 kind (1 values, 2 vehicles)
//   12 uint32 count N     16 float64 time (s)     24 uint32 frame   28 uint32 flags (1: difference)
//   values:   float32[N] in legend units, NaN where the file has no value
//   vehicles: float32 x[N], y[N] (m), speed[N] (km/h), int32 id[N] (trip id), int32 type[N]
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace citytwin::viz {

enum class FrameKind : std::uint32_t { Values = 1, Vehicles = 2 };

struct FrameHeader {
    FrameKind kind = FrameKind::Values;
    std::uint32_t count = 0;
    double time = 0.0;
    std::uint32_t frame = 0;
    bool difference = false;
};

inline constexpr std::size_t kFrameHeaderBytes = 32;
inline constexpr std::uint32_t kFrameVersion = 1;
// x, y, speed, id, type
inline constexpr std::size_t kVehicleColumns = 5;

// The header followed by `array_bytes` zero bytes for the caller to fill.
std::string frame_body(const FrameHeader& header, std::size_t array_bytes);
// A values answer: each value as float32.
std::string values_frame(const FrameHeader& header, const std::vector<double>& values);

}  // namespace citytwin::viz
