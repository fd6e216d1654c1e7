#pragma once
// Variant files: a scenario that says `base: other.yaml` gives only what differs from its base
// (docs/scenario-format.md §17). The base is read (and its own base, up to a depth of 8), then
// the variant is merged over it: maps key by key, lists of items with ids item by id (replaced
// or added), `interventions` appended, anything else replaced.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "io/scenario/yaml_checks.hpp"

namespace citytwin::io {

// `root` is the variant's tree as parsed from `file` (which has `lines` lines). Returns the
// merged tree and appends the base files read, outermost first, to `bases`. Relative file paths
// of a base in another folder are rewritten to hold from `base_dir`. Throws ScenarioError.
YAML::Node merge_bases(YAML::Node root, const std::string& file, int lines, const std::string& base_dir, SourceMap& sources,
                       std::vector<std::string>& bases);

}  // namespace citytwin::io
