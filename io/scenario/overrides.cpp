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

bool is_index(const std::string& segment) {
    return !segment.empty() && segment.size() < 10 &&
           std::all_of(segment.begin(), segment.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string dotted(const std::vector<std::string>& path, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count && i < path.size(); ++i) out = join_path(out, path[i]);
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
        for (auto it = parent.begin(); it != parent.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == segment) return it->second;
        return YAML::Node(YAML::NodeType::Null);
    }

    std::size_t sequence_index(const YAML::Node& seq, std::size_t depth) const {
        const std::string& segment = o_.path[depth];
        if (!is_index(segment))
            fail(depth, dotted(o_.path, depth) + " is a list; select an item by its position, as in " +
                            join_path(dotted(o_.path, depth), "0"));
        const std::size_t index = std::stoul(segment);
        if (index >= seq.size())
            fail(depth + 1, "index " + segment + " is past the end of " + dotted(o_.path, depth) +
                                " (" + std::to_string(seq.size()) + " items, counted from 0)");
        return index;
    }

    // Sets parent[path[depth]] = value, recording a newly created key as coming from --set.
    void put(YAML::Node& parent, std::size_t depth, const YAML::Node& value) {
        const std::string& segment = o_.path[depth];
        if (parent.IsSequence()) {
            parent[sequence_index(parent, depth)] = value;
            return;
        }
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
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        const std::string segment = trim(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (segment.empty())
            throw sim::ScenarioError(mark, path, "the key path has an empty part (expected names separated by single dots)");
        o.path.push_back(segment);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return o;
}

void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, SourceMap& sources) {
    for (const std::string& text : overrides) {
        const Override o = parse_override(text);
        Applier(o, sources).apply(root);
    }
}

}  // namespace citytwin::io
