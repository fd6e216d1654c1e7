// Valid scenarios load into the model structs, in SI units, with defaults where keys are absent.
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {
namespace {

const std::string kData = CITYTWIN_SCENARIO_DATA;

TEST(LoadGrid, EveryValueInSiUnits) {
    const sim::Scenario s = load_scenario(kData + "/grid.yaml");
    EXPECT_EQ(s.format_version, 1);
    EXPECT_EQ(s.name, "grid-town");
    EXPECT_EQ(s.seed, 42u);
    EXPECT_EQ(s.start, "2026-06-01T06:00");
    EXPECT_DOUBLE_EQ(s.start_seconds_of_day, 6 * 3600.0);
    EXPECT_EQ(s.start_day_of_year, 152);
    EXPECT_DOUBLE_EQ(s.duration_s, 4 * 3600.0);

    ASSERT_TRUE(s.network.grid.has_value());
    const sim::GridNetworkSpec& g = *s.network.grid;
    EXPECT_EQ(g.rows, 10);
    EXPECT_EQ(g.cols, 8);
    EXPECT_DOUBLE_EQ(g.spacing_m, 250.0);
    EXPECT_EQ(g.lanes, 2);
    EXPECT_DOUBLE_EQ(g.speed_mps, 50.0 / 3.6);
    EXPECT_TRUE(g.signals);
    EXPECT_DOUBLE_EQ(g.green_s, 30.0);
    EXPECT_DOUBLE_EQ(g.yellow_s, 3.0);
    EXPECT_EQ(g.mark.line, 8);
    EXPECT_TRUE(s.network.nodes.empty());

    ASSERT_TRUE(s.zones.generate.has_value());
    EXPECT_EQ(s.zones.generate->blocks_x, 4);
    EXPECT_EQ(s.zones.generate->blocks_y, 3);
    EXPECT_DOUBLE_EQ(s.zones.generate->population, 60000.0);
    EXPECT_DOUBLE_EQ(s.zones.generate->jobs, 30000.0);

    ASSERT_EQ(s.vehicle_types.size(), 2u);
    EXPECT_EQ(s.vehicle_types[0].id, "car");
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].share, 0.7);
    EXPECT_EQ(s.vehicle_types[0].emission_class, "PC_G_EU6");
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].length_m, 5.0);  // struct default kept
    EXPECT_EQ(s.vehicle_types[1].id, "van");
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].share, 0.3);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].length_m, 6.5);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].max_speed_mps, 120.0 / 3.6);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].speed_factor_mean, 0.9);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].speed_factor_dev, 0.0);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].speed_factor_min, 0.9);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].speed_factor_max, 0.9);
    EXPECT_FALSE(s.vehicle_types[1].ev);

    ASSERT_TRUE(s.demand.generate.has_value());
    EXPECT_DOUBLE_EQ(s.demand.generate->trips_per_person, 2.4);
    EXPECT_DOUBLE_EQ(s.demand.generate->trips, 0.0);
    EXPECT_EQ(s.demand.generate->profile.name, "morning_peak");
    EXPECT_TRUE(s.demand.generate->profile.hourly.empty());  // the simulator fills named profiles
    EXPECT_TRUE(s.demand.trips.empty());

    EXPECT_DOUBLE_EQ(s.traffic.step_s, 0.5);
    EXPECT_EQ(s.traffic.model, "idm");
    EXPECT_DOUBLE_EQ(s.traffic.reroute_every_s, 300.0);
    EXPECT_DOUBLE_EQ(s.traffic.gap_acceptance_s, 2.5);
    EXPECT_DOUBLE_EQ(s.traffic.yield_lookahead_m, 40.0);
    EXPECT_DOUBLE_EQ(s.traffic.lane_change_patience_s, 15.0);
    EXPECT_DOUBLE_EQ(s.traffic.turn_lateral_accel_mps2, 3.0);

    EXPECT_EQ(s.outputs.file, "out/grid.h5");
    EXPECT_DOUBLE_EQ(s.outputs.every_s, 300.0);
    EXPECT_DOUBLE_EQ(s.outputs.vehicles_every_s, 10.0);

    EXPECT_EQ(s.source_file, kData + "/grid.yaml");
    EXPECT_NE(s.source_text.find("# A complete generated-grid scenario"), std::string::npos);
    EXPECT_TRUE(s.overrides.empty());
}

