#pragma once
// Reading a whole input file, reporting why it could not be read instead of throwing. Every
// reader goes through here (or through input_file_problem, for libraries that open the file
// themselves), so a device, a pipe or a file beyond its limit is refused before a byte is read:
// /dev/zero must be an error, not a process that grows until the machine kills it.
#include <cstdint>
#include <optional>
#include <string>

namespace citytwin::io {

// Size limits of the inputs, documented in docs/scenario-format.md and docs/import.md. They
// are far above any real city's files and below what would exhaust a workstation's memory once
// parsed (a parsed XML tree takes several times its file's size).
constexpr std::uintmax_t kMiB = std::uintmax_t{1} << 20;
constexpr std::uintmax_t kMaxScenarioBytes = 16 * kMiB;
constexpr std::uintmax_t kMaxTripCsvBytes = 2048 * kMiB;
constexpr std::uintmax_t kMaxFeederCsvBytes = 64 * kMiB;
// Below 2 GiB also because expat takes the length of what it parses as an int.
constexpr std::uintmax_t kMaxSumoXmlBytes = 1024 * kMiB;
constexpr std::uintmax_t kMaxOsmBytes = 4096 * kMiB;

// "2 GiB", "16 MiB": a limit as the messages and the docs write it.
std::string byte_size_text(std::uintmax_t bytes);

// Why `path` is no input file of at most `max_bytes` bytes ("no such file", "it is a folder,
// not a file", "it is not a regular file (a device, pipe or socket)", "the file is 3 GiB; the
// limit is 2 GiB"), or nullopt when it may be read.
std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes);

// The file's bytes; nullopt with `why` set (input_file_problem's reasons, or the system's).
std::optional<std::string> read_text_file(const std::string& path, std::string& why, std::uintmax_t max_bytes);

}  // namespace citytwin::io
