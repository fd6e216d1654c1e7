#pragma once
// Stateless draws for SUMO demand: distributions and probabilistic flows give the same vehicles
// whatever order the files are read in.
#include <cstdint>
#include <string>

namespace citytwin::io {

// splitmix64: a draw in [0, 1) from (seed, a, b).
inline double demand_uniform(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
    std::uint64_t z = seed ^ (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full);
    for (int i = 0; i < 2; ++i) {
        z += 0x9E3779B97F4A7C15ull;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
    }
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

// FNV-1a of an id, the draw's stream.
inline std::uint64_t demand_hash(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace citytwin::io
