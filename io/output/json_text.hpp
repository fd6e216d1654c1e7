#pragma once
// The two JSON scalars `citytwin info --json` needs; no JSON library for so little.
#include <string>
#include <string_view>

namespace citytwin::io {

// A JSON string literal (with quotes): control characters escaped, invalid UTF-8 -> U+FFFD.
std::string json_string(std::string_view text);
// A JSON number: integers without a fraction, others shortest round-trip; NaN/inf -> null.
std::string json_number(double value);

}  // namespace citytwin::io
