#pragma once
// Counter-based random numbers (Philox-4x32-10, Salmon et al., SC'11): a pure function of
// (seed, entity, step, stream), so every draw is reproducible on any backend and thread count
// and no generator state is shared between threads.
#include <cstdint>

#include "kernels/core/qualifiers.hpp"

namespace citytwin::kernels {

struct Philox4x32 {
    std::uint32_t v[4];
};

CT_HD inline void philox_mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi,
                                 std::uint32_t& lo) {
    std::uint64_t p = static_cast<std::uint64_t>(a) * b;
    hi = static_cast<std::uint32_t>(p >> 32);
    lo = static_cast<std::uint32_t>(p);
}

CT_HD inline Philox4x32 philox4x32_10(Philox4x32 ctr, std::uint32_t k0, std::uint32_t k1) {
    for (int r = 0; r < 10; ++r) {
        std::uint32_t hi0, lo0, hi1, lo1;
        philox_mulhilo(0xD2511F53u, ctr.v[0], hi0, lo0);
        philox_mulhilo(0xCD9E8D57u, ctr.v[2], hi1, lo1);
        ctr = Philox4x32{{hi1 ^ ctr.v[1] ^ k0, lo1, hi0 ^ ctr.v[3] ^ k1, lo0}};
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return ctr;
}

// Uniform in (0, 1) from a 32-bit draw: never exactly 0 or 1.
CT_HD inline double uniform_open(std::uint32_t x) { return (x + 0.5) * (1.0 / 4294967296.0); }

// Streams in use: 1 speed factor, 2 vehicle type, 3 demand, 5 demand scale, 6 Krauss dawdling,
// 7 random departure lane, position and speed.
inline constexpr std::uint32_t kStreamDawdle = 6, kStreamDepart = 7;

// Four independent uniforms for (seed, entity, step, stream).
CT_HD inline Philox4x32 random4(std::uint64_t seed, std::uint32_t entity, std::uint32_t step,
                                std::uint32_t stream) {
    Philox4x32 ctr{{entity, step, stream, 0x43545759u /* "CTWY" */}};
    return philox4x32_10(ctr, static_cast<std::uint32_t>(seed),
                         static_cast<std::uint32_t>(seed >> 32));
}

CT_HD inline double random_uniform(std::uint64_t seed, std::uint32_t entity, std::uint32_t step,
                                   std::uint32_t stream) {
    return uniform_open(random4(seed, entity, step, stream).v[0]);
}

}  // namespace citytwin::kernels
