#include "io/scenario/variant_merge.hpp"

#include <algorithm>
#include <filesystem>

#include "io/scenario/text_file.hpp"
#include "io/scenario/yaml_document.hpp"

namespace citytwin::io {
namespace {

constexpr int kMaxDepth = 8;

std::string id_of(const YAML::Node& item) {
    if (!item.IsMap()) return "";
    for (const char* key : {"id", "node"})
        if (item[key] && item[key].IsScalar()) return item[key].Scalar();
    return "";
}

bool all_have_ids(const YAML::Node& seq) {
    if (!seq.IsSequence() || seq.size() == 0) return false;
    for (std::size_t i = 0; i < seq.size(); ++i)
        if (id_of(seq[i]).empty()) return false;
    return true;
}

YAML::Node find_key(const YAML::Node& map, const std::string& key) {
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return YAML::Node(YAML::NodeType::Undefined);
}

// `over` merged into `under` (which is changed in place). `path` names the key for the rules.
void merge_into(YAML::Node under, const YAML::Node& over, const std::string& path) {
    for (auto it = over.begin(); it != over.end(); ++it) {
        const std::string key = it->first.Scalar();
        const std::string here = path.empty() ? key : path + "." + key;
        YAML::Node mine = find_key(under, key);
        // A copy (a Node is a handle): yaml-cpp's iterator-> yields a temporary, and a
        // reference to its member dangles at the end of this line (AddressSanitizer found it).
        const YAML::Node theirs = it->second;
        if (mine.IsDefined() && mine.IsMap() && theirs.IsMap()) {
            merge_into(mine, theirs, here);
        } else if (mine.IsDefined() && here == "interventions" && mine.IsSequence() && theirs.IsSequence()) {
            for (std::size_t i = 0; i < theirs.size(); ++i) mine.push_back(theirs[i]);
        } else if (mine.IsDefined() && all_have_ids(mine) && all_have_ids(theirs)) {
            for (std::size_t i = 0; i < theirs.size(); ++i) {
                const std::string id = id_of(theirs[i]);
                bool replaced = false;
                for (std::size_t j = 0; j < mine.size() && !replaced; ++j)
                    if (id_of(mine[j]) == id) {
                        mine[j] = theirs[i];
                        replaced = true;
                    }
                if (!replaced) mine.push_back(theirs[i]);
            }
        } else {
            under[key] = theirs;
        }
    }
}

// File-valued keys of a base read from another folder: relative paths made to hold from the
// variant's folder.
void rebase_paths(YAML::Node root, const std::filesystem::path& from, const std::filesystem::path& to) {
    auto fix = [&](YAML::Node n) {
        if (!n.IsScalar()) return;
        std::filesystem::path p(n.Scalar());
        if (p.is_absolute()) return;
        n = std::filesystem::relative((from / p).lexically_normal(), to).lexically_normal().string();
    };
    auto fix_all = [&](YAML::Node n) {
        if (n.IsSequence())
            for (std::size_t i = 0; i < n.size(); ++i) fix(n[i]);
        else
            fix(n);
    };
    if (!root.IsMap()) return;
    if (YAML::Node net = find_key(root, "network"); net.IsDefined() && net.IsMap())
        if (YAML::Node sumo = find_key(net, "sumo"); sumo.IsDefined() && sumo.IsMap()) {
            if (YAML::Node n = find_key(sumo, "net"); n.IsDefined()) fix(n);
            if (YAML::Node a = find_key(sumo, "additional"); a.IsDefined()) fix_all(a);
        }
    if (YAML::Node d = find_key(root, "demand"); d.IsDefined() && d.IsMap()) {
        if (YAML::Node t = find_key(d, "trips"); t.IsDefined()) fix(t);
        if (YAML::Node sumo = find_key(d, "sumo"); sumo.IsDefined() && sumo.IsMap())
            if (YAML::Node r = find_key(sumo, "routes"); r.IsDefined()) fix_all(r);
    }
    if (YAML::Node p = find_key(root, "power"); p.IsDefined() && p.IsMap())
        if (YAML::Node f = find_key(p, "feeders"); f.IsDefined() && f.IsSequence())
            for (std::size_t i = 0; i < f.size(); ++i)
                if (f[i].IsMap())
                    if (YAML::Node b = find_key(f[i], "branches"); b.IsDefined()) fix(b);
}

int count_lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1; }

}  // namespace

YAML::Node merge_bases(YAML::Node root, const std::string& file, int lines, const std::string& base_dir, SourceMap& sources,
                       std::vector<std::string>& bases) {
    int next_line = lines + 1;
    YAML::Node variant;
    variant.reset(root);
    std::string variant_file = file;
    std::vector<std::string> chain{std::filesystem::weakly_canonical(file).string()};
    std::vector<YAML::Node> layers;   // variant first, then its bases
    std::filesystem::path dir = base_dir;
    while (variant.IsMap() && find_key(variant, "base").IsDefined()) {
        const YAML::Node b = find_key(variant, "base");
        const sim::SourceMark mark = sources.mark_of(b);
        if (!b.IsScalar() || b.Scalar().empty())
            throw sim::ScenarioError(mark, "base", "expected the path of the scenario this variant is based on");
        std::filesystem::path path(b.Scalar());
        if (path.is_relative()) path = dir / path;
        const std::string base_file = path.lexically_normal().string();
        const std::string canonical = std::filesystem::weakly_canonical(path).string();
        if (std::find(chain.begin(), chain.end(), canonical) != chain.end())
            throw sim::ScenarioError(mark, "base", "'" + base_file + "' is already in this chain of bases (a cycle)");
        if (static_cast<int>(chain.size()) > kMaxDepth)
            throw sim::ScenarioError(mark, "base", "more than " + std::to_string(kMaxDepth) + " levels of bases");
        std::string why;
        const std::optional<std::string> text = read_text_file(base_file, why, kMaxScenarioBytes);
        if (!text) throw sim::ScenarioError(mark, "base", "cannot read the base scenario '" + base_file + "': " + why);
        // Blank lines first, so every mark in the base's tree is a line of its own range.
        YAML::Node parsed;
        try {
            parsed = load_single_document(std::string(static_cast<std::size_t>(next_line), '\n') + *text);
        } catch (const YamlTextError& e) {
            throw sim::ScenarioError(sim::SourceMark{base_file, e.mark.line - next_line + 1, e.mark.column + 1}, "",
                                     std::string("not valid YAML: ") + e.what());
        }
        if (!parsed.IsMap()) throw sim::ScenarioError(mark, "base", "the base scenario '" + base_file + "' is not a map of sections");
        sources.add_file(next_line, base_file);
        next_line += count_lines(*text) + 1;
        const std::filesystem::path base_dir_of = path.parent_path().empty() ? "." : path.parent_path();
        if (std::filesystem::weakly_canonical(base_dir_of) != std::filesystem::weakly_canonical(base_dir))
            rebase_paths(parsed, base_dir_of, base_dir);
        variant.remove("base");
        layers.push_back(variant);
        bases.push_back(base_file);
        chain.push_back(canonical);
        variant.reset(parsed);   // rebind the handle (operator= would overwrite the variant's tree)
        dir = base_dir_of;
    }
    if (layers.empty()) return root;
    // The innermost base first, each variant over it.
    YAML::Node merged;
    merged.reset(variant);
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) merge_into(merged, *it, "");
    return merged;
}

}  // namespace citytwin::io
