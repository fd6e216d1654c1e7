#pragma once
// Resident memory of this process, from /proc/self/status, for "bytes per vehicle" on the
// CPU backend (whose "device" memory is ordinary host memory).
#include <cstdint>

namespace citytwin::bench {

// Returns freed heap to the system and resets the peak (VmHWM) to the current resident size,
// so a later peak belongs to what runs after this call. Returns false where the kernel does
// not allow the reset (before Linux 4.0): the peak is then the process's lifetime peak.
bool reset_peak_resident();

std::int64_t resident_bytes();       // VmRSS
std::int64_t peak_resident_bytes();  // VmHWM

}  // namespace citytwin::bench
