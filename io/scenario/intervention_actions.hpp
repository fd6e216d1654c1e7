#pragma once
// The actions of an intervention (docs/scenario-format.md §16), each read into the
// InterventionSpec it belongs to. Ids are checked here where the scenario alone knows them
// (stacks, vehicle types, emission classes); links, lanes, nodes, buses and branches are checked
// against the built network and grid, which generated networks only have then.
#include <string>
#include <vector>

#include "io/scenario/yaml_checks.hpp"
#include "sim/core/intervention.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::io {

// Seconds since the start of a clock time or a duration.
double intervention_time(const Field& f, double start_seconds_of_day);
// A scalar id or a non-empty list of them.
std::vector<std::string> intervention_ids(const Field& f);

// close, speed_limit, lanes, signal, ban, fleet, demand.
void read_traffic_action(const std::string& action, const Field& a, const sim::Scenario& s, sim::InterventionSpec& iv);
// weather, stack, charging, pv, battery, feeder.
void read_grid_action(const std::string& action, const Field& a, const sim::Scenario& s, sim::InterventionSpec& iv);

}  // namespace citytwin::io
