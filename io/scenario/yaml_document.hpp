#pragma once
// Reading exactly one YAML document with yaml-cpp 0.7, around two of its faults: LoadAll() loops
// forever, allocating, on some malformed input (yaml-cpp PR #1319), and Load() then returns an
// empty document instead of an error (a stray ',' at block level, for instance).
#include <stdexcept>
#include <string>

#include <yaml-cpp/yaml.h>

namespace citytwin::io {

// Why the text is not one valid YAML document; `mark` is yaml-cpp's (0-based, line -1: unknown).
// `syntax` is false for valid YAML that holds more than one document.
class YamlTextError : public std::runtime_error {
public:
    YamlTextError(const YAML::Mark& mark, const std::string& message, bool syntax)
        : std::runtime_error(message), mark(mark), syntax(syntax) {}
    YAML::Mark mark;
    bool syntax;
};

// The first document of `text` (a null node for empty text). Throws YamlTextError for a syntax
// error, for a second document after "---", and for input yaml-cpp cannot get past.
YAML::Node load_single_document(const std::string& text);

}  // namespace citytwin::io
