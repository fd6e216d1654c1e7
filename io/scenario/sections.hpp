#pragma once
// Readers for the sections of a scenario, one file each, called in order by scenario_loader.cpp.
// Each reads its Field, checks it and returns the model struct; references to earlier sections
// (links, vehicle types) are checked against what those sections produced.
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "io/scenario/yaml_checks.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::io {

// The link ids later sections may name. Only an inline network's ids are known here; a
// generated grid's links are named by the network builder, which checks references itself.
struct NetworkIds {
    bool checkable = false;
    std::unordered_set<std::string> links;
};
NetworkIds network_ids(const sim::NetworkSpec& net);

// network_section.cpp; file names are relative to base_dir.
sim::NetworkSpec read_network(const Field& field, const std::string& base_dir, std::vector<std::string>& warnings);
// geometry_keys.cpp: a link's `shape` ("x,y x,y ...", appended to x, y) and network.crs.
void read_link_shape(const Field& f, std::vector<double>& x, std::vector<double>& y);
sim::Georeference read_crs(const Field& field);
// signal_section.cpp: network.signals for an inline network (nodes and links already read);
// also checks that every control: signal node has a plan.
void read_signal_plans(const std::optional<Field>& field, sim::NetworkSpec& net);

// zones_section.cpp; `absent` is the mark used for the defaults when the section is missing.
sim::ZonesSpec read_zones(const std::optional<Field>& field, const NetworkIds& ids,
                          const sim::SourceMark& absent);
double total_population(const sim::ZonesSpec& zones);
// "AxB" (4x4, "4 x 3"): two counts, each 1..max_each.
std::pair<int, int> read_grid_count(const Field& f, int max_each);

// vehicle_section.cpp
std::vector<sim::VehicleTypeSpec> read_vehicle_types(const std::optional<Field>& field,
                                                     const sim::SourceMark& absent);

// demand_section.cpp
struct DemandContext {
    const NetworkIds& ids;
    const std::vector<sim::VehicleTypeSpec>& types;
    double duration_s = 0.0;
    double population = 0.0;
    std::string base_dir;  // trip files are relative to the scenario file's folder
    const sim::NetworkSpec* network = nullptr;
    double step_s = 1.0;
    std::uint64_t seed = 1;
    // No vehicle_types section: `types` holds only the implicit 'car', which a SUMO demand
    // replaces by its own types (a SUMO vType may well be called 'car').
    bool implicit_types = false;
};
// `types` gains the vehicle types a SUMO demand defines.
sim::DemandSpec read_demand(const Field& field, const DemandContext& ctx, std::vector<sim::VehicleTypeSpec>& types,
                            std::vector<std::string>& warnings);

// sumo_section.cpp
void read_sumo_network(const Field& field, const std::string& base_dir, sim::NetworkSpec& net,
                       std::vector<std::string>& warnings);
std::vector<sim::TripSpec> read_sumo_demand_section(const Field& field, const DemandContext& ctx,
                                                    std::vector<sim::VehicleTypeSpec>& types,
                                                    std::vector<std::string>& warnings,
                                                    std::vector<std::string>& route_files);

// settings_section.cpp
sim::TrafficSettings read_traffic(const std::optional<Field>& field, const sim::SourceMark& absent);
sim::OutputSettings read_outputs(const std::optional<Field>& field, const std::string& scenario_name, double step_s,
                                 double start_seconds_of_day, const sim::SourceMark& absent);

// interventions_section.cpp; after every other section (it checks stacks and types).
std::vector<sim::InterventionSpec> read_interventions(const std::optional<Field>& field, const sim::Scenario& s);
// weather_section.cpp: the keys of a weather intervention.
sim::WeatherOverride read_weather_override(const Field& f);

// weather_section.cpp; series times are checked against the run's duration.
sim::WeatherSpec read_weather(const std::optional<Field>& field, double duration_s, const sim::SourceMark& absent);

// air_section.cpp; the air step must be a whole number of traffic steps.
std::optional<sim::AirSpec> read_air(const std::optional<Field>& field, double traffic_step_s);
// power_section.cpp; nullopt when the section is absent. Branch files are relative to base_dir.
std::optional<sim::PowerSpec> read_power(const std::optional<Field>& field, const std::string& base_dir);

// "first defined at line 4" (same file) or "first defined in --set a.b=1".
std::string first_place(const sim::SourceMark& mark);

}  // namespace citytwin::io
