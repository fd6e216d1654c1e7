// Every documented error: its file:line:column, its key path and its message. The scenarios
// are small texts edited one key at a time, so each test shows exactly what is wrong.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"
#include "tests/error_rows.hpp"

namespace citytwin::io {
namespace {

const std::string kData = CITYTWIN_SCENARIO_DATA;

// Lines are numbered in the comments: errors below refer to them.
const std::string kGrid = R"(citytwin: 1
name: e
duration: 1 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
demand:
  generate: {trips: 10}
)";

const std::string kInline = R"(citytwin: 1
name: e
duration: 1 h
network:
  nodes:
    - {id: A, x: 0, y: 0}
    - {id: B, x: 100, y: 0, control: signal}
    - {id: C, x: 200, y: 0}
  links:
    - {id: AB, from: A, to: B}
    - {id: BC, from: B, to: C}
    - {id: CB, from: C, to: B}
    - {id: BA, from: B, to: A}
  signals:
    - node: B
      phases:
        - {duration: 30 s, green: [AB>BC, CB>BA]}
demand:
  generate: {trips: 10}
)";

// `base` with the first `from` replaced by `to`; where `from` is absent, a text that says so
// (and so fails its row).
std::string edit(const std::string& base, const std::string& from, const std::string& to) {
    const auto at = base.find(from);
    if (at == std::string::npos) return "(the test text lacks '" + from + "')";
    return base.substr(0, at) + to + base.substr(at + from.size());
}

