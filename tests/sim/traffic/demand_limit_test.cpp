// Generated demand beyond the trip limit (sim/core/scenario_limits.hpp) is refused by the
// generator, where trips_per_person x population becomes a count, before the trip table is
// reserved: a located error within a second, never std::bad_alloc.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"

namespace citytwin {
namespace {

const std::string kBase = R"(citytwin: 1
name: b
duration: 1 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
demand:
  generate: {trips: 10}
)";

TEST(DemandLimit, GeneratedTripsBeyondTheLimitAreRefusedBeforeTheyAreMade) {
    const sim::Scenario sc = io::load_scenario_text(
        kBase, "b.yaml",
        {"zones.generate={blocks: 1x1, population: 1e8, jobs: 1e6}", "demand.generate={trips_per_person: 50, profile: flat}",
         "duration=31 d"},
        ".");
    const auto t0 = std::chrono::steady_clock::now();
    try {
        sim::build_traffic_setup(sc);
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("--set demand.generate={trips_per_person: 50, profile: flat}: demand.generate.trips_per_person: "
                             "trips_per_person x population gives ", 0),
                  0u)
            << what;
        EXPECT_NE(what.find("a run may have at most 20000000"), std::string::npos) << what;
    }
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0);
}

}  // namespace
}  // namespace citytwin