TEST(LoadInline, NetworkWithSignalPlan) {
    const sim::Scenario s = load_scenario(kData + "/inline.yaml");
    EXPECT_EQ(s.seed, 7u);
    EXPECT_DOUBLE_EQ(s.start_seconds_of_day, 7 * 3600.0 + 30 * 60.0 + 15.0);
    EXPECT_EQ(s.start_day_of_year, 31 + 29 + 15);  // 2024 is a leap year
    EXPECT_FALSE(s.network.grid.has_value());

    ASSERT_EQ(s.network.nodes.size(), 4u);
    const sim::NodeSpec& c = s.network.nodes[1];
    EXPECT_EQ(c.id, "C");
    EXPECT_DOUBLE_EQ(c.x_m, 300.0);
    EXPECT_EQ(c.control, sim::JunctionControl::Signal);
    EXPECT_EQ(c.mark.file, kData + "/inline.yaml");
    EXPECT_EQ(c.mark.line, 11);
    EXPECT_EQ(c.mark.column, 7);
    EXPECT_DOUBLE_EQ(s.network.nodes[2].x_m, 600.0);
    EXPECT_DOUBLE_EQ(s.network.nodes[3].y_m, -200.0);
    EXPECT_EQ(s.network.nodes[0].control, sim::JunctionControl::Auto);
    EXPECT_EQ(s.network.nodes[3].control, sim::JunctionControl::Priority);

    ASSERT_EQ(s.network.links.size(), 6u);
    const sim::LinkSpec& wc = s.network.links[0];
    EXPECT_EQ(wc.id, "WC");
    EXPECT_EQ(wc.from, "W");
    EXPECT_EQ(wc.to, "C");
    EXPECT_EQ(wc.lanes, 2);
    EXPECT_DOUBLE_EQ(wc.speed_mps, 50.0 / 3.6);
    EXPECT_DOUBLE_EQ(wc.length_m, 0.0);  // from the node positions, later
    EXPECT_EQ(wc.priority, -1);
    EXPECT_FALSE(wc.closed);
    EXPECT_DOUBLE_EQ(s.network.links[2].speed_mps, 13.4112);
    EXPECT_DOUBLE_EQ(s.network.links[2].length_m, 310.0);
    EXPECT_EQ(s.network.links[2].lanes, 1);
    EXPECT_EQ(s.network.links[4].priority, 2);
    EXPECT_TRUE(s.network.links[5].closed);

    ASSERT_EQ(s.network.signals.size(), 1u);
    const sim::SignalPlanSpec& plan = s.network.signals[0];
    EXPECT_EQ(plan.node, "C");
    EXPECT_DOUBLE_EQ(plan.offset_s, 10.0);
    ASSERT_EQ(plan.phases.size(), 4u);
    EXPECT_DOUBLE_EQ(plan.phases[0].duration_s, 30.0);
    ASSERT_EQ(plan.phases[0].green.size(), 2u);
    EXPECT_EQ(plan.phases[0].green[0].from_link, "WC");
    EXPECT_EQ(plan.phases[0].green[0].to_link, "CE");
    EXPECT_EQ(plan.phases[0].green[0].mark.line, 25);
    EXPECT_EQ(plan.phases[0].green[0].mark.column, 36);
    ASSERT_EQ(plan.phases[0].minor.size(), 1u);
    EXPECT_EQ(plan.phases[0].minor[0].to_link, "CS");
    EXPECT_TRUE(plan.phases[0].yellow.empty());
    EXPECT_EQ(plan.phases[1].yellow.size(), 3u);
    EXPECT_DOUBLE_EQ(plan.phases[2].duration_s, 20.0);
    EXPECT_EQ(plan.phases[2].green[1].from_link, "SC");
    EXPECT_EQ(plan.phases[2].green[1].mark.line, 28);
    EXPECT_EQ(plan.phases[2].green[1].mark.column, 26);
    EXPECT_DOUBLE_EQ(plan.phases[3].duration_s, 3.0);
}