std::string error_of_text(const std::string& text, const std::string& base_dir = ".") {
    try {
        load_scenario_text(text, "t.yaml", {}, base_dir);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string temp_dir() {
    std::string d = ::testing::TempDir();
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    return d.empty() ? "." : d;
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(ValidInputs, TheBaseTextsLoad) {
    EXPECT_EQ(error_of_text(kGrid), "(no error)");
    EXPECT_EQ(error_of_text(kInline), "(no error)");
}

// One row per bad input and the whole message it gives (file:line:column: key: message).
const test::ErrorRow kErrorRows[] = {
    {"UnknownKeyWithDidYouMean_1", edit(kGrid, "spacing:", "spaceing:"),
     "t.yaml:5:28: network.grid.spaceing: unknown key 'spaceing'; did you mean 'spacing'?"},
    {"UnknownKeyWithDidYouMean_2", edit(kGrid, "duration:", "durration:"),
     "t.yaml:3:1: durration: unknown key 'durration'; did you mean 'duration'?"},
    {"UnknownKeyWithDidYouMean_3", edit(kInline, "{id: AB, from:", "{id: AB, frm:"),
     "t.yaml:10:16: network.links[0].frm: unknown key 'frm'; did you mean 'from'?"},
    {"UnknownKeyWithoutSuggestionListsTheValidKeys", edit(kGrid, "{trips: 10}", "{trips: 10, weight: 2}"),
     "t.yaml:7:25: demand.generate.weight: unknown key 'weight'; valid keys here: trips, "
              "trips_per_person, profile"},
    {"MissingRequiredKey_1", edit(kGrid, "name: e\n", ""),
     "t.yaml:1:1: name: missing required key 'name'"},
    {"MissingRequiredKey_2", edit(kGrid, "cols: 3, ", ""),
     "t.yaml:5:9: network.grid.cols: missing required key 'cols'"},
    {"MissingRequiredKey_3", edit(kGrid, "citytwin: 1\n", ""),
     "t.yaml:1:1: citytwin: missing required key 'citytwin'"},
    {"MissingRequiredKey_4", edit(kInline, "{duration: 30 s, ", "{"),
     "t.yaml:17:11: network.signals[0].phases[0].duration: missing required key 'duration'"},
    {"DuplicateKeyNamesTheFirst_1", kGrid + "duration: 2 h\n",
     "t.yaml:8:1: duration: duplicate key 'duration' (first given at line 3)"},
    {"DuplicateKeyNamesTheFirst_2", edit(kGrid, "{rows: 3,", "{rows: 3, rows: 4,"),
     "t.yaml:5:19: network.grid.rows: duplicate key 'rows' (first given at line 5)"},
    {"GridArterialsNeedEvery", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, arterials: {lanes: 2}}"),
     "t.yaml:5:55: network.grid.arterials.every: missing required key 'every'"},
    {"GridArterialsEveryAtLeastTwo", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, arterials: {every: 1}}"),
     "t.yaml:5:63: network.grid.arterials.every: must be at least 2, got 1"},
    {"GridArterialLanesInRange", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, arterials: {every: 2, lanes: 17}}"),
     "t.yaml:5:73: network.grid.arterials.lanes: must be at most 16, got 17"},
    {"GridArterialSpeedInRange", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, arterials: {every: 2, speed: 500 km/h}}"),
     "t.yaml:5:73: network.grid.arterials.speed: must be at most 100 m/s, got '500 km/h'"},
    {"GridArterialsUnknownKey", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, arterials: {every: 2, lane: 3}}"),
     "t.yaml:5:66: network.grid.arterials.lane: unknown key 'lane'; did you mean 'lanes'?"},
    {"WrongTypes_1", edit(kGrid, "rows: 3", "rows: many"),
     "t.yaml:5:16: network.grid.rows: expected a whole number, got 'many'"},
    {"WrongTypes_2", edit(kGrid, "rows: 3", "rows: 2.5"),
     "t.yaml:5:16: network.grid.rows: expected a whole number, got '2.5'"},
    {"WrongTypes_3", edit(kGrid, "{trips: 10}", "{trips: lots}"),
     "t.yaml:7:21: demand.generate.trips: expected a number, got 'lots'"},
    {"WrongTypes_4", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, signals: maybe}"),
     "t.yaml:5:53: network.grid.signals: expected true or false, got 'maybe'"},
    {"WrongTypes_5", edit(kGrid, "name: e", "name: {first: e}"),
     "t.yaml:2:7: name: expected a text, got a map"},
    {"WrongTypes_6", edit(kGrid, "  grid: {rows: 3, cols: 3, spacing: 100 m}", "  nodes: {id: A}\n  links: []"),
     "t.yaml:5:10: network.nodes: expected a list (- item lines or [a, b]), got a map"},
    {"WrongTypes_7", edit(kGrid, "demand:\n  generate: {trips: 10}", "demand: [generate]"),
     "t.yaml:6:9: demand: expected a map of 'key: value' entries, got a list"},
    {"WrongTypes_8", edit(kGrid, "rows: 3", "rows:"),
     "t.yaml:5:10: network.grid.rows: missing value (expected a whole number)"},
    {"UnknownUnit", edit(kGrid, "100 m", "100 kg"),
     "t.yaml:5:37: network.grid.spacing: unknown unit 'kg' in '100 kg'; a length takes m, km, cm, mm, "
              "mi, ft (or a plain number in m)"},
    {"UnitOfTheWrongDimension_1", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, speed: 50 km}"),
     "t.yaml:5:51: network.grid.speed: expected a speed (m/s, km/h, kph, mph), got '50 km', which is a "
              "length"},
    {"UnitOfTheWrongDimension_2", edit(kGrid, "duration: 1 h", "duration: 60 m"),
     "t.yaml:3:11: duration: expected a time (s, ms, min, h, d), got '60 m', which is a length"},
    {"NonFiniteNumber", edit(kGrid, "100 m", ".inf"),
     "t.yaml:5:37: network.grid.spacing: '.inf' is not a finite number"},
    {"ZeroAndNegativeSizes_1", edit(kGrid, "rows: 3", "rows: 1"),
     "t.yaml:5:16: network.grid.rows: must be at least 2, got 1"},
    {"ZeroAndNegativeSizes_2", edit(kGrid, "100 m", "0 m"),
     "t.yaml:5:37: network.grid.spacing: must be at least 10 m, got '0 m'"},
    {"ZeroAndNegativeSizes_3", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, lanes: 0}"),
     "t.yaml:5:51: network.grid.lanes: must be at least 1, got 0"},
    {"ZeroAndNegativeSizes_4", edit(kGrid, "spacing: 100 m}", "spacing: 100 m, lanes: 17}"),
     "t.yaml:5:51: network.grid.lanes: must be at most 16, got 17"},
    {"ZeroAndNegativeSizes_5", edit(kGrid, "duration: 1 h", "duration: -1 h"),
     "t.yaml:3:11: duration: must be greater than 0, got '-1 h'"},
    {"ZeroAndNegativeSizes_6", edit(kGrid, "duration: 1 h", "duration: 0"),
     "t.yaml:3:11: duration: must be greater than 0, got '0'"},
    {"ZeroAndNegativeSizes_7", edit(kInline, "{id: AB, from: A, to: B}", "{id: AB, from: A, to: B, speed: -5}"),
     "t.yaml:10:39: network.links[0].speed: must be greater than 0, got '-5'"},
    {"ZeroAndNegativeSizes_8", edit(kInline, "{duration: 30 s,", "{duration: 0 s,"),
     "t.yaml:17:22: network.signals[0].phases[0].duration: must be greater than 0, got '0 s'"},
    {"ZeroAndNegativeSizes_9", kGrid + "traffic: {step: 3 s}\n",
     "t.yaml:8:17: traffic.step: must be at most 2 s, got '3 s'"},
    {"ZeroAndNegativeSizes_10", kGrid + "seed: -4\n",
     "t.yaml:8:7: seed: must not be negative, got '-4'"},
    {"VersionAndStart_1", edit(kGrid, "citytwin: 1", "citytwin: 2"),
     "t.yaml:1:11: citytwin: format version 2 is not supported; this version of citytwin reads format 1"},
    {"VersionAndStart_2", kGrid + "start: 2026-13-01T06:00\n",
     "t.yaml:8:8: start: month 13 does not exist (01..12)"},
    {"VersionAndStart_3", kGrid + "start: 2025-02-29T06:00\n",
     "t.yaml:8:8: start: day 29 does not exist in 2025-02 (01..28)"},
    {"VersionAndStart_4", kGrid + "start: 6am\n",
     "t.yaml:8:8: start: expected a local time as YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (for example "
              "2026-06-01T06:00), got '6am'"},
    {"NetworkShape_1", edit(kGrid, "  grid: {rows: 3, cols: 3, spacing: 100 m}", "  roads: 2"),
     "t.yaml:5:3: network.roads: unknown key 'roads'; valid keys here: grid, nodes, links, signals, sumo, crs"},
    {"NetworkShape_2", edit(kGrid, "network:\n  grid:", "network:\n  sumo: x.net.xml\n  grid:"),
     "t.yaml:6:3: network.grid: give either 'sumo' or 'grid', not both"},
    {"NetworkShape_3", edit(kInline, "  links:", "  grid: {rows: 2, cols: 2, spacing: 1}\n  links:"),
     "t.yaml:9:3: network.grid: give either 'grid' or 'nodes' and 'links', not both"},
    {"NetworkShape_4", edit(kInline, "    - {id: AB, from: A, to: B}\n    - {id: BC, from: B, to: C}\n"
                                          "    - {id: CB, from: C, to: B}\n    - {id: BA, from: B, to: A}\n",
                                 ""),
     "t.yaml:9:3: network.links: missing value (expected a list)"},
    {"ReferenceToAMissingNode_1", edit(kInline, "{id: AB, from: A,", "{id: AB, from: Z,"),
     "t.yaml:10:22: network.links[0].from: no node 'Z' in network.nodes"},
    {"ReferenceToAMissingNode_2", edit(kInline, "- node: B", "- node: Bee"),
     "t.yaml:15:13: network.signals[0].node: no node 'Bee' in network.nodes"},
    {"ReferenceToAMissingNode_3", edit(kInline, "{id: AB, from: A, to: B}", "{id: AB, from: B, to: B}"),
     "t.yaml:10:29: network.links[0].to: a link cannot start and end at the same node 'B'"},
    {"ReferenceToAMissingLink_1", edit(kInline, "[AB>BC,", "[AB>BX,"),
     "t.yaml:17:36: network.signals[0].phases[0].green[0]: no link 'BX' in network.links; did you mean "
              "'BC'?"},
    {"ReferenceToAMissingLink_2", edit(kInline, "[AB>BC,", "[BC>CB,"),
     "t.yaml:17:36: network.signals[0].phases[0].green[0]: link 'BC' ends at node 'C', not at 'B'; a "
              "movement must arrive on a link that ends at the signal's node"},
    {"ReferenceToAMissingLink_3", edit(kInline, "[AB>BC,", "[AB>AB,"),
     "t.yaml:17:36: network.signals[0].phases[0].green[0]: link 'AB' starts at node 'A', not at 'B'; a "
              "movement must leave on a link that starts at the signal's node"},
    {"ReferenceToAMissingLink_4", edit(kInline, "[AB>BC,", "[AB-BC,"),
     "t.yaml:17:36: network.signals[0].phases[0].green[0]: expected a movement 'in_link>out_link' (for "
              "example 'L1>L2'), got 'AB-BC'"},
    {"DuplicateIdsNameBothPlaces_1", edit(kInline, "{id: C, x: 200", "{id: A, x: 200"),
     "t.yaml:8:12: network.nodes[2].id: duplicate node id 'A' (first defined at line 6)"},
    {"DuplicateIdsNameBothPlaces_2", edit(kInline, "{id: BA,", "{id: AB,"),
     "t.yaml:13:12: network.links[3].id: duplicate link id 'AB' (first defined at line 10)"},
    {"SignalControlMismatches_1", edit(kInline, "  signals:\n    - node: B\n      phases:\n"
                                          "        - {duration: 30 s, green: [AB>BC, CB>BA]}\n",
                                 ""),
     "t.yaml:7:7: network.nodes[1].control: node 'B' has control: signal but no plan in network.signals"},
    {"SignalControlMismatches_2", edit(kInline, "control: signal", "control: priority"),
     "t.yaml:15:13: network.signals[0].node: node 'B' has control: priority, so it cannot have a signal "
              "plan; set its control to signal or auto"},
    {"SignalControlMismatches_3", edit(kInline, "control: signal", "control: sometimes"),
     "t.yaml:7:38: network.nodes[1].control: expected one of auto, signal, priority, got 'sometimes'"},
    {"SignalControlMismatches_4", edit(kInline, "green: [AB>BC, CB>BA]}", "green: [AB>BC], yellow: [AB>BC]}"),
     "t.yaml:17:53: network.signals[0].phases[0].yellow[0]: movement 'AB>BC' is already listed as green "
              "in this phase"},
    {"SignalControlMismatches_5", edit(kInline, "green: [AB>BC, CB>BA]}", "yellow: [AB>BC]}"),
     "t.yaml:17:9: network.signals[0].phases: no phase gives any movement a green, so traffic at node 'B' "
              "would wait forever"},
    {"Zones_1", kInline + "zones:\n  list:\n    - {id: z, rect: [0, 0, 10, 10], population: 5, links: [AB, XY]}\n",
     "t.yaml:22:64: zones.list[0].links[1]: no link 'XY' in network.links"},
    {"Zones_2", kInline + "zones:\n  list:\n    - {id: z, rect: [0, 0, 10], population: 5}\n",
     "t.yaml:22:21: zones.list[0].rect: expected [xmin, ymin, xmax, ymax] (4 lengths), got 3 values"},
    {"Zones_3", kInline + "zones:\n  list:\n    - {id: z, rect: [0, 0, 0, 10], population: 5}\n",
     "t.yaml:22:28: zones.list[0].rect[2]: xmax must be greater than xmin ('0')"},
    {"Zones_4", kGrid + "zones: {generate: {blocks: 4, jobs: 1}}\n",
     "t.yaml:8:28: zones.generate.blocks: expected blocks as 'AxB' (for example 4x4), got '4'"},
    {"Zones_5", kGrid + "zones: {generate: {blocks: 4x4}}\n",
     "t.yaml:8:19: zones.generate: population and jobs are both 0; zones need residents or jobs to "
              "produce trips"},
    {"Zones_6", kGrid + "zones: {generate: {blocks: 4x4, population: -1}}\n",
     "t.yaml:8:45: zones.generate.population: must not be negative, got '-1'"},
    {"Zones_7", kGrid + "zones:\n  list:\n    - {id: a, rect: [0, 0, 1, 1], jobs: 1}\n"
                                    "    - {id: a, rect: [0, 0, 1, 1], jobs: 1}\n",
     "t.yaml:11:12: zones.list[1].id: duplicate zone id 'a' (first defined at line 10)"},
    {"VehicleTypes_1", kGrid + "vehicle_types:\n  ev: {ev: true, consumption: 0.2 kWh/km}\n",
     "t.yaml:9:7: vehicle_types.ev.battery: missing required key 'battery'"},
    {"VehicleTypes_2", kGrid + "vehicle_types:\n  ev: {ev: true, battery: 0 kWh, consumption: 0.2 kWh/km}\n",
     "t.yaml:9:27: vehicle_types.ev.battery: must be greater than 0, got '0 kWh'"},
    {"VehicleTypes_3", kGrid + "vehicle_types:\n  ev: {battery: 60 kWh}\n",
     "t.yaml:9:8: vehicle_types.ev.battery: only electric types take 'battery'; add 'ev: true' to vehicle "
              "type 'ev'"},
    {"VehicleTypes_4", kGrid + "vehicle_types:\n  ev: {ev: true, battery: 60 kW, consumption: 0.2 kWh/km}\n",
     "t.yaml:9:27: vehicle_types.ev.battery: expected an energy (Wh, kWh, MWh, J, kJ, MJ), got '60 kW', "
              "which is a power"},
    {"VehicleTypes_5", kGrid + "vehicle_types:\n  car: {decel: 10 m/s^2}\n",
     "t.yaml:9:16: vehicle_types.car.decel: decel (10 m/s^2) must not exceed emergency_decel (9 m/s^2)"},
    {"VehicleTypes_6", kGrid + "vehicle_types:\n  car: {share: 0}\n  van: {share: 0}\n",
     "t.yaml:9:3: vehicle_types: every share is 0; at least one vehicle type needs a share above 0"},
    {"VehicleTypes_7", kGrid + "vehicle_types:\n  car: {tau: 1.2}\n",
     "t.yaml:9:9: vehicle_types.car.tau: use 'headway' for SUMO's tau (the desired time gap to the leader)"},
    {"VehicleTypes_8", kGrid + "vehicle_types:\n  car: {speed_factor: {mean: 3}}\n",
     "t.yaml:9:23: vehicle_types.car.speed_factor: mean (3) must lie between min (0.2) and max (2)"},
    {"VehicleTypes_9", kGrid + "vehicle_types: {}\n",
     "t.yaml:8:16: vehicle_types: no vehicle types; give at least one, or leave the section out for one "
              "'car'"},
    {"DemandGenerate_1", edit(kGrid, "{trips: 10}", "{trips: 10, trips_per_person: 2}"),
     "t.yaml:7:25: demand.generate.trips_per_person: give either 'trips' or 'trips_per_person', not both"},
    {"DemandGenerate_2", edit(kGrid, "{trips: 10}", "{trips: 0}"),
     "t.yaml:7:21: demand.generate.trips: must be greater than 0, got '0'"},
    {"DemandGenerate_3", edit(kGrid, "{trips: 10}", "{trips: 10, profile: weekdays}"),
     "t.yaml:7:34: demand.generate.profile: unknown profile 'weekdays'; did you mean 'weekday'? (profiles: "
              "weekday, morning_peak, evening_peak, flat, or {hourly: [24 weights]})"},
    {"DemandGenerate_4", edit(kGrid, "{trips: 10}", "{trips: 10, profile: {hourly: [1, 2, 3]}}"),
     "t.yaml:7:43: demand.generate.profile.hourly: expected 24 weights (hours 0..23), got 3"},
    {"DemandGenerate_5", kGrid + "zones: {generate: {blocks: 1x1, jobs: 5}}\n",
     "(no error)"},
    {"DemandGenerate_6", edit(kGrid, "{trips: 10}", "{trips_per_person: 2}") +
                            "zones: {generate: {blocks: 1x1, jobs: 5}}\n",
     "t.yaml:7:32: demand.generate.trips_per_person: trips_per_person needs residents, but the zones' "
              "population is 0; give zones a population or use 'trips'"},
    {"DemandGenerate_7", edit(kGrid, "  generate: {trips: 10}", "  od: matrix.csv"),
     "t.yaml:7:3: demand.od: demand source 'od' is not supported by this version of citytwin"},
    {"TrafficAndOutputs_1", kGrid + "traffic: {model: gipps}\n",
     "t.yaml:8:18: traffic.model: unknown traffic model 'gipps'; this version of citytwin has: idm, krauss"},
    {"TrafficAndOutputs_1b", kGrid + "traffic: {junctions: internal}\n",
     "t.yaml:8:22: traffic.junctions: unknown junction model 'internal'; expected points or lanes"},
    {"TrafficAndOutputs_1c", kGrid + "traffic: {junctions: lanes}\n",
     "(no error)"},
    {"TrafficAndOutputs_2", kGrid + "traffic: {step: 1 s, reroute_every: 0.5 s}\n",
     "t.yaml:8:37: traffic.reroute_every: must be 0 (off) or at least the step (1 s), got '0.5 s'"},
    {"TrafficAndOutputs_3", kGrid + "traffic: {step: 1 s, reroute_every: 0}\n",
     "(no error)"},
    {"TrafficAndOutputs_4", kGrid + "outputs: {every: 0.2 s}\n",
     "t.yaml:8:18: outputs.every: must be at least the traffic step (0.5 s), got '0.2 s'"},
    {"TrafficAndOutputs_5", kGrid + "outputs: {vehicles_every: -1 s}\n",
     "t.yaml:8:27: outputs.vehicles_every: must not be negative, got '-1 s'"},
    {"TrafficAndOutputs_6", kGrid + "traffic: {gap_acceptance: 0 s}\n",
     "t.yaml:8:27: traffic.gap_acceptance: must be greater than 0, got '0 s'"},
    {"MalformedYaml", edit(kGrid, "spacing: 100 m}", "spacing: 100 m"), "t.yaml:6:7: not valid YAML: end of map flow not found"},
    {"EmptyScenario", "", "t.yaml: the scenario is empty; it needs at least citytwin, name, duration, network and demand"},
    {"OnlyAComment", "# nothing\n", "t.yaml: the scenario is empty; it needs at least citytwin, name, duration, network and demand"},
    {"AListNotAMap", "- citytwin: 1\n", "t.yaml:1:1: expected a map of 'key: value' entries, got a list"},
    {"ASecondDocument", kGrid + "---\nname: second\n", "t.yaml:9:1: found a second YAML document (after ---); a scenario is one document"},
    {"AnEmptyTrailingDocumentIsHarmless", kGrid + "---\n", "(no error)"},
    // yaml-cpp 0.7 would loop forever in LoadAll() on this, and Load() returns an empty document.
    {"CommaAfterAComment", "# c\n,citytwin: 1\nname: x\n", "t.yaml:2:1: not valid YAML: unexpected ','"},
};

