// What the air setup refuses before any state is built: stacks whose mass per air step would
// overflow the fixed-point source buffer (such a release once wrapped to nothing and vanished
// without a word), and grids whose air step needs so many sub-steps that a run would not end.
#include <gtest/gtest.h>

#include <string>

#include "io/scenario/scenario_loader.hpp"
#include "sim/air/air_setup.hpp"
#include "sim/core/engine.hpp"

namespace citytwin {
namespace {

const std::string kScenario = R"(citytwin: 1
name: stacks
duration: 2 h
network:
  grid: {rows: 3, cols: 3, spacing: 200 m}
demand:
  generate: {trips: 10}
air: {pollutants: [NOx, CO2]}
)";

std::string setup_error(const std::vector<std::string>& overrides) {
    const sim::Scenario sc = io::load_scenario_text(kScenario, "s.yaml", overrides, ".");
    const sim::TrafficSetup traffic = sim::build_traffic_setup(sc);
    try {
        sim::build_air_setup(sc, traffic.net, static_cast<std::int64_t>(traffic.trips.size()));
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(StackMass, ReleasesBeyondTheSourceBufferAreRefused) {
    struct Row {
        std::vector<std::string> overrides;
        std::string expected;
    };
    const Row rows[] = {
        {{"air.step=3600 s", "air.stacks=[{id: plant, x: 200, y: 200, rate_g_per_s: {CO2: 1e6}}]"},
         "--set air.stacks=[{id: plant, x: 200, y: 200, rate_g_per_s: {CO2: 1e6}}]: air.stacks.plant.rate_g_per_s: the stacks "
         "release 3.6e+06 kg of CO2 per air step in one cell; at most 9.22e+05 kg fit (the source buffer's range); give a "
         "shorter air.step or smaller rates"},
        // Two stacks in one cell count together; the profile's peak hour counts.
        {{"air.step=600 s", "air.stacks=[{id: a, x: 200, y: 200, rate_g_per_s: {CO2: 8e5}}, {id: b, x: 201, y: 201, "
                            "rate_g_per_s: {CO2: 8e5}}]"},
         "air.stacks.b.rate_g_per_s: the stacks release 9.6e+05 kg of CO2 per air step in one cell"},
        {{"air.step=600 s", "air.stacks=[{id: p, x: 200, y: 200, rate_g_per_s: {CO2: 2e5}, profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, "
                            "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10]}]"},
         "air.stacks.p.rate_g_per_s: the stacks release 1.2e+06 kg of CO2 per air step in one cell"},
    };
    for (const Row& row : rows) {
        const std::string got = setup_error(row.overrides);
        EXPECT_NE(got.find(row.expected), std::string::npos) << got;
    }
    EXPECT_EQ(setup_error({"air.step=30 s", "air.stacks=[{id: plant, x: 200, y: 200, rate_g_per_s: {CO2: 1e6}}]"}),
              "(no error)");
}

TEST(AirSubsteps, GridsThatNeedTooManySubStepsAreRefused) {
    struct Row {
        std::vector<std::string> overrides;
        std::string expected;
    };
    const Row rows[] = {
        {{"air.cell=1", "air.diffusivity=10000"},
         "s.yaml:8:6: air.cell: an air step of 30 s on 1 m cells needs 1.33e+06 sub-steps (wind 3 m/s, diffusivity "
         "1e+04 m^2/s); at most 1000: use a larger air.cell or a shorter air.step"},
        // The strongest wind of a weather series counts.
        {{"air.cell=1", "air.step=3600 s", "weather.series=[{at: 0 s}, {at: 1 h, wind: {speed: 60 m/s}}]"},
         "air.cell: an air step of 3600 s on 1 m cells needs"},
    };
    for (const Row& row : rows) {
        const std::string got = setup_error(row.overrides);
        EXPECT_NE(got.find(row.expected), std::string::npos) << got;
    }
    EXPECT_EQ(setup_error({"air.cell=10"}), "(no error)");
}

}  // namespace
}  // namespace citytwin
