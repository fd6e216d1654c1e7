#include "io/scenario/yaml_document.hpp"

#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace citytwin::io {

namespace {

// Records only whether a document has content, and where its root starts.
class DocumentShape : public YAML::EventHandler {
public:
    bool empty = true;
    YAML::Mark root_mark = YAML::Mark::null_mark();

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& m, YAML::anchor_t) override { root(m, false); }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { root(m, true); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override {
        root(m, true);
    }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        root(m, true);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        root(m, true);
    }
    void OnMapEnd() override {}

private:
    void root(const YAML::Mark& m, bool content) {
        if (seen_) return;
        seen_ = true;
        root_mark = m;
        empty = !content;
    }
    bool seen_ = false;
};

std::string character_at(const std::string& text, int pos) {
    if (pos < 0 || static_cast<std::size_t>(pos) >= text.size()) return "end of text";
    return "'" + text.substr(static_cast<std::size_t>(pos), 1) + "'";
}

bool same_place(const YAML::Mark& a, const YAML::Mark& b) { return a.pos == b.pos && a.line == b.line; }

// Walks the documents of `text` without building them, stopping at the second one with
// content, and at the point where yaml-cpp would start producing empty documents forever.
void check_document_count(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    int with_content = 0;
    bool previous_empty = false;
    YAML::Mark previous_mark = YAML::Mark::null_mark();
    // Each real document consumes input, so the count is bounded by the text length.
    for (std::size_t i = 0; i <= text.size() + 1; ++i) {
        DocumentShape doc;
        if (!parser.HandleNextDocument(doc)) return;
        if (!doc.empty && ++with_content > 1)
            throw YamlTextError(doc.root_mark, "found a second YAML document (after ---)", false);
        if (doc.empty && previous_empty && same_place(doc.root_mark, previous_mark))
            throw YamlTextError(doc.root_mark, "unexpected " + character_at(text, doc.root_mark.pos), true);
        previous_empty = doc.empty;
        previous_mark = doc.root_mark;
    }
}

}  // namespace

YAML::Node load_single_document(const std::string& text) {
    try {
        YAML::Node root = YAML::Load(text);  // reads the first document only; never loops
        check_document_count(text);
        return root;
    } catch (const YAML::Exception& e) {
        throw YamlTextError(e.mark, e.msg, true);
    }
}

}  // namespace citytwin::io
