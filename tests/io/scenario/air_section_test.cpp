// The air section: defaults, values with units, stacks; and its errors.
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {
namespace {

const std::string kBase = R"(citytwin: 1
name: a
duration: 1 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
demand:
  generate: {trips: 10}
)";

sim::Scenario load(const std::string& air) { return load_scenario_text(kBase + air, "a.yaml", {}, "."); }

std::string error_of(const std::string& air) {
    try {
        load(air);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(AirSection, AbsentMeansNoAirModel) { EXPECT_FALSE(load("").air.has_value()); }

TEST(AirSection, EmptySectionGivesTheDefaults) {
    const sim::Scenario s = load("air:\n");
    ASSERT_TRUE(s.air.has_value());
    EXPECT_DOUBLE_EQ(s.air->step_s, 30.0);
    EXPECT_DOUBLE_EQ(s.air->cell_m, 50.0);
    EXPECT_EQ(s.air->pollutants, (std::vector<std::string>{"NOx", "PM2.5", "CO2"}));
    EXPECT_FALSE(s.air->diffusivity_m2_s.has_value());
}

TEST(AirSection, ValuesAndStacks) {
    const sim::Scenario s = load(R"(air:
  step: 1 min
  cell: 0.1 km
  margin: 200 m
  pollutants: [NOx, PM10]
  limiter: minmod
  diffusivity: 12
  no2_fraction: 0.5
  background: {NO2: 14, PM10: 20}
  deposition: {PM10: 0.004 m/s}
  stacks:
    - {id: plant, x: 50 m, y: 100 m, height: 40 m, rate_g_per_s: {NOx: 3}}
)");
    const sim::AirSpec& a = *s.air;
    EXPECT_DOUBLE_EQ(a.step_s, 60.0);
    EXPECT_DOUBLE_EQ(a.cell_m, 100.0);
    EXPECT_DOUBLE_EQ(a.margin_m, 200.0);
    EXPECT_EQ(a.limiter, "minmod");
    EXPECT_DOUBLE_EQ(*a.diffusivity_m2_s, 12.0);
    EXPECT_DOUBLE_EQ(a.no2_fraction, 0.5);
    ASSERT_EQ(a.background_ug_m3.size(), 2u);
    EXPECT_EQ(a.background_ug_m3[0].first, "NO2");
    EXPECT_DOUBLE_EQ(a.deposition_m_s[0].second, 0.004);
    ASSERT_EQ(a.stacks.size(), 1u);
    EXPECT_EQ(a.stacks[0].id, "plant");
    EXPECT_DOUBLE_EQ(a.stacks[0].height_m, 40.0);
    EXPECT_DOUBLE_EQ(a.stacks[0].rate_kg_s[0].second, 3e-3);
}

TEST(AirSection, Errors) {
    EXPECT_EQ(error_of("air: {cell: -5 m}\n"), "a.yaml:8:13: air.cell: must be at least 1 m, got '-5 m'");
    EXPECT_EQ(error_of("air: {pollutants: [NOx, SO2]}\n"),
              "a.yaml:8:25: air.pollutants[1]: unknown pollutant 'SO2'; known: NOx, PM10, PM2.5, CO2 (NO2 is derived "
              "from NOx)");
    EXPECT_EQ(error_of("air: {step: 0.7 s}\n"),
              "a.yaml:8:13: air.step: the air step must be a whole number of traffic steps (0.5 s), got '0.7 s'");
    EXPECT_EQ(error_of("air: {limiter: superbee}\n"),
              "a.yaml:8:16: air.limiter: expected 'van_leer' or 'minmod', got 'superbee'");
    EXPECT_EQ(error_of("air: {pollutants: [CO2], background: {PM2.5: 8}}\n"),
              "a.yaml:8:39: air.background.PM2.5: 'PM2.5' is not among air.pollutants (CO2); NO2 may be given when NOx is "
              "carried");
    EXPECT_EQ(error_of("air:\n  stacks:\n    - {x: 0, y: 0, rate_g_per_s: {NOx: 1}, profile: [1, 2]}\n"),
              "a.yaml:10:53: air.stacks[0].profile: expected 24 hourly factors (local hours 0..23), got 2");
    EXPECT_EQ(error_of("air: {cel: 20 m}\n"), "a.yaml:8:7: air.cel: unknown key 'cel'; did you mean 'cell'?");
}

}  // namespace
}  // namespace citytwin::io
