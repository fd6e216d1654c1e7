// The top level of a scenario: parse, apply --set overrides, read the sections in dependency
// order (network before the zones and trips that name its links, vehicle types before trips).
#include "io/scenario/scenario_loader.hpp"

#include <algorithm>
#include <climits>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "io/scenario/overrides.hpp"
#include "io/scenario/sections.hpp"
#include "io/scenario/start_time.hpp"
#include "io/scenario/text_file.hpp"
#include "io/scenario/variant_merge.hpp"
#include "io/scenario/yaml_document.hpp"
#include "io/scenario/yaml_checks.hpp"
#include "sim/core/scenario_limits.hpp"

namespace citytwin::io {

namespace {

constexpr int kFormatVersion = 1;
constexpr const char* kDefaultStart = "2026-06-01T06:00";
constexpr std::size_t kMaxNameLength = 200;  // it becomes a file name, and file names stop at 255 bytes

sim::SourceMark mark_from_yaml(const std::string& file, const YAML::Mark& m) {
    if (m.line < 0) return sim::SourceMark{file, 0, 0};
    return sim::SourceMark{file, m.line + 1, m.column + 1};
}

YAML::Node parse_document(const std::string& text, const std::string& file) {
    try {
        YAML::Node root = load_single_document(text);
        if (!root.IsDefined()) return YAML::Node(YAML::NodeType::Null);
        return root;
    } catch (const YamlTextError& e) {
        const std::string what = e.what();
        throw sim::ScenarioError(mark_from_yaml(file, e.mark), "",
                                 e.syntax ? "not valid YAML: " + what : what + "; a scenario is one document");
    }
}

void read_start(const std::optional<Field>& field, sim::Scenario& s) {
    s.start = field ? field->text() : kDefaultStart;
    const StartTimeResult r = parse_start_time(s.start);
    if (!r.time) field->fail(r.error);  // the default always parses
    s.start_seconds_of_day = r.time->seconds_of_day;
    s.start_day_of_year = r.time->day_of_year;
}

sim::Scenario read_scenario(const Field& root, const std::string& base_dir) {
    if (root.is_null())
        root.fail("the scenario is empty; it needs at least citytwin, name, duration, network and demand");
    const MapReader top(root);
    sim::Scenario s;

    // The version comes first: a file for another format version is best told so, rather
    // than about keys this version does not know.
    const Field version = top.required("citytwin");
    const long long v = version.integer(LLONG_MIN, LLONG_MAX);
    if (v != kFormatVersion)
        version.fail("format version " + std::to_string(v) + " is not supported; this version of citytwin reads format " +
                     std::to_string(kFormatVersion));
    s.format_version = kFormatVersion;

    top.only({"citytwin", "name", "seed", "start", "duration", "network", "zones", "vehicle_types", "demand",
              "traffic", "weather", "power", "air", "outputs", "interventions"});

    const sim::SourceMark absent{root.source().file(), 0, 0};
    const Field name = top.required("name");
    s.name = name.text();
    if (s.name.size() > kMaxNameLength)
        name.fail("is " + std::to_string(s.name.size()) + " characters long; a name may have at most " +
                  std::to_string(kMaxNameLength));
    if (auto f = top.get("seed")) s.seed = f->unsigned_integer();
    read_start(top.get("start"), s);
    const Field duration = top.required("duration");
    s.duration_s = duration.positive_quantity(Dimension::Time);
    duration.require_at_most(s.duration_s, sim::kMaxDurationS, "31 d");

    s.network = read_network(top.required("network"), base_dir, s.warnings);
    const NetworkIds ids = network_ids(s.network);
    s.vehicle_types = read_vehicle_types(top.get("vehicle_types"), absent);
    s.zones = read_zones(top.get("zones"), ids, absent);
    s.traffic = read_traffic(top.get("traffic"), absent);
    const std::optional<Field> types_field = top.get("vehicle_types");
    const DemandContext demand_ctx{ids, s.vehicle_types, s.duration_s, total_population(s.zones), base_dir,
                                   &s.network, s.traffic.step_s, s.seed, !types_field || types_field->is_null()};
    std::vector<sim::VehicleTypeSpec> types = s.vehicle_types;
    s.demand = read_demand(top.required("demand"), demand_ctx, types, s.warnings);
    if (!s.demand.sumo_route_files.empty()) s.vehicle_types = std::move(types);  // a SUMO demand brings its types
    s.weather = read_weather(top.get("weather"), s.duration_s, absent);
    s.power = read_power(top.get("power"), base_dir);
    s.air = read_air(top.get("air"), s.traffic.step_s);
    s.outputs = read_outputs(top.get("outputs"), s.name, s.traffic.step_s, s.start_seconds_of_day, absent);
    s.interventions = read_interventions(top.get("interventions"), s);
    for (const sim::InterventionSpec& iv : s.interventions)
        if (iv.action == sim::InterventionAction::Weather) s.weather.overrides.push_back(iv.weather);
    return s;
}

// The YAML that was in effect: the file's own text when nothing was overridden (comments
// kept), else the emitted tree after the overrides, headed by a comment listing them.
std::string effective_text(const std::string& original, const YAML::Node& root,
                           const std::vector<std::string>& overrides, const std::vector<std::string>& bases) {
    if (overrides.empty() && bases.empty()) return original;
    std::string header = "# citytwin: this is the scenario";
    for (const std::string& b : bases) header += (b == bases.front() ? " merged over its base " : ", then ") + b;
    header += overrides.empty() ? "\n" : " with these --set overrides applied:\n";
    for (const std::string& o : overrides) header += "#   --set " + o + "\n";
    YAML::Emitter out;
    out << root;
    if (!out.good()) return header + original;
    return header + out.c_str() + "\n";
}

}  // namespace

sim::Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_for_messages,
                                 const std::vector<std::string>& overrides, const std::string& base_dir) {
    try {
        SourceMap sources(file_for_messages);
        YAML::Node root = parse_document(yaml_text, file_for_messages);
        std::vector<std::string> bases;
        root = merge_bases(root, file_for_messages, static_cast<int>(std::count(yaml_text.begin(), yaml_text.end(), '\n')) + 1,
                           base_dir, sources, bases);
        apply_overrides(root, overrides, sources);
        sim::Scenario s = read_scenario(Field(sources, root, ""), base_dir);
        s.source_file = file_for_messages;
        s.base_files = bases;
        s.overrides = overrides;
        s.source_text = effective_text(yaml_text, root, overrides, bases);
        s.original_text = yaml_text;
        s.base_dir = base_dir;
        // Every input file the scenario read, for checkpoints (hashed so a resume notices a change).
        s.input_files = bases;
        if (!s.network.sumo_net_file.empty()) s.input_files.push_back(s.network.sumo_net_file);
        for (const std::string& f : s.network.sumo_additional) s.input_files.push_back(f);
        for (const std::string& f : s.demand.sumo_route_files) s.input_files.push_back(f);
        if (!s.demand.trips_file.empty()) s.input_files.push_back(s.demand.trips_file);
        if (s.power)
            for (const sim::FeederSpec& f : s.power->feeders)
                if (!f.branches_file.empty()) s.input_files.push_back(f.branches_file);
        return s;
    } catch (const sim::ScenarioError&) {
        throw;
    } catch (const YAML::Exception& e) {
        // yaml-cpp should not throw once the checks above have run; if it does, the input is
        // still what is wrong, so report it the same way.
        throw sim::ScenarioError(mark_from_yaml(file_for_messages, e.mark), "", e.msg);
    }
}

sim::Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    std::string why;
    const std::optional<std::string> text = read_text_file(path, why, kMaxScenarioBytes);
    if (!text) throw sim::ScenarioError(sim::SourceMark{path, 0, 0}, "", "cannot read the scenario file: " + why);
    std::string base_dir = std::filesystem::path(path).parent_path().string();
    if (base_dir.empty()) base_dir = ".";
    return load_scenario_text(*text, path, overrides, base_dir);
}

}  // namespace citytwin::io
