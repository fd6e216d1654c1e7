#pragma once
// --set key.path=value: command-line changes applied to the scenario tree before it is checked,
// so an overridden value is validated exactly like one written in the file.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "io/scenario/yaml_checks.hpp"

namespace citytwin::io {

struct Override {
    std::string text;                   // as given: "network.grid.rows=12"
    std::vector<std::string> path;      // {"network", "grid", "rows"}
    std::string value;                  // "12", parsed as YAML when applied
};

// Splits "a.b.c=value". Throws sim::ScenarioError (file "--set <text>") when there is no '=',
// the path is empty or has an empty segment ("a..b").
Override parse_override(const std::string& text);

// Applies each override in order to `root` (a map, or empty). Path segments are map keys; a
// numeric segment indexes an existing sequence item; missing map levels are created. Every node
// an override creates is recorded in `sources`, so errors about it point at the --set argument.
void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, SourceMap& sources);

}  // namespace citytwin::io
