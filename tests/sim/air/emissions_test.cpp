// Vehicle emissions through the engine: a trip's emitted mass is the integral of its rate,
// electric cars emit no exhaust, runs are identical for any thread count, and bad setups are
// clear errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/scenario/scenario_loader.hpp"
#include "kernels/air/hbefa3.hpp"
#include "sim/air/emission_classes.hpp"
#include "sim/core/engine.hpp"

namespace citytwin {
namespace {

// A straight road of three 400 m links; one petrol car and one electric car.
const std::string kRoad = R"(citytwin: 1
name: road
duration: 150 s
network:
  nodes:
    - {id: A, x: 0, y: 0}
    - {id: B, x: 400, y: 0}
    - {id: C, x: 800, y: 0}
    - {id: D, x: 1200, y: 0}
  links:
    - {id: AB, from: A, to: B, speed: 50 km/h}
    - {id: BC, from: B, to: C, speed: 50 km/h}
    - {id: CD, from: C, to: D, speed: 50 km/h}
vehicle_types:
  car: {share: 0.5, emission_class: PC_D_EU6}
  ev: {share: 0.5, ev: true, battery: 50 kWh, consumption: 0.15 kWh/km}
demand:
  trips: trips.csv
weather: {wind: {speed: 2 m/s, from: W}, stability: C, mixing_height: 400 m}
air: {step: 10 s, cell: 25 m, margin: 100 m, pollutants: [NOx, PM10, PM2.5, CO2]}
)";

class CollectingSink final : public sim::RunSink {
public:
    void links(sim::LinkSeriesFrame&&) override {}
    void vehicles(sim::VehicleFrame&&) override {}
    void trips(std::vector<sim::TripRow>&& rows) override { all.insert(all.end(), rows.begin(), rows.end()); }
    void air(sim::AirFrame&& f) override { frames.push_back(std::move(f)); }
    std::vector<sim::TripRow> all;
    std::vector<sim::AirFrame> frames;
};

// Each test its own folder: CTest runs the tests of this file side by side.
std::string test_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path dir =
        std::filesystem::path(::testing::TempDir()) / "air_road" / (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::create_directories(dir);
    return dir.string();
}

sim::Scenario road(const std::string& extra = "") {
    const std::string dir = test_dir();
    std::ofstream(dir + "/trips.csv") << "depart,from,to,type\n0,AB,CD,car\n5,AB,CD,ev\n";
    return io::load_scenario_text(kRoad + extra, "road.yaml", {}, dir);
}

TEST(AirEmissions, TripMassIsTheIntegralOfTheRateAndEvsHaveNoExhaust) {
    const sim::Scenario sc = road();
    sim::Engine engine(sc, sim::choose_device("cpu", 1));
    const float* co2 = sim::emission_classes()[sim::find_emission_class("PC_D_EU6")].coef[kernels::kExhaustCO2].data();
    const float* nox = sim::emission_classes()[sim::find_emission_class("PC_D_EU6")].coef[kernels::kExhaustNOx].data();
    const double dt = sc.traffic.step_s;
    double co2_kg = 0.0, nox_kg = 0.0, dist = 0.0;
    float v_prev = engine.traffic().snapshot().speed[0];
    while (engine.steps_done() < engine.total_steps()) {
        engine.step();
        const sim::VehicleSnapshot s = engine.traffic().snapshot();
        if (s.status[0] == 2) {  // running: the rate at the step's mean speed and its acceleration
            const double v0 = v_prev, v1 = s.speed[0];
            const double vm = 0.5 * (v0 + v1), a = (v1 - v0) / dt;
            co2_kg += kernels::hbefa3_mg_per_s(co2, vm, a) * 1e-6 * dt;
            nox_kg += kernels::hbefa3_mg_per_s(nox, vm, a) * 1e-6 * dt;
            dist += vm * dt;
        }
        v_prev = s.speed[0];
    }
    ASSERT_GT(dist, 1000.0);
    const std::vector<double> tot = engine.air()->backend().vehicle_totals();
    const std::size_t n = 2;
    EXPECT_NEAR(tot[kernels::kEmitCO2 * n + 0], co2_kg, 1e-9 * co2_kg);
    EXPECT_NEAR(tot[kernels::kEmitNOx * n + 0], nox_kg, 1e-9 * nox_kg);
    EXPECT_NEAR(tot[kernels::kEmitPM10NonExhaust * n + 0], 7.5e-9 * dist, 1e-6 * 7.5e-9 * dist);
    // The electric car: tyre, brake and road wear, no exhaust.
    EXPECT_EQ(tot[kernels::kEmitCO2 * n + 1], 0.0);
    EXPECT_EQ(tot[kernels::kEmitNOx * n + 1], 0.0);
    EXPECT_EQ(tot[kernels::kEmitPMExhaust * n + 1], 0.0);
    EXPECT_GT(tot[kernels::kEmitPM25NonExhaust * n + 1], 0.0);
}

TEST(AirEmissions, TripRowsAndBudgetThroughARun) {
    const sim::Scenario sc = road();
    sim::Engine engine(sc, sim::choose_device("cpu", 2));
    CollectingSink sink;
    std::ostringstream quiet;
    sim::ProgressReporter progress(quiet, sim::ProgressReporter::Mode::Off);
    const std::vector<sim::Kpi> kpis = engine.run(sink, progress);
    ASSERT_EQ(sink.all.size(), 2u);
    for (const sim::TripRow& r : sink.all) {
        if (r.type == 0) {
            EXPECT_GT(r.co2_g, 100.0f);   // ~1 km in a diesel car
            EXPECT_GT(r.nox_g, 0.0f);
        } else {
            EXPECT_EQ(r.co2_g, 0.0f);
            EXPECT_EQ(r.nox_g, 0.0f);
        }
        EXPECT_GT(r.pm10_g, r.pm25_g);
    }
    auto kpi = [&](const std::string& name) {
        for (const auto& k : kpis)
            if (k.name == name) return k.value;
        ADD_FAILURE() << "no KPI " << name;
        return 0.0;
    };
    for (const char* p : {"NOx", "PM10", "PM2.5", "CO2"}) {
        const std::string b = std::string("air_budget_kg:") + p + ":";
        const double emitted = kpi(b + "emitted");
        EXPECT_GT(emitted, 0.0) << p;
        EXPECT_NEAR(kpi(b + "in_grid") + kpi(b + "outflow") + kpi(b + "removed"), emitted, 1e-6 * emitted) << p;
    }
    // Everything emitted came from the two vehicles.
    EXPECT_NEAR(kpi("air_budget_kg:CO2:emitted"), kpi("air_vehicle_emitted_kg:car:CO2"), 1e-6 * kpi("air_budget_kg:CO2:emitted"));
    ASSERT_FALSE(sink.frames.empty());
    EXPECT_EQ(sink.frames[0].concentration[1].name, "NO2");
}

TEST(AirEmissions, SameResultsForOneAndTwoThreads) {
    const sim::Scenario sc = road();
    std::vector<std::vector<float>> fields;
    std::vector<std::vector<double>> totals;
    for (int threads : {1, 2}) {
        sim::Engine engine(sc, sim::choose_device("cpu", threads));
        while (engine.steps_done() < engine.total_steps()) engine.step();
        fields.push_back(engine.air()->backend().field(0));
        totals.push_back(engine.air()->backend().vehicle_totals());
        const sim::AirBudget b = engine.air()->backend().budget();
        totals.back().insert(totals.back().end(), b.outflow.begin(), b.outflow.end());
    }
    EXPECT_EQ(fields[0], fields[1]);
    EXPECT_EQ(totals[0], totals[1]);
}

TEST(AirErrors, UnknownEmissionClassNamesTheTypeAndTheKnownClasses) {
    sim::Scenario sc = road();
    sc.vehicle_types[0].emission_class = "PC_G_EU7";
    try {
        sim::Engine engine(sc, sim::choose_device("cpu", 1));
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("road.yaml:"), std::string::npos) << what;
        EXPECT_NE(what.find("vehicle_types.car.emission_class: unknown emission class 'PC_G_EU7'; known HBEFA3 classes: "
                            "zero, PC_G_EU3, PC_G_EU4"),
                  std::string::npos)
            << what;
    }
}

