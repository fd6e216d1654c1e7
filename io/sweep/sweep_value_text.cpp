#include "io/sweep/sweep_value_text.hpp"

#include <charconv>

namespace citytwin::io {

std::string number_text(double value) {
    if (value == 0.0) value = 0.0;  // -0 would print as "-0"
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, r.ptr);
}

std::string yaml_flow_text(const YAML::Node& node) {
    if (node.IsScalar()) {
        YAML::Emitter e;
        e << node;
        return e.c_str();
    }
    YAML::Emitter e;
    e.SetMapFormat(YAML::Flow);  // every level on one line, not only the outermost
    e.SetSeqFormat(YAML::Flow);
    e << node;
    return e.c_str();
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' || c == '\r' ? ' ' : c);
    return out + "\"";
}

}  // namespace citytwin::io
