#pragma once
// Values as the text a --set override takes: numbers in their shortest round-trip form, YAML
// trees in flow style on one line.
#include <string>

#include <yaml-cpp/yaml.h>

namespace citytwin::io {

std::string number_text(double value);
std::string yaml_flow_text(const YAML::Node& node);

}  // namespace citytwin::io
