// The building blocks of validation: positions, typed getters, duplicate and unknown keys.
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "io/scenario/yaml_checks.hpp"

namespace citytwin::io {
namespace {

// Runs `f` and returns the ScenarioError's what(), or "(no error)".
template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(EditDistance, CountsInsertionsDeletionsSubstitutions) {
    EXPECT_EQ(edit_distance("spacing", "spacing"), 0u);
    EXPECT_EQ(edit_distance("spaceing", "spacing"), 1u);
    EXPECT_EQ(edit_distance("rowz", "rows"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ClosestKey, SuggestsNearOrPrefixMatches) {
    const std::vector<std::string> keys = {"rows", "cols", "spacing", "lanes", "speed", "signals"};
    EXPECT_EQ(closest_key("spaceing", keys), "spacing");
    EXPECT_EQ(closest_key("row", keys), "rows");
    EXPECT_EQ(closest_key("spac", keys), "spacing");          // prefix, distance 3
    EXPECT_EQ(closest_key("signals_on", keys), "signals");    // a valid key is a prefix
    EXPECT_EQ(closest_key("population", keys), "");
    EXPECT_EQ(closest_key("id", {"x", "y"}), "");             // too short to be a useful guess
}

TEST(SourceMap, MarksAreOneBased) {
    const SourceMap src("f.yaml");
    const YAML::Node root = YAML::Load("a: 1\nb:\n  c: 2\n");
    const sim::SourceMark m = src.mark_of(root["b"]["c"]);
    EXPECT_EQ(m.file, "f.yaml");
    EXPECT_EQ(m.line, 3);
    EXPECT_EQ(m.column, 6);
}

TEST(SourceMap, OverrideNodesPointAtTheOverride) {
    SourceMap src("f.yaml");
    const YAML::Node value = YAML::Load("{x: 1}");
    src.add_override_tree(value, "a.b={x: 1}");
    EXPECT_EQ(src.mark_of(value).str(), "--set a.b={x: 1}");
    EXPECT_EQ(src.mark_of(value["x"]).str(), "--set a.b={x: 1}");
}

TEST(MapReader, RejectsDuplicateKeysAtTheSecond) {
    const SourceMap src("f.yaml");
    const YAML::Node root = YAML::Load("rows: 3\ncols: 4\nrows: 5\n");
    const std::string e = error_of([&] { MapReader m(Field(src, root, "network.grid")); });
    EXPECT_EQ(e, "f.yaml:3:1: network.grid.rows: duplicate key 'rows' (first given at line 1)");
}

TEST(MapReader, RejectsUnknownKeysWithSuggestionOrList) {
    const SourceMap src("f.yaml");
    const YAML::Node root = YAML::Load("rows: 3\nclos: 4\n");
    EXPECT_EQ(error_of([&] { MapReader m(Field(src, root, "g"), {"rows", "cols"}); }),
              "f.yaml:2:1: g.clos: unknown key 'clos'; did you mean 'cols'?");
    const YAML::Node other = YAML::Load("rows: 3\nwidth: 4\n");
    EXPECT_EQ(error_of([&] { MapReader m(Field(src, other, "g"), {"rows", "cols"}); }),
              "f.yaml:2:1: g.width: unknown key 'width'; valid keys here: rows, cols");
}

TEST(MapReader, RequiredKeyMissingPointsAtTheMap) {
    const SourceMap src("f.yaml");
    const YAML::Node root = YAML::Load("x: 1\ng:\n  rows: 3\n");
    const MapReader top(Field(src, root, ""));
    const MapReader g(*top.get("g"));
    EXPECT_EQ(error_of([&] { g.required("cols"); }), "f.yaml:3:3: g.cols: missing required key 'cols'");
    EXPECT_EQ(g.required("rows").integer(1, 9), 3);
    EXPECT_TRUE(g.has("rows"));
    EXPECT_FALSE(g.get("cols").has_value());
}

TEST(MapReader, RejectsNonMapsAndComplexKeys) {
    const SourceMap src("f.yaml");
    EXPECT_NE(error_of([&] { MapReader m(Field(src, YAML::Load("[1, 2]"), "zones")); })
                  .find("zones: expected a map of 'key: value' entries, got a list"),
              std::string::npos);
    EXPECT_NE(error_of([&] { MapReader m(Field(src, YAML::Load("? [a, b]\n: 1\n"), "zones")); })
                  .find("keys must be plain names"),
              std::string::npos);
}

Field scalar(const SourceMap& src, const char* yaml) { return Field(src, YAML::Load(yaml), "k"); }

TEST(Field, TypedGetters) {
    const SourceMap src("f.yaml");
    EXPECT_EQ(scalar(src, "12").integer(0, 100), 12);
    EXPECT_EQ(scalar(src, "3.0").integer(0, 100), 3);
    EXPECT_EQ(scalar(src, "'7'").integer(0, 100), 7);
    EXPECT_EQ(scalar(src, "18446744073709551615").unsigned_integer(), 18446744073709551615ull);
    EXPECT_DOUBLE_EQ(scalar(src, "2.5").number(), 2.5);
    EXPECT_TRUE(scalar(src, "true").boolean());
    EXPECT_TRUE(scalar(src, "yes").boolean());   // yaml-cpp reads yes/no/on/off as booleans
    EXPECT_FALSE(scalar(src, "off").boolean());
    EXPECT_DOUBLE_EQ(scalar(src, "50 km/h").quantity(Dimension::Speed), 50.0 / 3.6);
    EXPECT_EQ(scalar(src, "abc").text(), "abc");
    EXPECT_EQ(Field(src, YAML::Load("[a, b]"), "k").items().size(), 2u);
    EXPECT_EQ(Field(src, YAML::Load("[a, b]"), "k").items()[1].path(), "k[1]");
}

TEST(Field, TypeErrors) {
    const SourceMap src("f.yaml");
    EXPECT_EQ(error_of([&] { scalar(src, "2.5").integer(0, 9); }), "f.yaml:1:1: k: expected a whole number, got '2.5'");
    EXPECT_EQ(error_of([&] { scalar(src, "many").integer(0, 9); }), "f.yaml:1:1: k: expected a whole number, got 'many'");
    EXPECT_EQ(error_of([&] { scalar(src, "12").integer(0, 9); }), "f.yaml:1:1: k: must be at most 9, got 12");
    EXPECT_EQ(error_of([&] { scalar(src, "-1").unsigned_integer(); }), "f.yaml:1:1: k: must not be negative, got '-1'");
    EXPECT_EQ(error_of([&] { scalar(src, "abc").number(); }), "f.yaml:1:1: k: expected a number, got 'abc'");
    EXPECT_EQ(error_of([&] { scalar(src, ".inf").number(); }), "f.yaml:1:1: k: must be a finite number, got '.inf'");
    EXPECT_EQ(error_of([&] { scalar(src, "maybe").boolean(); }), "f.yaml:1:1: k: expected true or false, got 'maybe'");
    EXPECT_EQ(error_of([&] { scalar(src, "{a: 1}").text(); }), "f.yaml:1:1: k: expected a text, got a map");
    EXPECT_EQ(error_of([&] { scalar(src, "{a: 1}").items(); }),
              "f.yaml:1:1: k: expected a list (- item lines or [a, b]), got a map");
    EXPECT_EQ(error_of([&] { scalar(src, "[1]").quantity(Dimension::Length); }),
              "f.yaml:1:1: k: expected a length such as '250 m', got a list");
    EXPECT_EQ(error_of([&] { scalar(src, "0 m").positive_quantity(Dimension::Length); }),
              "f.yaml:1:1: k: must be greater than 0, got '0 m'");
    EXPECT_EQ(error_of([&] { scalar(src, "-2").non_negative_number(); }), "f.yaml:1:1: k: must not be negative, got '-2'");
    EXPECT_EQ(error_of([&] { scalar(src, "''").text(); }), "f.yaml:1:1: k: must not be empty");
}

TEST(Field, EmptyValueIsReportedAtItsKey) {
    const SourceMap src("f.yaml");
    const YAML::Node root = YAML::Load("a: 1\nrows:\nb: 2\n");
    const MapReader m(Field(src, root, "g"));
    EXPECT_EQ(error_of([&] { m.required("rows").integer(2, 9); }),
              "f.yaml:2:1: g.rows: missing value (expected a whole number)");
}

}  // namespace
}  // namespace citytwin::io
