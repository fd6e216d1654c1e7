// Picks the backend at run time; the CUDA part exists only in builds made with nvcc.
#include "sim/core/device_select.hpp"

#include <omp.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace citytwin::sim {

#if !defined(CITYTWIN_HAVE_CUDA)
int cuda_device_count(std::string* why) {
    if (why) *why = "this citytwin was built without the CUDA backend (nvcc was not found at build time)";
    return 0;
}
std::string cuda_device_name(int) { return {}; }
std::size_t cuda_free_memory(int) { return 0; }
bool cuda_built() { return false; }
#else
bool cuda_built() { return true; }
#endif

namespace {

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) {
            const auto p = line.find(':');
            if (p != std::string::npos) return line.substr(p + 2);
        }
    return "unknown CPU";
}

}  // namespace

std::size_t host_memory_available() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::size_t kb = 0;
    std::string unit;
    while (in >> key >> kb >> unit)
        if (key == "MemAvailable:") return kb * 1024;
    const long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) : 0;
}

DeviceChoice choose_device(const std::string& requested, int threads) {
    if (requested != "auto" && requested != "cpu" && requested != "cuda")
        throw std::invalid_argument("--device must be auto, cpu or cuda, not '" + requested + "'");
    if (threads < 0) throw std::invalid_argument("--threads must be a positive number");
    const int cpu_threads = threads > 0 ? threads : omp_get_num_procs();
    DeviceChoice c;
    c.threads = cpu_threads;
    std::string why;
    const int gpus = requested == "cpu" ? 0 : cuda_device_count(&why);
    if (requested == "cuda" && gpus == 0)
        throw DeviceUnavailable("--device cuda: no usable CUDA GPU: " + why);
    if (gpus > 0) {
        c.backend = "cuda";
        c.name = cuda_device_name(0);
        c.memory_available = cuda_free_memory(0);
        return c;
    }
    c.backend = "cpu";
    c.name = std::to_string(cpu_threads) + " OpenMP thread" + (cpu_threads == 1 ? "" : "s") + " on " + cpu_model();
    c.memory_available = host_memory_available();
    return c;
}

}  // namespace citytwin::sim
