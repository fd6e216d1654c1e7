// Asks the CUDA runtime what GPUs are visible. Linked only into builds with the CUDA backend;
// the runtime is linked statically, so a machine without the driver simply reports none.
#include <cuda_runtime.h>

#include <string>

namespace citytwin::sim {

int cuda_device_count(std::string* why) {
    int n = 0;
    const cudaError_t err = cudaGetDeviceCount(&n);
    if (err != cudaSuccess) {
        if (why) *why = cudaGetErrorString(err);
        cudaGetLastError();
        return 0;
    }
    if (n == 0 && why) *why = "no CUDA devices are visible";
    return n;
}

std::string cuda_device_name(int device) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, device) != cudaSuccess) return "CUDA device " + std::to_string(device);
    return std::string(prop.name) + " (sm_" + std::to_string(prop.major) + std::to_string(prop.minor) + ", " +
           std::to_string(prop.totalGlobalMem >> 20) + " MiB)";
}

std::size_t cuda_free_memory(int device) {
    cudaSetDevice(device);
    std::size_t free_b = 0, total_b = 0;
    if (cudaMemGetInfo(&free_b, &total_b) != cudaSuccess) return 0;
    return free_b;
}

}  // namespace citytwin::sim
