#pragma once
// Values as the text a --set override takes: numbers in their shortest round-trip form, YAML
// trees in flow style on one line; and as a field of the sweep's CSV tables.
#include <string>

#include <yaml-cpp/yaml.h>

namespace citytwin::io {

std::string number_text(double value);
std::string yaml_flow_text(const YAML::Node& node);
// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a separator, a quote or a
// line break; line breaks become spaces so that one record stays one line.
std::string csv_field(const std::string& text);

}  // namespace citytwin::io
