#pragma once
// The readers that open a path (SUMO, OSM, HDF5) are fuzzed through a file: each input is
// written to one scratch file of this process, which the reader then opens as a user's file
// would be. The readers' own checks (regular file, size limit) stay in the path.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace citytwin::fuzz {

// Writes `data` to <tmp>/citytwin-fuzz-<pid>-<name> and returns that path.
inline std::string input_file(const std::uint8_t* data, std::size_t size, const std::string& name) {
    static const std::string dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path().string();
    const std::string path = dir + "/citytwin-fuzz-" + std::to_string(::getpid()) + "-" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) std::abort();  // the scratch file itself failed: no finding of the reader
    return path;
}

}  // namespace citytwin::fuzz
