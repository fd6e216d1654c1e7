// `citytwin import osm`: options checked, the import run, the scenario it produced loaded and
// compiled into a road network before it is written (so what is written runs), the summary.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "io/osm/osm_import.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "io/scenario/start_time.hpp"
#include "sim/cli/commands.hpp"
#include "sim/core/scenario_limits.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::cli {

namespace {

int usage_error(const std::string& message) {
    std::cerr << "citytwin: error: " << message << "\n";
    return 2;
}

// "helsinki-centre.osm.pbf" -> "helsinki-centre"
std::string default_name(const std::string& input) {
    std::string name = std::filesystem::path(input).filename().string();
    for (const char* ext : {".gz", ".bz2", ".pbf", ".osm"})
        if (name.size() > std::string(ext).size() && name.ends_with(ext)) name.resize(name.size() - std::string(ext).size());
    return name;
}

}  // namespace

int import_osm_command(const ImportOsmOptions& o) {
    // The options become scenario values: checked here with the scenario's limits, so an error
    // names the option rather than the scenario written from it.
    if (!(o.trips > 0.0) || !std::isfinite(o.trips) || o.trips > static_cast<double>(sim::kMaxTrips))
        return usage_error("--trips: expected a number of trips above 0 and at most " + std::to_string(sim::kMaxTrips) +
                           ", got " + io::format_number(o.trips));
    try {
        const double duration = io::parse_quantity(o.duration, io::Dimension::Time);
        if (!(duration > 0.0)) return usage_error("--duration: must be greater than 0, got '" + o.duration + "'");
        if (duration > sim::kMaxDurationS) return usage_error("--duration: must be at most 31 d, got '" + o.duration + "'");
    } catch (const io::QuantityError& e) {
        return usage_error(std::string("--duration: ") + e.what());
    }
    if (o.name.size() > 200) return usage_error("--name: a name may have at most 200 characters");
    if (!o.start.empty()) {
        const io::StartTimeResult st = io::parse_start_time(o.start);
        if (!st.time) return usage_error("--start: " + st.error);
    }

    io::osm::OsmImportSettings settings;
    settings.name = o.name.empty() ? default_name(o.input) : o.name;
    settings.trips = o.trips;
    settings.duration = o.duration;
    settings.seed = o.seed;
    settings.start = o.start;
    settings.source_label = std::filesystem::path(o.input).filename().string();

    io::osm::OsmImportResult result;
    try {
        result = io::osm::import_osm(o.input, settings);
    } catch (const sim::ScenarioError& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    }

    // What is written must load and build: a failure here is the importer's, not the input's.
    const std::filesystem::path out(o.output);
    try {
        const sim::Scenario sc = io::load_scenario_text(result.yaml, o.output, {}, out.parent_path().string());
        (void)sim::build_road_network(sc.traffic, sc.network);
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: the imported scenario does not load, which is a bug in the importer: "
                  << e.what() << "\n";
        return 1;
    }

    std::error_code ec;
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
    std::ofstream f(out, std::ios::binary);
    f << result.yaml;
    f.close();
    if (!f) {
        std::cerr << "citytwin: error: cannot write '" << o.output << "'\n";
        return 1;
    }
    if (!o.quiet) {
        std::istringstream lines(result.summary());
        for (std::string line; std::getline(lines, line);) std::cerr << "citytwin: " << line << "\n";
        std::cerr << "citytwin: wrote " << o.output << " (" << settings.name << ", " << settings.trips
                  << " trips over " << settings.duration << "); run it with: citytwin run " << o.output << "\n";
    }
    return 0;
}

}  // namespace citytwin::cli
