#include "io/output/kpi_tree.hpp"

#include <memory>

#include "io/output/json_text.hpp"

namespace citytwin::io {
namespace {

struct Node {
    std::string key;
    bool leaf = false;
    double value = 0.0;
    std::vector<std::unique_ptr<Node>> children;

    Node& child(const std::string& k) {
        for (auto& c : children)
            if (c->key == k) return *c;
        children.push_back(std::make_unique<Node>());
        children.back()->key = k;
        return *children.back();
    }
};

std::string members(const Node& n) {
    std::string out;
    for (const auto& c : n.children) {
        if (!out.empty()) out += ',';
        out += json_string(c->key);
        out += ':';
        out += c->leaf ? json_number(c->value) : "{" + members(*c) + "}";
    }
    return out;
}

}  // namespace

std::string nested_kpi_members(const std::vector<sim::Kpi>& kpis) {
    Node root;
    for (const sim::Kpi& k : kpis) {
        if (k.name.find(kKpiPathSeparator) == std::string::npos) continue;
        Node* n = &root;
        std::size_t start = 0;
        for (;;) {
            const std::size_t end = k.name.find(kKpiPathSeparator, start);
            n = &n->child(k.name.substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        n->leaf = true;
        n->value = k.value;
    }
    return members(root);
}

}  // namespace citytwin::io
