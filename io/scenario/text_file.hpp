#pragma once
// Reading a whole input file, reporting why it could not be read instead of throwing.
#include <optional>
#include <string>

namespace citytwin::io {

// The file's bytes; nullopt with `why` set ("no such file", "is a folder", the system's reason).
std::optional<std::string> read_text_file(const std::string& path, std::string& why);

}  // namespace citytwin::io
