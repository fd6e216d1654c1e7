#pragma once
// Writes an imported road graph, its signal plans and the generated zones and demand as a
// scenario in the format of docs/scenario-format.md (inline network).
#include <string>
#include <vector>

#include "io/osm/osm_import.hpp"

namespace citytwin::io::osm {

// `header` lines are written as comments before the first key.
std::string scenario_yaml(const RoadGraph& g, const std::vector<sim::SignalPlanSpec>& plans,
                          const OsmImportSettings& settings, const OsmImportResult& record,
                          const std::string& header);

}  // namespace citytwin::io::osm
