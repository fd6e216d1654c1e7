// Checked reading of yaml-cpp nodes: positions, typed values, duplicate and unknown keys.
#include "io/scenario/yaml_checks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace citytwin::io {

namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string allowed_list(std::initializer_list<std::string_view> allowed) {
    std::string out;
    for (std::string_view k : allowed) {
        if (!out.empty()) out += ", ";
        out += k;
    }
    return out;
}

}  // namespace

// ---- SourceMap -------------------------------------------------------------------------------

void SourceMap::add_override_node(const YAML::Node& node, const std::string& override_text) {
    override_nodes_.emplace_back(node, override_text);
}

void SourceMap::add_override_tree(const YAML::Node& node, const std::string& override_text) {
    add_override_node(node, override_text);
    if (node.IsSequence()) {
        for (const YAML::Node& item : node) add_override_tree(item, override_text);
    } else if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            add_override_tree(it->first, override_text);
            add_override_tree(it->second, override_text);
        }
    }
}

bool SourceMap::from_override(const YAML::Node& node) const {
    return std::any_of(override_nodes_.begin(), override_nodes_.end(),
                       [&](const auto& entry) { return entry.first.is(node); });
}

sim::SourceMark SourceMap::mark_of(const YAML::Node& node) const {
    // Later overrides replace earlier ones, so search from the newest.
    for (auto it = override_nodes_.rbegin(); it != override_nodes_.rend(); ++it)
        if (it->first.is(node)) return sim::SourceMark{"--set " + it->second, 0, 0};
    const YAML::Mark m = node.Mark();
    if (m.line < 0) return sim::SourceMark{file_, 0, 0};
    for (auto it = files_.rbegin(); it != files_.rend(); ++it)
        if (m.line >= it->first) return sim::SourceMark{it->second, m.line - it->first + 1, m.column + 1};
    return sim::SourceMark{file_, m.line + 1, m.column + 1};
}

// ---- paths and suggestions -------------------------------------------------------------------

std::string join_path(const std::string& parent, std::string_view key) {
    if (parent.empty()) return std::string(key);
    return parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest_key(std::string_view key, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = 3;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(key, c);
        // d < c.size(): "x" is not a useful suggestion for "id".
        if (d < best_distance && d < c.size()) {
            best = c;
            best_distance = d;
        }
    }
    if (!best.empty()) return best;
    for (const std::string& c : candidates) {
        const bool key_is_prefix = key.size() >= 2 && c.starts_with(key);
        const bool cand_is_prefix = c.size() >= 3 && key.starts_with(c);
        if (key_is_prefix || cand_is_prefix) return c;
    }
    return {};
}

// ---- Field -----------------------------------------------------------------------------------

sim::SourceMark Field::key_mark() const {
    return key_ ? src_->mark_of(*key_) : src_->mark_of(node_);
}

sim::SourceMark Field::mark() const {
    if (node_.IsNull() && key_ && !src_->from_override(node_)) return src_->mark_of(*key_);
    return src_->mark_of(node_);
}

void Field::fail(const std::string& message) const { throw sim::ScenarioError(mark(), path_, message); }

void Field::fail_at_key(const std::string& message) const {
    throw sim::ScenarioError(key_mark(), path_, message);
}

std::string Field::describe() const {
    switch (node_.Type()) {
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Scalar: return quoted(node_.Scalar());
        default: return "an empty value";
    }
}

std::string Field::text() const {
    if (is_null()) fail("missing value (expected a text)");
    if (!is_scalar()) fail("expected a text, got " + describe());
    if (trimmed(node_.Scalar()).empty()) fail("must not be empty");
    return node_.Scalar();
}

long long Field::integer(long long min, long long max) const {
    if (is_null()) fail("missing value (expected a whole number)");
    if (!is_scalar()) fail("expected a whole number, got " + describe());
    const std::string s = trimmed(node_.Scalar());
    const char* first = s.data() + (!s.empty() && s.front() == '+' ? 1 : 0);
    long long value = 0;
    const auto [end, ec] = std::from_chars(first, s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) {
        // 3.0 is a whole number written as a decimal; 2.5 and "many" are not.
        const std::optional<double> d = parse_number(s);
        if (!d || std::floor(*d) != *d || std::fabs(*d) > 9.0e15)
            fail("expected a whole number, got " + describe());
        value = static_cast<long long>(*d);
    }
    if (value < min) fail("must be at least " + std::to_string(min) + ", got " + std::to_string(value));
    if (value > max) fail("must be at most " + std::to_string(max) + ", got " + std::to_string(value));
    return value;
}