TEST(AirErrors, GridTooLargeForTheDeviceNamesTheCell) {
    sim::Scenario sc = road();
    sc.air->cell_m = 0.05;
    sim::DeviceChoice small = sim::choose_device("cpu", 1);
    small.memory_available = std::size_t{1} << 30;
    try {
        sim::Engine engine(sc, small);
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("air.cell: the air grid of 28000 x 4000 cells and 4 pollutants needs about"), std::string::npos)
            << what;
        EXPECT_NE(what.find("use a larger air.cell"), std::string::npos) << what;
    }
}

TEST(AirErrors, NegativeCellSizeAndBadStabilityClass) {
    EXPECT_THROW(sim::make_air_grid(0, 0, 100, 100, -5.0, 0, {"x.yaml", 3, 4}), sim::ScenarioError);
    try {
        sim::make_air_grid(0, 0, 100, 100, -5.0, 0, {"x.yaml", 3, 4});
    } catch (const sim::ScenarioError& e) {
        EXPECT_STREQ(e.what(), "x.yaml:3:4: air.cell: the cell size must be greater than 0, got -5 m");
    }
    sim::AirSetup s;
    s.pollutants = {"NOx"};
    s.decay_per_s = {0.0};
    s.deposition_m_s = {0.0};
    sim::WeatherState w;
    w.stability = static_cast<sim::Stability>(9);
    EXPECT_THROW(sim::transport_from_weather(w, s), sim::ScenarioError);
    // In a scenario file the weather section rejects it with the file position.
    try {
        road("");  // writes the trip file
        io::load_scenario_text(kRoad, "road.yaml", {"weather.stability=G"}, test_dir());
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("weather.stability: expected a Pasquill-Gifford stability class"),
                  std::string::npos)
            << e.what();
    }
}

TEST(AirStability, DiffusivityGrowsFromStableToUnstable) {
    double prev = 1e300;
    for (auto s : {sim::Stability::A, sim::Stability::C, sim::Stability::D, sim::Stability::F}) {
        const double k = sim::diffusivity_from_stability(s, 3.0);
        EXPECT_LT(k, prev);
        prev = k;
    }
    // D at 3 m/s: (3/2)·0.16²·1000·2.4/1.4² = 47.0 m²/s
    EXPECT_NEAR(sim::diffusivity_from_stability(sim::Stability::D, 3.0), 1.5 * 0.0256 * 1000 * 2.4 / 1.96, 1e-9);
}

}  // namespace
}  // namespace citytwin
