// The power section of a scenario: what it reads, and each documented error with its place.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"
#include "sim/power/power_setup.hpp"
#include "sim/traffic/traffic_setup.hpp"
#include "tests/sim/power/power_test_data.hpp"

namespace citytwin {
namespace {

// Lines numbered for the errors below; the grid spans 0..200 m.
const std::string kBase = R"(citytwin: 1
name: p
duration: 1 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
zones:
  list:
    - {id: west, rect: [0, 0, 100, 201], population: 800, jobs: 100}
    - {id: east, rect: [100, 0, 201, 201], population: 200, jobs: 900}
demand:
  generate: {trips: 10}
)";

const std::string kListed = kBase + R"(power:
  feeders:
    - {id: f, base: 12.66 kV, branches: ieee33_bw.csv, transformer_kva: 5000}
  supply:
    - {zone: west, feeder: f, bus: 18}
    - {zone: east, feeder: f, bus: 25, pv_kwp: 40}
  loads: {industrial_share: 0.5}
)";

sim::Scenario load(const std::string& text) {
    return io::load_scenario_text(text, "p.yaml", {}, std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/power");
}

sim::PowerSetup setup_of(const std::string& text) {
    const sim::Scenario sc = load(text);
    return sim::build_power_setup(sc, sim::build_road_network(sc.traffic, sc.network));
}

std::string error_of(const std::string& text) {
    try {
        setup_of(text);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

std::string edit(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

TEST(PowerScenario, ListedFeederSuppliesTheZonesAtTheirBuses) {
    const sim::Scenario sc = load(kListed);
    ASSERT_TRUE(sc.power);
    EXPECT_DOUBLE_EQ(sc.power->step_s, 300.0);
    EXPECT_DOUBLE_EQ(sc.power->feeders[0].base_kv, 12.66);
    const sim::PowerSetup s = setup_of(kListed);
    ASSERT_EQ(s.feeders.size(), 1u);
    const std::int32_t b18 = s.feeders[0].index_of("18"), b25 = s.feeders[0].index_of("25");
    EXPECT_DOUBLE_EQ(s.demand.residents[b18], 800.0);
    EXPECT_DOUBLE_EQ(s.demand.commercial_jobs[b25], 450.0);
    EXPECT_DOUBLE_EQ(s.demand.industrial_jobs[b25], 450.0);
    EXPECT_DOUBLE_EQ(s.demand.pv_kwp[b25], 40.0);
    EXPECT_DOUBLE_EQ(s.demand.fixed_p_kw[b18], 90.0);  // the branch table's own load stays
    EXPECT_EQ(s.bus_zones[b18], "west");
    // Every road link charges at the bus of its zone.
    for (std::int32_t b : s.link_bus) EXPECT_TRUE(b == b18 || b == b25) << b;
}

TEST(PowerScenario, GeneratedFeedersOnePerDistrictAsATree) {
    const std::string text = kBase + "power:\n  generate: {districts: 2x1, base: 10 kV}\n";
    const sim::PowerSetup s = setup_of(text);
    ASSERT_EQ(s.feeders.size(), 2u);
    for (const sim::Feeder& f : s.feeders) {
        EXPECT_EQ(f.bus_id[0], "substation");
        EXPECT_EQ(f.buses(), 2);
        EXPECT_DOUBLE_EQ(f.base_kv, 10.0);
        EXPECT_GT(f.r_ohm[1], 0.0);
    }
    EXPECT_EQ(s.feeders[0].bus_id[1], "west");
    EXPECT_EQ(s.feeders[1].bus_id[1], "east");
}

TEST(PowerScenario, UnknownBusZoneOrFeederIsAnErrorAtTheSupplyEntry) {
    const std::string bus = error_of(edit(kListed, "bus: 25", "bus: 99"));
    EXPECT_NE(bus.find("p.yaml:17:7: power.supply: no bus '99' in feeder 'f' (buses: 1, 2,"), std::string::npos) << bus;
    const std::string zone = error_of(edit(kListed, "zone: east", "zone: eats"));
    EXPECT_NE(zone.find("p.yaml:17:7: power.supply: no zone 'eats' (zones: west, east)"), std::string::npos) << zone;
    const std::string feeder = error_of(edit(kListed, "{zone: east, feeder: f", "{zone: east, feeder: g"));
    EXPECT_NE(feeder.find("no feeder 'g' (feeders: f)"), std::string::npos) << feeder;
    const std::string twice = error_of(edit(kListed, "zone: east", "zone: west"));
    EXPECT_NE(twice.find("zone 'west' is already supplied (p.yaml:16:7)"), std::string::npos) << twice;
    const std::string missing = error_of(edit(kListed, "    - {zone: east, feeder: f, bus: 25, pv_kwp: 40}\n", ""));
    EXPECT_NE(missing.find("zone 'east' is supplied by no bus"), std::string::npos) << missing;
}

TEST(PowerScenario, SectionErrorsNameTheKey) {
    const std::string both = error_of(kListed + "  generate: {districts: 2x2}\n");
    EXPECT_NE(both.find("give either 'feeders' (with 'supply') or 'generate', not both"), std::string::npos) << both;
    const std::string none = error_of(kBase + "power:\n  step: 5 min\n");
    EXPECT_NE(none.find("p.yaml:13:3: power: the power section needs 'feeders'"), std::string::npos) << none;
    const std::string file = error_of(edit(kListed, "ieee33_bw.csv", "meshed.csv"));
    EXPECT_NE(file.find("meshed.csv:6: power.feeders[0]: the feeder is meshed"), std::string::npos) << file;
    const std::string kv = error_of(edit(kListed, "base: 12.66 kV", "base: 12.66 km"));
    EXPECT_NE(kv.find("power.feeders[0].base"), std::string::npos) << kv;
    const std::string districts = error_of(kBase + "power:\n  generate: {districts: 0x2}\n");
    EXPECT_NE(districts.find("power.generate.districts"), std::string::npos) << districts;
    const std::string points = error_of(edit(kListed, "{industrial_share: 0.5}", "{heating_below: 25 °C}"));
    EXPECT_NE(points.find("must not lie above the cooling change point"), std::string::npos) << points;
    const std::string typo = error_of(edit(kListed, "industrial_share", "industrial_shares"));
    EXPECT_NE(typo.find("did you mean 'industrial_share'"), std::string::npos) << typo;
}

// A grid that cannot carry its load: each such solve is flagged, counted and named.
TEST(PowerScenario, OverloadedFeederIsCountedAndNamedNotHidden) {
    const std::string text = edit(edit(kListed, "population: 800, jobs: 100", "population: 90000, jobs: 100"),
                                  "duration: 1 h", "duration: 10 min");
    const sim::Scenario sc = load(text);
    sim::Engine engine(sc, sim::choose_device("cpu", 1));
    struct Quiet final : sim::RunSink {
        void links(sim::LinkSeriesFrame&&) override {}
        void vehicles(sim::VehicleFrame&&) override {}
        void trips(std::vector<sim::TripRow>&&) override {}
        void power(sim::PowerFrame&& f) override { converged.push_back(f.converged[0]); }
        std::vector<int> converged;
    } sink;
    std::ostringstream quiet;
    sim::ProgressReporter progress(quiet, sim::ProgressReporter::Mode::Off);
    const auto kpis = engine.run(sink, progress);
    ASSERT_EQ(sink.converged, (std::vector<int>{0, 0}));
    double non_converged = -1, v_min = 0;
    for (const auto& k : kpis) {
        if (k.name == "power_non_converged") non_converged = k.value;
        if (k.name == "power_v_min_pu") v_min = k.value;
    }
    EXPECT_EQ(non_converged, 2.0);
    EXPECT_TRUE(std::isnan(v_min)) << "no converged solve, so no voltage to report";
    ASSERT_EQ(engine.power()->warnings().size(), 2u);
    EXPECT_NE(engine.power()->warnings()[0].find("feeder f, power step ending at 300 s: the sweep did not converge"),
              std::string::npos)
        << engine.power()->warnings()[0];
}

}  // namespace
}  // namespace citytwin
