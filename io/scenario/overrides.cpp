// Applying --set overrides to a yaml-cpp tree. yaml-cpp's non-const operator[] silently turns a
// sequence into a map when given a key it cannot use as an index, and `node = other` rebinds
// shared data, so every step here checks the node type first and moves with Node::reset().
#include "io/scenario/overrides.hpp"

#include <algorithm>
#include <cctype>

#include "io/scenario/yaml_document.hpp"

namespace citytwin::io {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// "[M-B]": a list item chosen by its id.
bool is_id_selector(const std::string& segment) {
    return segment.size() >= 3 && segment.front() == '[' && segment.back() == ']';
}

bool is_index(const std::string& segment) {
    return !segment.empty() && segment.size() < 10 &&
           std::all_of(segment.begin(), segment.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string dotted(const std::vector<std::string>& path, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count && i < path.size(); ++i)
        out = is_id_selector(path[i]) ? out + path[i] : join_path(out, path[i]);
    return out;
}

// One override being applied; knows how to report errors against its own text.
class Applier {
public:
    Applier(const Override& o, SourceMap& sources) : o_(o), sources_(sources) {}

    [[noreturn]] void fail(std::size_t depth, const std::string& message) const {
        throw sim::ScenarioError(sim::SourceMark{"--set " + o_.text, 0, 0}, dotted(o_.path, depth), message);
    }

    void apply(YAML::Node& root) {
        if (root.IsNull()) root.reset(YAML::Node(YAML::NodeType::Map));
        if (!root.IsMap()) fail(0, "the scenario is not a map of sections, so --set cannot change it");

        YAML::Node value = parse_value();
        sources_.add_override_tree(value, o_.text);

        YAML::Node cur;
        cur.reset(root);
        for (std::size_t i = 0; i + 1 < o_.path.size(); ++i) {
            YAML::Node child = child_of(cur, i);
            if (!child.IsMap() && !child.IsSequence()) {
                if (!child.IsNull())
                    fail(i + 1, dotted(o_.path, i + 1) + " is a single value, so it has no key '" +
                                    o_.path[i + 1] + "'");
                // Absent or empty: create the map level.
                child.reset(YAML::Node(YAML::NodeType::Map));
                sources_.add_override_node(child, o_.text);
                put(cur, i, child);
            }
            cur.reset(child);
        }
        put(cur, o_.path.size() - 1, value);
    }

private:
    YAML::Node parse_value() const {
        if (trim(o_.value).empty()) return YAML::Node(YAML::NodeType::Null);
        try {
            return load_single_document(o_.value);
        } catch (const YamlTextError& e) {
            fail(o_.path.size(), "cannot read the value '" + o_.value + "' as YAML: " + e.what());
        }
    }

    // The existing child at path[depth] of `parent`, or a null node if there is none.
    YAML::Node child_of(const YAML::Node& parent, std::size_t depth) const {
        const std::string& segment = o_.path[depth];
        if (parent.IsSequence()) {
            const std::size_t index = sequence_index(parent, depth);
            return parent[index];  // const access: never grows the sequence
        }
        // In a map keyed by id (vehicle_types), [ID] is the key itself.
        const std::string key = is_id_selector(segment) ? segment.substr(1, segment.size() - 2) : segment;
        for (auto it = parent.begin(); it != parent.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
        return YAML::Node(YAML::NodeType::Null);
    }

    std::size_t sequence_index(const YAML::Node& seq, std::size_t depth) const {
        const std::string& segment = o_.path[depth];
        if (is_id_selector(segment)) {
            // Items are found by their `id` (signal plans by their `node`).
            const std::string id = segment.substr(1, segment.size() - 2);
            std::vector<std::string> known;
            for (std::size_t i = 0; i < seq.size(); ++i) {
                if (!seq[i].IsMap()) continue;
                for (const char* key : {"id", "node"})
                    if (seq[i][key] && seq[i][key].IsScalar()) {
                        if (seq[i][key].Scalar() == id) return i;
                        known.push_back(seq[i][key].Scalar());
                        break;
                    }
            }
            std::string hint;
            for (std::size_t i = 0; i < known.size() && i < 8; ++i) hint += (i ? ", " : "") + known[i];
            fail(depth + 1, dotted(o_.path, depth) + " has no item with id '" + id + "'" +
                                (known.empty() ? " (its items have no ids)" : " (ids: " + hint + (known.size() > 8 ? ", ..." : "") + ")"));
        }
        if (!is_index(segment))
            fail(depth, dotted(o_.path, depth) + " is a list; select an item by its position or its id, as in " +
                            join_path(dotted(o_.path, depth), "0") + " or " + dotted(o_.path, depth) + "[" + segment + "]");
        const std::size_t index = std::stoul(segment);
        if (index >= seq.size())
            fail(depth + 1, "index " + segment + " is past the end of " + dotted(o_.path, depth) +
                                " (" + std::to_string(seq.size()) + " items, counted from 0)");
        return index;
    }

    // Sets parent[path[depth]] = value, recording a newly created key as coming from --set.
    void put(YAML::Node& parent, std::size_t depth, const YAML::Node& value) {
        const std::string& raw = o_.path[depth];
        if (parent.IsSequence()) {
            parent[sequence_index(parent, depth)] = value;
            return;
        }
        const std::string segment = is_id_selector(raw) ? raw.substr(1, raw.size() - 2) : raw;
        const bool existed = std::any_of(parent.begin(), parent.end(), [&](const auto& kv) {
            return kv.first.IsScalar() && kv.first.Scalar() == segment;
        });
        parent[segment] = value;
        if (existed) return;
        for (auto it = parent.begin(); it != parent.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == segment) sources_.add_override_node(it->first, o_.text);
    }

    const Override& o_;
    SourceMap& sources_;
};

}  // namespace

Override parse_override(const std::string& text) {
    const sim::SourceMark mark{"--set " + text, 0, 0};
    const auto eq = text.find('=');
    if (eq == std::string::npos)
        throw sim::ScenarioError(mark, "", "expected key.path=value (for example network.grid.rows=12), got '" +
                                               text + "'");
    Override o;
    o.text = text;
    o.value = text.substr(eq + 1);
    const std::string path = trim(text.substr(0, eq));
    if (path.empty())
        throw sim::ScenarioError(mark, "", "the key path before '=' is empty (expected key.path=value)");
    // Dots separate keys, except inside [ID] (SUMO ids may hold dots); "links[M-B]" is the key
    // "links" followed by the selector "[M-B]".
    std::string segment;
    bool after_selector = false;   // "links[M-B].lanes": the dot after ']' ends no new key
    auto push = [&] {
        const std::string t = trim(segment);
        if (!t.empty()) o.path.push_back(t);
        else if (!after_selector)
            throw sim::ScenarioError(mark, path, "the key path has an empty part (expected names separated by single dots)");
        segment.clear();
        after_selector = false;
    };
    for (std::size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c == '[') {
            const auto close = path.find(']', i);
            if (close == std::string::npos || close == i + 1)
                throw sim::ScenarioError(mark, path, "'[' opens an id selector that is empty or not closed (expected key[ID])");
            if (!trim(segment).empty()) o.path.push_back(trim(segment));
            segment.clear();
            o.path.push_back(path.substr(i, close - i + 1));
            after_selector = true;
            i = close;
            if (i + 1 < path.size() && path[i + 1] != '.' && path[i + 1] != '[')
                throw sim::ScenarioError(mark, path, "expected '.' after the id selector " + o.path.back());
        } else if (c == '.') {
            push();
        } else {
            segment += c;
            after_selector = false;
        }
    }
    push();
    return o;
}

void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, SourceMap& sources) {
    for (const std::string& text : overrides) {
        const Override o = parse_override(text);
        Applier(o, sources).apply(root);
    }
}

}  // namespace citytwin::io