TEST(LoadInline, ZonesTypesTripsAndSettings) {
    const sim::Scenario s = load_scenario(kData + "/inline.yaml");
    ASSERT_FALSE(s.zones.generate.has_value());
    ASSERT_EQ(s.zones.list.size(), 2u);
    const sim::ZoneSpec& west = s.zones.list[0];
    EXPECT_EQ(west.id, "west");
    EXPECT_DOUBLE_EQ(west.x_min_m, -10.0);
    EXPECT_DOUBLE_EQ(west.y_min_m, -10.0);
    EXPECT_DOUBLE_EQ(west.x_max_m, 150.0);
    EXPECT_DOUBLE_EQ(west.y_max_m, 10.0);
    EXPECT_DOUBLE_EQ(west.population, 1200.0);
    EXPECT_DOUBLE_EQ(west.jobs, 100.0);
    EXPECT_TRUE(west.links.empty());
    EXPECT_EQ(s.zones.list[1].links, (std::vector<std::string>{"EC", "CE"}));
    EXPECT_DOUBLE_EQ(s.zones.list[1].x_max_m, 610.0);

    ASSERT_EQ(s.vehicle_types.size(), 2u);
    const sim::VehicleTypeSpec& car = s.vehicle_types[0];
    const sim::VehicleTypeSpec& ev = s.vehicle_types[1];
    EXPECT_DOUBLE_EQ(car.share, 0.75);  // 3 : 1, normalised
    EXPECT_DOUBLE_EQ(ev.share, 0.25);
    EXPECT_DOUBLE_EQ(car.speed_factor_mean, 1.05);
    EXPECT_DOUBLE_EQ(car.speed_factor_dev, 0.1);
    EXPECT_DOUBLE_EQ(car.speed_factor_min, 0.5);
    EXPECT_DOUBLE_EQ(car.speed_factor_max, 1.5);
    EXPECT_FALSE(car.ev);
    EXPECT_DOUBLE_EQ(car.battery_kwh, 0.0);
    EXPECT_TRUE(ev.ev);
    EXPECT_DOUBLE_EQ(ev.battery_kwh, 60.0);
    EXPECT_DOUBLE_EQ(ev.kwh_per_km, 0.18);
    EXPECT_DOUBLE_EQ(ev.charger_kw, 7.2);  // default charger
    EXPECT_DOUBLE_EQ(ev.accel_mps2, 3.0);
    EXPECT_DOUBLE_EQ(ev.decel_mps2, 4.0);
    EXPECT_DOUBLE_EQ(ev.emergency_decel_mps2, 9.0);
    EXPECT_DOUBLE_EQ(ev.max_speed_mps, 160.0 / 3.6);
    EXPECT_EQ(ev.mark.line, 40);

    EXPECT_FALSE(s.demand.generate.has_value());
    EXPECT_EQ(s.demand.trips_file, kData + "/inline_trips.csv");
    ASSERT_EQ(s.demand.trips.size(), 4u);
    EXPECT_DOUBLE_EQ(s.demand.trips[0].depart_s, 900.0);
    EXPECT_EQ(s.demand.trips[0].from_link, "SC");
    EXPECT_EQ(s.demand.trips[0].to_link, "CE");
    EXPECT_EQ(s.demand.trips[0].type, "");
    EXPECT_EQ(s.demand.trips[0].mark.line, 3);
    EXPECT_EQ(s.demand.trips[0].mark.file, kData + "/inline_trips.csv");
    EXPECT_DOUBLE_EQ(s.demand.trips[1].depart_s, 0.0);  // kept in file order, unsorted
    EXPECT_EQ(s.demand.trips[1].type, "car");
    EXPECT_EQ(s.demand.trips[1].mark.line, 5);
    EXPECT_DOUBLE_EQ(s.demand.trips[2].depart_s, 900.0);
    EXPECT_EQ(s.demand.trips[2].type, "ev");
    EXPECT_DOUBLE_EQ(s.demand.trips[3].depart_s, 5400.0);
    EXPECT_EQ(s.demand.trips[3].to_link, "CS");
    EXPECT_EQ(s.demand.trips[3].mark.line, 8);

    EXPECT_DOUBLE_EQ(s.traffic.step_s, 1.0);
    EXPECT_DOUBLE_EQ(s.traffic.reroute_every_s, 120.0);
    EXPECT_DOUBLE_EQ(s.traffic.yield_lookahead_m, 60.0);
    EXPECT_DOUBLE_EQ(s.traffic.gap_acceptance_s, sim::TrafficSettings{}.gap_acceptance_s);
    EXPECT_EQ(s.outputs.file, "results/t.h5");
    EXPECT_DOUBLE_EQ(s.outputs.every_s, 600.0);
    EXPECT_DOUBLE_EQ(s.outputs.vehicles_every_s, 5.0);
}

