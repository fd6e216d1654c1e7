#include "io/output/output_path.hpp"

#include <filesystem>

namespace citytwin::io {

std::optional<std::string> output_path_problem(const std::string& path) {
    if (path.empty()) return "the output path is empty";
    if (path.find_first_not_of(" \t") == std::string::npos) return "the output path is blank";
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (path.back() == '/' || fs::is_directory(status)) return "'" + path + "' is a folder; give a file name";
    // HDF5 writes, seeks and rewrites its file; a device (/dev/null), a pipe or a socket is no
    // such file, and the run could only fail at its end.
    if (fs::exists(status) && !fs::is_regular_file(status))
        return "'" + path + "' is not a regular file (a device, pipe or socket); an output must be a file";
    return std::nullopt;
}

std::string file_name_of(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_' || c == '.';
        out += plain ? c : '_';
    }
    if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
    return out;
}

}  // namespace citytwin::io
