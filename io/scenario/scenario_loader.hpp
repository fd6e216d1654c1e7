#pragma once
// Scenario YAML (docs/scenario-format.md) -> sim::Scenario, fully checked. Every problem with
// the input, from a missing file to a link that does not exist, is a sim::ScenarioError naming
// file:line:column, the dotted key path and what was expected.
#include <string>
#include <vector>

#include "sim/core/scenario.hpp"

namespace citytwin::io {

// Loads the scenario at `path`; trip files are found relative to its folder. `overrides` are
// --set arguments ("network.grid.rows=12"), applied in order before any check.
sim::Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text: `file_for_messages` is the name errors and source_file use, `base_dir`
// the folder relative trip files are read from.
sim::Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_for_messages,
                                 const std::vector<std::string>& overrides = {},
                                 const std::string& base_dir = ".");

}  // namespace citytwin::io
