#include "bench/traffic/process_memory.hpp"

#include <malloc.h>

#include <fstream>
#include <string>

namespace citytwin::bench {

namespace {

std::int64_t status_bytes(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string k, rest;
    while (in >> k) {
        if (k == key) {
            std::int64_t kb = 0;
            in >> kb;
            return kb * 1024;
        }
        std::getline(in, rest);
    }
    return 0;
}

}  // namespace

bool reset_peak_resident() {
    // Without the trim, memory an earlier case freed may stay resident and be reused, and
    // the growth measured next would be too small.
    malloc_trim(0);
    std::ofstream out("/proc/self/clear_refs");
    out << "5";  // "5": reset the peak resident set size (proc(5))
    out.flush();
    return static_cast<bool>(out);
}

std::int64_t resident_bytes() { return status_bytes("VmRSS:"); }
std::int64_t peak_resident_bytes() { return status_bytes("VmHWM:"); }

}  // namespace citytwin::bench
