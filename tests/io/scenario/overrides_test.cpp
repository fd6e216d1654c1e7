// --set key.path=value: applied before validation, reported as "--set <text>" when wrong.
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/overrides.hpp"
#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {
namespace {

const std::string kData = CITYTWIN_SCENARIO_DATA;

std::string error_of(const std::string& path, const std::vector<std::string>& overrides) {
    try {
        load_scenario(path, overrides);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Overrides, ChangeExistingValues) {
    const sim::Scenario s = load_scenario(kData + "/grid.yaml",
                                          {"network.grid.rows=12", "network.grid.speed=30 km/h", "seed=9",
                                           "vehicle_types.car.share=0.2", "vehicle_types.van.share=0.8"});
    EXPECT_EQ(s.network.grid->rows, 12);
    EXPECT_DOUBLE_EQ(s.network.grid->speed_mps, 30.0 / 3.6);
    EXPECT_EQ(s.seed, 9u);
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].share, 0.2);
    EXPECT_EQ(s.overrides.size(), 5u);
    EXPECT_EQ(s.overrides[0], "network.grid.rows=12");
}

TEST(Overrides, BracketsSelectAListItemByItsId) {
    const sim::Scenario s = load_scenario(kData + "/inline.yaml",
                                          {"network.links[EC].speed=20 km/h", "network.nodes[S].y=-250 m",
                                           "network.signals[C].offset=7 s", "vehicle_types[car].share=1"});
    EXPECT_DOUBLE_EQ(s.network.links[2].speed_mps, 20.0 / 3.6);
    EXPECT_DOUBLE_EQ(s.network.nodes[3].y_m, -250.0);
    EXPECT_DOUBLE_EQ(s.network.signals[0].offset_s, 7.0);
}

TEST(Overrides, IdSelectorErrorsNameTheListAndItsIds) {
    const struct {
        const char* set;
        const char* expected;
    } rows[] = {
        {"network.links[XX].speed=1", "network.links has no item with id 'XX' (ids: WC, CW, EC, CE"},
        {"network.links[WC.speed=1", "'[' opens an id selector that is empty or not closed"},
        {"network.links[].speed=1", "'[' opens an id selector that is empty or not closed"},
        {"network.links[WC]x.speed=1", "expected '.' after the id selector [WC]"},
        {"network.links.x.speed=1", "select an item by its position or its id, as in network.links.0 or network.links[x]"},
    };
    for (const auto& r : rows) {
        const std::string e = error_of(kData + "/inline.yaml", {r.set});
        EXPECT_NE(e.find(r.expected), std::string::npos) << r.set << "\n" << e;
        EXPECT_NE(e.find(std::string("--set ") + r.set), std::string::npos) << e;
    }
}

TEST(Overrides, NumericSegmentIndexesASequence) {
    const sim::Scenario s = load_scenario(kData + "/inline.yaml",
                                          {"network.links.2.speed=30 km/h", "zones.list.0.rect=[0, 0, 10 m, 20 m]",
                                           "network.signals.0.phases.1.duration=5 s"});
    EXPECT_DOUBLE_EQ(s.network.links[2].speed_mps, 30.0 / 3.6);
    EXPECT_DOUBLE_EQ(s.zones.list[0].y_max_m, 20.0);
    EXPECT_DOUBLE_EQ(s.network.signals[0].phases[1].duration_s, 5.0);
}

TEST(Overrides, CreateMissingKeysAndLevels) {
    const sim::Scenario s = load_scenario(kData + "/minimal.yaml",
                                          {"traffic.step=1 s", "outputs.vehicles_every=10 s",
                                           "vehicle_types.truck={share: 1, length: 12 m}", "start=2026-12-24T18:00"});
    EXPECT_DOUBLE_EQ(s.traffic.step_s, 1.0);
    EXPECT_DOUBLE_EQ(s.outputs.vehicles_every_s, 10.0);
    ASSERT_EQ(s.vehicle_types.size(), 1u);
    EXPECT_EQ(s.vehicle_types[0].id, "truck");
    EXPECT_DOUBLE_EQ(s.vehicle_types[0].length_m, 12.0);
    EXPECT_EQ(s.start_day_of_year, 358);
    EXPECT_DOUBLE_EQ(s.start_seconds_of_day, 18 * 3600.0);
}

