#pragma once
// OpenStreetMap file -> scenario YAML that runs as is: read (libosmium), project (PROJ), build
// the road graph, clean it, generate signal plans, zones and demand (docs/import.md).
#include <cstdint>
#include <string>

#include "io/osm/graph_cleaning.hpp"
#include "io/osm/osm_roads.hpp"
#include "io/osm/road_graph.hpp"
#include "io/osm/signal_plans.hpp"

namespace citytwin::io::osm {

struct OsmImportSettings {
    std::string name;              // the scenario's name
    double trips = 1000.0;         // generated trips within the duration
    std::string duration = "1 h";  // as written into the scenario
    std::uint64_t seed = 1;
    std::string start;             // local start time; empty: the format's default
    std::string source_label;      // the input as named in the header comment
};

struct OsmImportResult {
    std::string yaml;
    ReadCounts read;
    GraphCounts graph;
    CleanCounts clean;
    SignalPlanCounts signals;
    std::size_t nodes = 0, links = 0, lanes = 0;
    double road_km = 0.0;          // total link length
    double origin_lon = 0.0, origin_lat = 0.0;
    std::string projection;        // PROJ string of x, y

    // What was read, kept and dropped, a few lines of text.
    std::string summary() const;
};

// Throws sim::ScenarioError (file named) for input that cannot be read or holds no network.
OsmImportResult import_osm(const std::string& path, const OsmImportSettings& settings);

}  // namespace citytwin::io::osm
