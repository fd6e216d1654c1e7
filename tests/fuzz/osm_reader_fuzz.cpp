// OpenStreetMap import: the input is an .osm (XML) file, read, projected, cleaned and turned
// into a scenario. A scenario the import writes must load: its ScenarioError is a finding, as
// is any exception other than the import's own ScenarioError.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/osm/osm_import.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/core/scenario_error.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = citytwin::fuzz::input_file(data, size, "fuzz.osm");
    citytwin::io::osm::OsmImportResult imported;
    try {
        citytwin::io::osm::OsmImportSettings settings;
        settings.name = "fuzz";
        settings.trips = 50;
        settings.source_label = "fuzz.osm";
        imported = citytwin::io::osm::import_osm(path, settings);
    } catch (const citytwin::sim::ScenarioError&) {
        return 0;
    }
    try {
        citytwin::io::load_scenario_text(imported.yaml, "imported.yaml");
    } catch (const citytwin::sim::ScenarioError& e) {
        std::fprintf(stderr, "the imported scenario does not load: %s\n", e.what());
        std::abort();
    }
    return 0;
}
