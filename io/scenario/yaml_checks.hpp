#pragma once
// Typed, checked access to a yaml-cpp tree. Every value is read through a Field, which knows
// its dotted key path and where it came from (the YAML file or a --set override), so every
// error can name file:line:column, key and what was expected. MapReader adds the map-level
// checks yaml-cpp does not make: duplicate keys, unknown keys with a "did you mean".
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "io/scenario/quantity.hpp"
#include "sim/core/scenario_error.hpp"

namespace citytwin::io {

// Where the nodes of one loaded tree came from. Nodes parsed from the file carry yaml-cpp marks
// (0-based); nodes created by --set overrides are recorded here, because their yaml-cpp marks
// point into the override text, not the file.
class SourceMap {
public:
    explicit SourceMap(std::string file) : file_(std::move(file)) {}

    const std::string& file() const { return file_; }

    // A base file of a variant, parsed with `first_line` blank lines before its text, so that
    // marks from line first_line on belong to it (lines counted from 0).
    void add_file(int first_line, std::string file) { files_.push_back({first_line, std::move(file)}); }

    // Records `node` and everything below it (keys too) as coming from `override_text`.
    void add_override_tree(const YAML::Node& node, const std::string& override_text);
    // Records one node only (a created map level, a created key).
    void add_override_node(const YAML::Node& node, const std::string& override_text);

    bool from_override(const YAML::Node& node) const;
    // 1-based file position, or {"--set <override>", 0, 0} for override nodes.
    sim::SourceMark mark_of(const YAML::Node& node) const;

private:
    std::string file_;
    std::vector<std::pair<int, std::string>> files_;   // base files by first line, ascending
    std::vector<std::pair<YAML::Node, std::string>> override_nodes_;
};

// "a" + "b" -> "a.b"; "" + "b" -> "b".
std::string join_path(const std::string& parent, std::string_view key);
// "network.links" + 3 -> "network.links[3]" (0-based, as --set indexes count).
std::string index_path(const std::string& parent, std::size_t index);

// Levenshtein distance, in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `key` (edit distance <= 2, or one a prefix of the other); "" if none.
std::string closest_key(std::string_view key, const std::vector<std::string>& candidates);

// One value in the tree, with its key path and origin.
class Field {
public:
    Field(const SourceMap& src, YAML::Node value, std::string path,
          std::optional<YAML::Node> key = std::nullopt)
        : src_(&src), node_(std::move(value)), key_(std::move(key)), path_(std::move(path)) {}

    const YAML::Node& node() const { return node_; }
    const std::string& path() const { return path_; }
    const SourceMap& source() const { return *src_; }

    // Position of the value; for an empty value, the position of its key (yaml-cpp puts the
    // mark of an empty value wherever the next token starts).
    sim::SourceMark mark() const;
    sim::SourceMark key_mark() const;

    [[noreturn]] void fail(const std::string& message) const;
    [[noreturn]] void fail_at_key(const std::string& message) const;

    bool is_null() const { return node_.IsNull(); }
    bool is_map() const { return node_.IsMap(); }
    bool is_sequence() const { return node_.IsSequence(); }
    bool is_scalar() const { return node_.IsScalar(); }
    // The value as text for messages: 'abc', "a list", "a map", "an empty value".
    std::string describe() const;

    std::string text() const;                           // any non-empty scalar
    long long integer(long long min, long long max) const;
    std::uint64_t unsigned_integer() const;             // 0 .. 2^64-1
    double number() const;                              // finite
    double positive_number() const;
    double non_negative_number() const;
    double quantity(Dimension dim) const;
    double positive_quantity(Dimension dim) const;
    double non_negative_quantity(Dimension dim) const;
    bool boolean() const;                               // whatever yaml-cpp reads as a bool
    std::vector<Field> items() const;                   // a sequence (empty list allowed)

    // Fails with "must be greater than 0, got '<text>'" unless value > 0 (and similar).
    void require_positive(double value) const;
    void require_non_negative(double value) const;
    // Fails with "must be at most <limit>, got '<text>'" unless value <= max (at least: >= min);
    // `limit` is the bound as the docs write it ("10 m/s^2", "31 d").
    void require_at_most(double value, double max, const std::string& limit) const;
    void require_at_least(double value, double min, const std::string& limit) const;

    // The physical ranges of docs/scenario-format.md: a quantity (or number) > 0 or >= 0 and at
    // most `max`, or within [min, max], in the base unit; messages name the bound in it.
    double positive_quantity(Dimension dim, double max) const;
    double non_negative_quantity(Dimension dim, double max) const;
    double quantity_in(Dimension dim, double min, double max) const;
    double positive_number(double max) const;
    double non_negative_number(double max) const;

private:
    const SourceMap* src_;
    YAML::Node node_;
    std::optional<YAML::Node> key_;
    std::string path_;
};

// A map checked for scalar keys, duplicates and (with only()) unknown keys.
class MapReader {
public:
    // Fails unless `field` is a map whose keys are distinct scalars.
    explicit MapReader(const Field& field);
    // Same, then only(allowed, reserved).
    MapReader(const Field& field, std::initializer_list<std::string_view> allowed,
              std::initializer_list<std::pair<std::string_view, std::string_view>> reserved = {});

    // Fails at the first key not in `allowed`, suggesting the closest allowed key. A key in
    // `reserved` (key, message) fails with that message instead.
    void only(std::initializer_list<std::string_view> allowed,
              std::initializer_list<std::pair<std::string_view, std::string_view>> reserved = {}) const;

    const Field& self() const { return self_; }
    bool has(std::string_view key) const;
    // The value of `key`, nullopt if absent. An empty value ("lanes:") is returned as a null
    // Field: the typed getters then report "missing value" rather than silently defaulting.
    std::optional<Field> get(std::string_view key) const;
    // The value of `key`; fails with "missing required key" if absent.
    Field required(std::string_view key) const;
    // All entries, in file order, as (key text, value field).
    const std::vector<std::pair<std::string, Field>>& entries() const { return entries_; }

private:
    Field self_;
    std::vector<std::pair<std::string, Field>> entries_;
};

}  // namespace citytwin::io
