#pragma once
// Sweep files written for a test, under the build tree's test-tmp/sweep/.
#include <filesystem>
#include <fstream>
#include <string>

namespace citytwin::testing {

inline std::string write_sweep(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "sweep";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::trunc) << text;
    return path;
}

// The arterial, by absolute path, as a sweep's base.
inline std::string arterial_base() { return std::string("base: ") + CITYTWIN_SOURCE_DIR + "/scenarios/arterial.yaml\n"; }

}  // namespace citytwin::testing
