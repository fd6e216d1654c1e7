#include "io/scenario/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace citytwin::io {

std::string byte_size_text(std::uintmax_t bytes) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    std::ostringstream o;
    o.precision(v < 10.0 && u > 0 ? 2 : 4);
    o << v << " " << units[u];
    return o.str();
}

std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return "no such file";
    if (std::filesystem::is_directory(status)) return "it is a folder, not a file";
    // A device (/dev/zero), a pipe or a socket has no size to check and may never end.
    if (!std::filesystem::is_regular_file(status)) return "it is not a regular file (a device, pipe or socket)";
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return ec.message();
    if (size > max_bytes)
        return "the file has " + std::to_string(size) + " bytes, more than the limit of " + byte_size_text(max_bytes) +
               " for this input";
    return std::nullopt;
}

std::optional<std::string> read_text_file(const std::string& path, std::string& why, std::uintmax_t max_bytes) {
    if (std::optional<std::string> problem = input_file_problem(path, max_bytes)) {
        why = *problem;
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    // Read in chunks and stop one byte past the limit: the file may grow after its size was
    // checked, and the limit must hold for what is read.
    std::string bytes;
    char chunk[1 << 16];
    while (in && bytes.size() <= max_bytes) {
        in.read(chunk, sizeof chunk);
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        why = "read error";
        return std::nullopt;
    }
    if (bytes.size() > max_bytes) {
        why = "the file grew past the limit for this input (" + byte_size_text(max_bytes) + ") while it was read";
        return std::nullopt;
    }
    return bytes;
}

}  // namespace citytwin::io