class ScenarioErrors : public ::testing::TestWithParam<test::ErrorRow> {};

TEST_P(ScenarioErrors, GiveTheLocatedMessage) { EXPECT_EQ(error_of_text(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Errors, ScenarioErrors, ::testing::ValuesIn(kErrorRows), test::row_name);

TEST(Errors, ABanNeedsItsZone) {
    const std::string e = error_of_text(kGrid + "interventions: [{id: a, at: 1 min, ban: {types: [car]}}]\n");
    EXPECT_NE(e.find("interventions[0].ban: expected the zone: area: {polygon: [[x, y], ...]} or links: [...]"), std::string::npos) << e;
}

TEST(Errors, TripFile) {
    EXPECT_EQ(error_of_text(edit(kGrid, "  generate: {trips: 10}", "  trips: nowhere.csv"), "/no/such/dir"),
              "t.yaml:7:10: demand.trips: cannot read trip file '/no/such/dir/nowhere.csv': no such file");

    const std::string dir = temp_dir();
    write_file(dir + "/err_type.csv", "depart,from,to,type\n0,AB,BC,car\n60,AB,BC,bus\n");
    EXPECT_EQ(error_of_text(edit(kInline, "  generate: {trips: 10}", "  trips: err_type.csv"), dir),
              dir + "/err_type.csv:3:10: demand.trips: column 'type': no vehicle type 'bus' (vehicle types: car)");
    write_file(dir + "/err_late.csv", "# late\n\n10 min,AB,BC\n1 h,AB,BC\n");
    EXPECT_EQ(error_of_text(edit(kInline, "  generate: {trips: 10}", "  trips: err_late.csv"), dir),
              dir + "/err_late.csv:4:1: demand.trips: column 'depart': '1 h' is not before the end of the scenario "
                    "(duration 3600 s)");
}

TEST(Errors, BadCsvRowNamesItsLine) {
    try {
        load_scenario(kData + "/bad_trips.yaml");
        FAIL() << "no error";
    } catch (const sim::ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()),
                  kData + "/bad_trips.csv:3:7: demand.trips: column 'to': no link 'XY' in network.links");
        EXPECT_EQ(e.mark().line, 3);
        EXPECT_EQ(e.mark().column, 7);
        EXPECT_EQ(e.key_path(), "demand.trips");
    }
}

// ---- the file itself -----------------------------------------------------------------------

TEST(Errors, MalformedYamlWithATab) {
    EXPECT_EQ(error_of_text("citytwin: 1\n\tname: x\n").substr(0, 7), "t.yaml:");
    EXPECT_NE(error_of_text("citytwin: 1\n\tname: x\n").find("not valid YAML"), std::string::npos);
}

TEST(Errors, MissingScenarioFile) {
    try {
        load_scenario("/no/such/dir/scenario.yaml");
        FAIL() << "no error";
    } catch (const sim::ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()), "/no/such/dir/scenario.yaml: cannot read the scenario file: no such file");
    }
    try {
        load_scenario(kData);
        FAIL() << "no error";
    } catch (const sim::ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("it is a folder, not a file"), std::string::npos);
    }
}

}  // namespace
}  // namespace citytwin::io