TEST(LoadMinimal, DocumentedDefaults) {
    const sim::Scenario s = load_scenario(kData + "/minimal.yaml");
    EXPECT_EQ(s.seed, 1u);
    EXPECT_EQ(s.start, "2026-06-01T06:00");
    EXPECT_DOUBLE_EQ(s.start_seconds_of_day, 21600.0);
    EXPECT_EQ(s.start_day_of_year, 152);
    const sim::GridNetworkSpec defaults;
    EXPECT_DOUBLE_EQ(s.network.grid->spacing_m, 100.0);
    EXPECT_EQ(s.network.grid->lanes, 1);
    EXPECT_DOUBLE_EQ(s.network.grid->speed_mps, defaults.speed_mps);
    EXPECT_TRUE(s.network.grid->signals);
    EXPECT_DOUBLE_EQ(s.network.grid->green_s, defaults.green_s);
    EXPECT_DOUBLE_EQ(s.network.grid->yellow_s, defaults.yellow_s);

    ASSERT_TRUE(s.zones.generate.has_value());
    EXPECT_EQ(s.zones.generate->blocks_x, 1);
    EXPECT_EQ(s.zones.generate->blocks_y, 1);
    EXPECT_DOUBLE_EQ(s.zones.generate->population, 10000.0);
    EXPECT_DOUBLE_EQ(s.zones.generate->jobs, 10000.0);

    ASSERT_EQ(s.vehicle_types.size(), 1u);
    EXPECT_EQ(s.vehicle_types[0].id, "car");
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].share, 1.0);
    const sim::VehicleTypeSpec car;
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].accel_mps2, car.accel_mps2);
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].speed_factor_dev, car.speed_factor_dev);

    EXPECT_DOUBLE_EQ(s.demand.generate->trips, 100.0);
    EXPECT_EQ(s.demand.generate->profile.name, "weekday");

    const sim::TrafficSettings traffic;
    EXPECT_DOUBLE_EQ(s.traffic.step_s, traffic.step_s);
    EXPECT_DOUBLE_EQ(s.traffic.reroute_every_s, traffic.reroute_every_s);
    EXPECT_DOUBLE_EQ(s.traffic.turn_lateral_accel_mps2, traffic.turn_lateral_accel_mps2);
    EXPECT_EQ(s.outputs.file, "out/tiny.h5");
    EXPECT_DOUBLE_EQ(s.outputs.every_s, 300.0);
    EXPECT_DOUBLE_EQ(s.outputs.vehicles_every_s, 0.0);
}

TEST(LoadText, GridArterials) {
    const sim::Scenario s = load_scenario_text(R"(citytwin: 1
name: arterials
duration: 1 h
network: {grid: {rows: 9, cols: 9, spacing: 100 m, speed: 30 km/h, arterials: {every: 4, lanes: 3, speed: 70 km/h}}}
demand: {generate: {trips: 10}}
)", "arterials.yaml");
    EXPECT_EQ(s.network.grid->arterial_every, 4);
    EXPECT_EQ(s.network.grid->arterial_lanes, 3);
    EXPECT_NEAR(s.network.grid->arterial_speed_mps, 70 / 3.6, 1e-9);
    const sim::Scenario d = load_scenario_text(
        "citytwin: 1\nname: a\nduration: 1 h\nnetwork: {grid: {rows: 3, cols: 3, spacing: 100 m, arterials: {every: 2}}}\ndemand: {generate: {trips: 1}}\n",
        "a.yaml");
    const sim::GridNetworkSpec defaults;
    EXPECT_EQ(d.network.grid->arterial_every, 2);
    EXPECT_EQ(d.network.grid->arterial_lanes, defaults.arterial_lanes);
    EXPECT_DOUBLE_EQ(d.network.grid->arterial_speed_mps, defaults.arterial_speed_mps);
    EXPECT_EQ(defaults.arterial_every, 0);   // no arterials unless asked for
}

TEST(LoadText, CustomProfileAndTripsTotal) {
    const sim::Scenario s = load_scenario_text(R"(citytwin: 1
name: custom
duration: 1 d
network: {grid: {rows: 3, cols: 3, spacing: 0.2 km}}
zones: {generate: {blocks: 2 x 2, jobs: 500}}
vehicle_types:
  car:
  bus: {share: 0}
demand:
  generate:
    trips: 2500
    profile: {hourly: [0, 0, 0, 0, 0, 1, 2, 3, 4, 3, 2, 1, 1, 1, 1, 2, 3, 4, 3, 2, 1, 0.5, 0, 0]}
)", "custom.yaml");
    EXPECT_EQ(s.source_file, "custom.yaml");
    EXPECT_DOUBLE_EQ(s.duration_s, 86400.0);
    EXPECT_EQ(s.zones.generate->blocks_x, 2);
    EXPECT_DOUBLE_EQ(s.zones.generate->population, 0.0);
    ASSERT_EQ(s.vehicle_types.size(), 2u);
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].share, 1.0);  // "car:" empty: defaults, share 1
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].share, 0.0);
    EXPECT_EQ(s.demand.generate->profile.name, "custom");
    ASSERT_EQ(s.demand.generate->profile.hourly.size(), 24u);
    EXPECT_DOUBLE_EQ(s.demand.generate->profile.hourly[21], 0.5);
}

TEST(LoadText, SeedTakesTheFull64BitRange) {
    const sim::Scenario s = load_scenario_text(
        "citytwin: 1\nname: x\nseed: 18446744073709551615\nduration: 60\n"
        "network: {grid: {rows: 2, cols: 2, spacing: 10}}\ndemand: {generate: {trips: 1}}\n",
        "s.yaml");
    EXPECT_EQ(s.seed, 18446744073709551615ull);
    EXPECT_DOUBLE_EQ(s.duration_s, 60.0);
}

}  // namespace
}  // namespace citytwin::io
