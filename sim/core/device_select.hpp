#pragma once
// Which backend runs: `--device auto|cpu|cuda` and `--threads N`.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace citytwin::sim {

class DeviceUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct DeviceChoice {
    std::string backend;       // "cpu" or "cuda"
    std::string name;          // human description
    int threads = 0;           // CPU threads (also used by host-side work)
    std::size_t memory_available = 0;  // bytes the state may use on that device
};

// Throws DeviceUnavailable for `cuda` without a usable GPU or build, and std::invalid_argument
// for an unknown device name or a non-positive thread count.
DeviceChoice choose_device(const std::string& requested, int threads);

// Whether this binary holds the CUDA backend.
bool cuda_built();

// Number of visible CUDA devices (0 without a driver or GPU); `why` says why there is none.
int cuda_device_count(std::string* why);
std::string cuda_device_name(int device);
std::size_t cuda_free_memory(int device);
// Host memory available now (/proc/meminfo MemAvailable), bytes.
std::size_t host_memory_available();

}  // namespace citytwin::sim
