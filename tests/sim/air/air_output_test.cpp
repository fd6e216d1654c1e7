// The air model's records in a run file: /air fields with units and dimension sizes, the trip
// emission columns, and the nested air KPIs of `citytwin info --json`.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "../../io/output/test_h5_read.hpp"
#include "../traffic/run_to_file.hpp"
#include "io/output/run_compare.hpp"
#include "io/output/run_reader.hpp"
#include "io/scenario/scenario_loader.hpp"

namespace citytwin {
namespace {

const std::string kScenario = R"(citytwin: 1
name: air-out
duration: 10 min
network:
  grid: {rows: 3, cols: 3, spacing: 200 m}
zones:
  generate: {blocks: 2x2, population: 5000, jobs: 2000}
vehicle_types:
  car: {share: 0.8, emission_class: PC_G_EU6}
  bus: {share: 0.2, emission_class: Bus, length: 12 m}
demand:
  generate: {trips: 300, profile: flat}
weather: {wind: {speed: 3 m/s, from: S}, stability: B}
air: {cell: 40 m, margin: 200 m, pollutants: [NOx, PM2.5], background: {NO2: 9}}
outputs: {every: 2 min}
)";

// A field that stops being finite ends the run with an error naming the air model and the
// time, never a file of NaN KPIs. The loader's ranges keep a scenario from getting there; a
// scenario built in code with a background that is not a number does.
TEST(AirOutput, AFieldThatIsNotFiniteEndsTheRunNamingTheDomain) {
    sim::Scenario sc = io::load_scenario_text(kScenario, "air-out.yaml", {}, ".");
    sc.air->background_ug_m3.emplace_back("PM2.5", std::nan(""));
    const std::string path = ::testing::TempDir() + "/air_nan.h5";
    try {
        test::run_to_file(sc, "cpu", 2, path);
        FAIL() << "expected the run to stop";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("air: at t = 120 s the ", 0), 0u) << what;
        EXPECT_NE(what.find("field is not finite (NaN or infinite)"), std::string::npos) << what;
    }
}

TEST(AirOutput, FieldsTripColumnsAndNestedKpis) {
    const sim::Scenario sc = io::load_scenario_text(kScenario, "air-out.yaml", {}, ".");
    const std::string path = ::testing::TempDir() + "/air_out.h5";
    test::run_to_file(sc, "cpu", 2, path);
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    // 400 m network + 2 × 200 m margin in 40 m cells: 20 × 20; 5 frames of 2 min.
    EXPECT_EQ(io::test::shape_of(f, "/air/concentration/NO2"), (std::vector<hsize_t>{5, 20, 20}));
    EXPECT_EQ(io::test::shape_of(f, "/air/emission/PM2.5"), (std::vector<hsize_t>{5, 20, 20}));
    EXPECT_EQ(io::test::shape_of(f, "/air/x"), (std::vector<hsize_t>{20}));
    const std::vector<double> x = io::test::read_doubles(f, "/air/x");
    EXPECT_DOUBLE_EQ(x[0], -180.0);  // centre of the first cell
    const hid_t no2 = H5Dopen2(f, "/air/concentration/NO2", H5P_DEFAULT);
    EXPECT_EQ(io::test::string_attribute(no2, "units"), "ug m-3");
    EXPECT_FALSE(io::test::string_attribute(no2, "long_name").empty());
    H5Dclose(no2);
    const std::vector<double> c = io::test::read_doubles(f, "/air/concentration/NO2");
    for (double v : c) ASSERT_GE(v, 9.0);  // background included, never below it
    const std::vector<double> co2 = io::test::read_doubles(f, "/traffic/trips/co2");
    const std::vector<double> type = io::test::read_doubles(f, "/traffic/trips/type");
    const std::vector<double> insert = io::test::read_doubles(f, "/traffic/trips/insert");
    ASSERT_EQ(co2.size(), type.size());
    int emitted = 0;
    for (std::size_t i = 0; i < co2.size(); ++i) {
        ASSERT_FALSE(std::isnan(co2[i]));
        if (insert[i] >= 0 && co2[i] > 0) ++emitted;
    }
    EXPECT_GT(emitted, 100);
    H5Fclose(f);

    const std::string json = io::format_info_json(io::read_run_summary(path));
    EXPECT_NE(json.find("\"air_budget_kg\":{\"NOx\":{\"emitted\":"), std::string::npos) << json;
    EXPECT_NE(json.find("\"air_vehicle_emitted_kg\":{\"car\":{\"CO2\":"), std::string::npos) << json;
    EXPECT_EQ(json.find("\"air_budget_kg:"), std::string::npos) << "flat names must not appear in JSON";
}

// A busy grid with the air model on enough cells and vehicles for the parallel paths: the
// whole file, /air included, is the same bit for bit with one and two threads.
TEST(AirOutput, SameFileForOneAndTwoThreads) {
    sim::Scenario sc = test::busy_grid(600, 5000);
    sim::AirSpec air;
    air.cell_m = 20.0;
    air.margin_m = 200.0;
    air.pollutants = {"NOx", "PM10", "PM2.5", "CO2"};
    air.stacks.push_back(sim::StackSpec{"s", 300.0, 400.0, 20.0, {{"NOx", 2e-3}}, {}, {}});
    sc.air = air;
    sc.weather.samples.front().state.wind_from_rad = 3.9;
    const std::string a = ::testing::TempDir() + "/air_t1.h5", b = ::testing::TempDir() + "/air_t2.h5";
    const auto kpis = test::run_to_file(sc, "cpu", 1, a);
    test::run_to_file(sc, "cpu", 2, b);
    ASSERT_GT(test::kpi(kpis, "air_budget_kg:CO2:emitted"), 10.0);
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
}

}  // namespace
}  // namespace citytwin
