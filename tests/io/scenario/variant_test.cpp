// Variant files (docs/scenario-format.md §17): `base:` and only what differs, merged map by
// map, list items by id, interventions appended; errors located in the file they are in.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {
namespace {

namespace fs = std::filesystem;

fs::path dir(const std::string& name) {
    const fs::path d = fs::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "variants" / name;
    fs::create_directories(d);
    return d;
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string error_of(const fs::path& p) {
    try {
        load_scenario(p.string());
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

const char* kBase = R"(citytwin: 1
name: base
seed: 4
duration: 1 h
network:
  nodes:
    - {id: W, x: 0, y: 0}
    - {id: E, x: 500 m, y: 0}
  links:
    - {id: WE, from: W, to: E, lanes: 2, speed: 50 km/h}
    - {id: EW, from: E, to: W}
vehicle_types:
  car: {share: 0.8}
  van: {share: 0.2, length: 7 m}
demand:
  trips: trips.csv
interventions:
  - {id: one, at: 10 min, close: {links: [WE]}}
)";

TEST(Variants, MergeMapsKeyByKeyListItemsByIdAndAppendInterventions) {
    const fs::path d = dir("merge");
    write(d / "base.yaml", kBase);
    write(d / "trips.csv", "depart,from,to\n0,WE,WE\n60,EW,EW\n");
    write(d / "v.yaml", R"(base: base.yaml
name: variant
network:
  links:
    - {id: EW, from: E, to: W, speed: 30 km/h}
    - {id: WW, from: W, to: E}
vehicle_types:
  van: {share: 0.5}
interventions:
  - {id: two, at: 20 min, speed_limit: {links: [EW], speed: 20 km/h}}
)");
    const sim::Scenario s = load_scenario((d / "v.yaml").string());
    EXPECT_EQ(s.name, "variant");
    EXPECT_EQ(s.seed, 4u) << "kept from the base";
    ASSERT_EQ(s.network.links.size(), 3u);
    EXPECT_EQ(s.network.links[0].id, "WE");
    EXPECT_EQ(s.network.links[0].lanes, 2) << "an item the variant does not name stays";
    EXPECT_DOUBLE_EQ(s.network.links[1].speed_mps, 30.0 / 3.6) << "an item with the same id is replaced";
    EXPECT_EQ(s.network.links[2].id, "WW") << "a new id is added";
    ASSERT_EQ(s.vehicle_types.size(), 2u);
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].share, 0.5 / 1.3) << "shares are normalised after the merge";
    EXPECT_DOUBLE_EQ(s.vehicle_types[1].length_m, 7.0) << "maps merge key by key";
    ASSERT_EQ(s.interventions.size(), 2u);
    EXPECT_EQ(s.interventions[0].id, "one");
    EXPECT_EQ(s.interventions[1].id, "two");
    ASSERT_EQ(s.base_files.size(), 1u);
    EXPECT_NE(s.source_text.find("merged over its base"), std::string::npos) << s.source_text;
    EXPECT_NE(s.source_text.find("variant"), std::string::npos);
    EXPECT_NE(std::find(s.input_files.begin(), s.input_files.end(), s.base_files[0]), s.input_files.end())
        << "the base is an input a checkpoint hashes";
}

TEST(Variants, ABaseInAnotherFolderKeepsItsRelativeFiles) {
    const fs::path d = dir("folders");
    write(d / "city" / "base.yaml", kBase);
    write(d / "city" / "trips.csv", "depart,from,to\n0,WE,WE\n");
    write(d / "studies" / "v.yaml", "base: ../city/base.yaml\nname: v\n");
    const sim::Scenario s = load_scenario((d / "studies" / "v.yaml").string());
    EXPECT_EQ(s.demand.trips.size(), 1u);
    EXPECT_EQ(fs::path(s.demand.trips_file).filename(), "trips.csv");
}

TEST(Variants, ErrorsNameTheFileTheyAreIn) {
    const fs::path d = dir("errors");
    write(d / "base.yaml", kBase);
    write(d / "trips.csv", "depart,from,to\n0,WE,WE\n");
    // The variant shortens the run: the base's intervention at 10 min is now past its end.
    write(d / "short.yaml", "base: base.yaml\nname: v\nduration: 5 min\n");
    EXPECT_NE(error_of(d / "short.yaml").find("base.yaml:18:19: interventions[0].at"), std::string::npos) << error_of(d / "short.yaml");
    write(d / "bad.yaml", "base: base.yaml\nname: v\nnetwork: {links: [{id: EW, from: E, to: W, lanes: 0}]}\n");
    EXPECT_NE(error_of(d / "bad.yaml").find("bad.yaml:3:"), std::string::npos) << error_of(d / "bad.yaml");
    write(d / "a.yaml", "base: b.yaml\nname: a\n");
    write(d / "b.yaml", "base: a.yaml\nname: b\n");
    EXPECT_NE(error_of(d / "a.yaml").find("(a cycle)"), std::string::npos) << error_of(d / "a.yaml");
    write(d / "missing.yaml", "base: nowhere.yaml\nname: m\n");
    EXPECT_NE(error_of(d / "missing.yaml").find("cannot read the base scenario"), std::string::npos);
    write(d / "list.yaml", "base: [base.yaml]\nname: m\n");
    EXPECT_NE(error_of(d / "list.yaml").find("expected the path of the scenario"), std::string::npos);
    write(d / "broken.yaml", "citytwin: 1\nname: [\n");
    write(d / "on-broken.yaml", "base: broken.yaml\nname: m\n");
    EXPECT_NE(error_of(d / "on-broken.yaml").find("broken.yaml:"), std::string::npos) << error_of(d / "on-broken.yaml");
}

}  // namespace
}  // namespace citytwin::io