std::uint64_t Field::unsigned_integer() const {
    if (is_null()) fail("missing value (expected a whole number)");
    if (!is_scalar()) fail("expected a whole number, got " + describe());
    const std::string s = trimmed(node_.Scalar());
    if (!s.empty() && s.front() == '-' && parse_number(s))
        fail("must not be negative, got " + describe());
    std::uint64_t value = 0;
    const char* first = s.data() + (!s.empty() && s.front() == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(first, s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range) fail("is too large (at most 18446744073709551615)");
    if (ec != std::errc() || end != s.data() + s.size())
        fail("expected a whole number, got " + describe());
    return value;
}

double Field::number() const {
    if (is_null()) fail("missing value (expected a number)");
    if (!is_scalar()) fail("expected a number, got " + describe());
    const std::optional<double> v = parse_number(node_.Scalar());
    if (!v) {
        if (is_non_finite_spelling(node_.Scalar())) fail("must be a finite number, got " + describe());
        fail("expected a number, got " + describe());
    }
    return *v;
}

double Field::positive_number() const {
    const double v = number();
    require_positive(v);
    return v;
}

double Field::non_negative_number() const {
    const double v = number();
    require_non_negative(v);
    return v;
}

double Field::quantity(Dimension dim) const {
    if (is_null())
        fail("missing value (expected " + dimension_with_article(dim) + " such as '" +
             std::string(example_value(dim)) + "')");
    if (!is_scalar())
        fail("expected " + dimension_with_article(dim) + " such as '" +
             std::string(example_value(dim)) + "', got " + describe());
    try {
        return parse_quantity(node_.Scalar(), dim);
    } catch (const QuantityError& e) {
        fail(e.what());
    }
}

double Field::positive_quantity(Dimension dim) const {
    const double v = quantity(dim);
    require_positive(v);
    return v;
}

double Field::non_negative_quantity(Dimension dim) const {
    const double v = quantity(dim);
    require_non_negative(v);
    return v;
}

bool Field::boolean() const {
    if (is_null()) fail("missing value (expected true or false)");
    bool value = false;
    if (!is_scalar() || !YAML::convert<bool>::decode(node_, value))
        fail("expected true or false, got " + describe());
    return value;
}

std::vector<Field> Field::items() const {
    if (is_null()) fail("missing value (expected a list)");
    if (!is_sequence()) fail("expected a list (- item lines or [a, b]), got " + describe());
    std::vector<Field> out;
    std::size_t i = 0;
    for (const YAML::Node& item : node_) out.emplace_back(*src_, item, index_path(path_, i++));
    return out;
}

void Field::require_positive(double value) const {
    if (!(value > 0.0)) fail("must be greater than 0, got " + describe());
}

void Field::require_non_negative(double value) const {
    if (!(value >= 0.0)) fail("must not be negative, got " + describe());
}

void Field::require_at_most(double value, double max, const std::string& limit) const {
    if (!(value <= max)) fail("must be at most " + limit + ", got " + describe());
}

void Field::require_at_least(double value, double min, const std::string& limit) const {
    if (!(value >= min)) fail("must be at least " + limit + ", got " + describe());
}

namespace {

std::string in_unit(double v, Dimension dim) { return format_limit(v) + " " + std::string(base_unit(dim)); }

}  // namespace

double Field::positive_quantity(Dimension dim, double max) const {
    const double v = positive_quantity(dim);
    require_at_most(v, max, in_unit(max, dim));
    return v;
}

double Field::non_negative_quantity(Dimension dim, double max) const {
    const double v = non_negative_quantity(dim);
    require_at_most(v, max, in_unit(max, dim));
    return v;
}

double Field::quantity_in(Dimension dim, double min, double max) const {
    const double v = quantity(dim);
    require_at_least(v, min, in_unit(min, dim));
    require_at_most(v, max, in_unit(max, dim));
    return v;
}

double Field::positive_number(double max) const {
    const double v = positive_number();
    require_at_most(v, max, format_limit(max));
    return v;
}

double Field::non_negative_number(double max) const {
    const double v = non_negative_number();
    require_at_most(v, max, format_limit(max));
    return v;
}

// ---- MapReader -------------------------------------------------------------------------------

MapReader::MapReader(const Field& field) : self_(field) {
    if (field.is_null()) field.fail("missing value (expected a map of 'key: value' entries)");
    if (!field.is_map()) field.fail("expected a map of 'key: value' entries, got " + field.describe());
    const YAML::Node& map = field.node();
    std::unordered_map<std::string, std::size_t> index;  // key -> position in entries_
    for (auto it = map.begin(); it != map.end(); ++it) {
        // Copies: yaml-cpp's iterator hands out a temporary pair, so references to it dangle.
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            Field key_field(field.source(), key, field.path());
            key_field.fail("keys must be plain names, got " + key_field.describe());
        }
        const std::string name = key.Scalar();
        Field value(field.source(), it->second, join_path(field.path(), name), key);
        if (const auto [seen, fresh] = index.emplace(name, entries_.size()); !fresh) {
            const sim::SourceMark first = entries_[seen->second].second.key_mark();
            const std::string where = first.line > 0 ? "first given at line " + std::to_string(first.line)
                                                     : "first given in " + first.str();
            value.fail_at_key("duplicate key " + quoted(name) + " (" + where + ")");
        }
        entries_.emplace_back(name, std::move(value));
    }
}

MapReader::MapReader(const Field& field, std::initializer_list<std::string_view> allowed,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> reserved)
    : MapReader(field) {
    only(allowed, reserved);
}

void MapReader::only(std::initializer_list<std::string_view> allowed,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> reserved) const {
    for (const auto& [name, value] : entries_) {
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        for (const auto& [reserved_key, message] : reserved)
            if (reserved_key == name) value.fail_at_key(std::string(message));
        const std::vector<std::string> candidates(allowed.begin(), allowed.end());
        const std::string suggestion = closest_key(name, candidates);
        if (!suggestion.empty())
            value.fail_at_key("unknown key " + quoted(name) + "; did you mean " + quoted(suggestion) + "?");
        value.fail_at_key("unknown key " + quoted(name) + "; valid keys here: " + allowed_list(allowed));
    }
}

bool MapReader::has(std::string_view key) const {
    return std::any_of(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == key; });
}

std::optional<Field> MapReader::get(std::string_view key) const {
    for (const auto& [name, value] : entries_)
        if (name == key) return value;
    return std::nullopt;
}

Field MapReader::required(std::string_view key) const {
    if (std::optional<Field> f = get(key)) return *f;
    throw sim::ScenarioError(self_.mark(), join_path(self_.path(), key),
                             "missing required key " + quoted(key));
}

}  // namespace citytwin::io
