// A result that stops being a number ends the run with an error naming the domain and the step,
// exit status 1 as `citytwin run` gives it (docs/reliability.md §3). The loader's physical
// ranges keep every scenario file from getting there, so each row builds its scenario in code
// with one value the loader would refuse.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "io/scenario/scenario_loader.hpp"
#include "sim/cli/exit_status.hpp"
#include "tests/sim/traffic/run_to_file.hpp"

namespace citytwin {
namespace {

const std::string kTown = R"(citytwin: 1
name: not-finite
start: 2026-07-15T17:00
duration: 10 min
network:
  grid: {rows: 3, cols: 3, spacing: 200 m}
zones:
  generate: {blocks: 2x2, population: 5000, jobs: 2000}
vehicle_types:
  car: {share: 0.7}
  ev: {share: 0.3, ev: true, battery: 50 kWh, consumption: 0.2 kWh/km, charger: 7.2 kW}
demand:
  generate: {trips: 300, profile: flat}
outputs: {every: 2 min, vehicles_every: 1 min}
)";

// Two junctions and a straight road, zones on its links: nothing is generated from coordinates.
const std::string kRoad = R"(citytwin: 1
name: not-finite
start: 2026-07-15T17:00
duration: 10 min
network:
  nodes:
    - {id: W, x: 0, y: 0}
    - {id: E, x: 600 m, y: 0}
  links:
    - {id: WE, from: W, to: E, length: 600 m}
    - {id: EW, from: E, to: W, length: 600 m}
zones:
  list:
    - {id: west, rect: [-10 m, -10 m, 10 m, 10 m], population: 1000, jobs: 1000, links: [WE]}
    - {id: east, rect: [590 m, -10 m, 610 m, 10 m], population: 1000, jobs: 1000, links: [EW]}
demand:
  generate: {trips: 100, profile: flat}
outputs: {every: 2 min, vehicles_every: 1 min}
)";

struct NonFiniteRow {
    std::string name;
    std::string extra_yaml;                      // appended to base
    std::function<void(sim::Scenario&)> spoil;   // the value the loader would refuse
    std::string message;                         // the start of the error, after "citytwin: error: "
    std::string base = kTown;
};
void PrintTo(const NonFiniteRow& row, std::ostream* os) { *os << row.name; }
std::string row_name(const ::testing::TestParamInfo<NonFiniteRow>& info) { return info.param.name; }

// The car-following kernels clamp a NaN or infinite acceleration, length, gap, headway or speed
// limit, so the traffic row reaches the vehicle check through geometry: junctions so far apart
// that the road between them is longer than a double can say, while the model drives the
// length the file gives.
const NonFiniteRow kRows[] = {
    {"AirField", "weather: {wind: {speed: 3 m/s, from: S}, stability: B}\nair: {cell: 40 m, margin: 200 m, pollutants: [NOx]}\n",
     [](sim::Scenario& sc) { sc.air->background_ug_m3.emplace_back("NOx", std::nan("")); }, "air: at t = 120 s the NOx nitrogen oxides"},
    {"PowerFeederSolution", "power:\n  generate: {districts: 2x1}\n",
     [](sim::Scenario& sc) { sc.power->loads.residential_kw_per_person = std::nan(""); }, "power: feeder d0_0, power step 1 (ending at 300 s): the solution is not finite"},
    {"TrafficVehiclePosition", "",
     [](sim::Scenario& sc) {
         sc.network.nodes[0].x_m = -1e308;
         sc.network.nodes[1].x_m = 1e308;
     },
     "traffic: at step 120 (t = 60 s) the position or speed of the vehicle of trip", kRoad},
};

class NonFiniteResults : public ::testing::TestWithParam<NonFiniteRow> {};

TEST_P(NonFiniteResults, EndTheRunNamingTheDomainAndStep) {
    const NonFiniteRow& row = GetParam();
    sim::Scenario sc = io::load_scenario_text(row.base + row.extra_yaml, "not-finite.yaml", {}, ".");
    row.spoil(sc);
    const std::string path = ::testing::TempDir() + "/not_finite_" + row.name + ".h5";
    ::testing::internal::CaptureStderr();
    const int status = cli::exit_status_of([&] {
        test::run_to_file(sc, "cpu", 2, path);
        return 0;
    });
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(status, 1) << err;
    EXPECT_EQ(err.rfind("citytwin: error: " + row.message, 0), 0u) << err;
    EXPECT_NE(err.find("is not finite (NaN or infinite)"), std::string::npos) << err;
}

INSTANTIATE_TEST_SUITE_P(Runs, NonFiniteResults, ::testing::ValuesIn(kRows), row_name);

}  // namespace
}  // namespace citytwin
