#pragma once
// The OSM tests' files: a scratch file with given bytes, and a whole file's bytes.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace citytwin::test {

// Writes `content` to <build>/test-tmp/osm/<name> and returns its path.
inline std::string osm_scratch(const std::string& name, const std::string& content) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "osm";
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

inline std::string read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

}  // namespace citytwin::test