TEST(Overrides, LaterOverrideWins) {
    const sim::Scenario s = load_scenario(kData + "/minimal.yaml", {"seed=3", "seed=4"});
    EXPECT_EQ(s.seed, 4u);
}

TEST(Overrides, ReplaceAWholeSection) {
    const sim::Scenario s = load_scenario(kData + "/minimal.yaml", {"demand.generate={trips_per_person: 2}"});
    EXPECT_DOUBLE_EQ(s.demand.generate->trips_per_person, 2.0);
    EXPECT_DOUBLE_EQ(s.demand.generate->trips, 0.0);
}

TEST(Overrides, SourceTextHoldsTheEffectiveScenario) {
    const sim::Scenario s = load_scenario(kData + "/inline.yaml", {"network.links.0.lanes=3"});
    EXPECT_NE(s.source_text.find("#   --set network.links.0.lanes=3"), std::string::npos);
    // Reloading the recorded text gives the overridden scenario without the override.
    const sim::Scenario again = load_scenario_text(s.source_text, "again.yaml", {}, kData);
    EXPECT_EQ(again.network.links[0].lanes, 3);
    EXPECT_EQ(again.network.signals.size(), 1u);
    EXPECT_EQ(again.demand.trips.size(), s.demand.trips.size());
    EXPECT_DOUBLE_EQ(again.vehicle_types[1].kwh_per_km, s.vehicle_types[1].kwh_per_km);
}

TEST(Overrides, InvalidValueIsReportedAgainstTheOverride) {
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"network.grid.rows=0"}),
              "--set network.grid.rows=0: network.grid.rows: must be at least 2, got 0");
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"network.grid.speed=fast"}),
              "--set network.grid.speed=fast: network.grid.speed: expected a speed such as '50 km/h' (or a "
              "plain number in m/s), got 'fast'");
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"vehicle_types.car={share: x}"}),
              "--set vehicle_types.car={share: x}: vehicle_types.car.share: expected a number, got 'x'");
}

TEST(Overrides, CreatedUnknownKeyIsReportedAgainstTheOverride) {
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"network.grid.spaceing=10 m"}),
              "--set network.grid.spaceing=10 m: network.grid.spaceing: unknown key 'spaceing'; did you mean "
              "'spacing'?");
    // A created level missing its required keys points at the override too.
    EXPECT_EQ(error_of(kData + "/inline.yaml", {"network.grid.rows=3"}),
              "--set network.grid.rows=3: network.grid: give either 'grid' or 'nodes' and 'links', not both");
}

TEST(Overrides, MalformedOverrides) {
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"network.grid.rows"}),
              "--set network.grid.rows: expected key.path=value (for example network.grid.rows=12), got "
              "'network.grid.rows'");
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"=3"}),
              "--set =3: the key path before '=' is empty (expected key.path=value)");
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"network..rows=3"}),
              "--set network..rows=3: network..rows: the key path has an empty part (expected names separated "
              "by single dots)");
    EXPECT_NE(error_of(kData + "/grid.yaml", {"network.grid.rows=[1, 2"}).find(
                  "--set network.grid.rows=[1, 2: network.grid.rows: cannot read the value '[1, 2' as YAML"),
              std::string::npos);
}

TEST(Overrides, PathsThatDoNotFitTheTree) {
    EXPECT_EQ(error_of(kData + "/inline.yaml", {"network.links.9.speed=3"}),
              "--set network.links.9.speed=3: network.links.9: index 9 is past the end of network.links (6 "
              "items, counted from 0)");
    EXPECT_EQ(error_of(kData + "/inline.yaml", {"network.links.WC.speed=3"}),
              "--set network.links.WC.speed=3: network.links: network.links is a list; select an item by its "
              "position or its id, as in network.links.0 or network.links[WC]");
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"name.first=x"}),
              "--set name.first=x: name: name is a single value, so it has no key 'first'");
}

TEST(Overrides, ParseSplitsPathAndValue) {
    const Override o = parse_override(" a . b.0 =x=y");
    EXPECT_EQ(o.path, (std::vector<std::string>{"a", "b", "0"}));
    EXPECT_EQ(o.value, "x=y");
}

TEST(Overrides, EmptyValueIsAMissingValue) {
    EXPECT_EQ(error_of(kData + "/grid.yaml", {"network.grid.rows="}),
              "--set network.grid.rows=: network.grid.rows: missing value (expected a whole number)");
}

}  // namespace
}  // namespace citytwin::io
