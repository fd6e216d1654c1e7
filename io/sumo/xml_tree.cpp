#include "io/sumo/xml_tree.hpp"

#include <expat.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/scenario/text_file.hpp"

namespace citytwin::io {

const std::string* XmlElement::attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
        if (k == key) return &v;
    return nullptr;
}

std::vector<const XmlElement*> XmlElement::all(std::string_view child_name) const {
    std::vector<const XmlElement*> out;
    for (const auto& c : children)
        if (c->name == child_name) out.push_back(c.get());
    return out;
}

namespace {

// "xsi:schemaLocation" -> "schemaLocation"; SUMO never needs the prefix to tell elements apart.
std::string local_name(const char* qname) {
    std::string_view s(qname);
    const auto colon = s.rfind(':');
    return std::string(colon == std::string_view::npos ? s : s.substr(colon + 1));
}

struct Builder {
    XML_Parser parser;
    std::unique_ptr<XmlElement> root;
    std::vector<XmlElement*> stack;

    static void XMLCALL start(void* data, const XML_Char* name, const XML_Char** atts) {
        auto* b = static_cast<Builder*>(data);
        auto e = std::make_unique<XmlElement>();
        e->name = local_name(name);
        e->line = static_cast<int>(XML_GetCurrentLineNumber(b->parser));
        e->column = static_cast<int>(XML_GetCurrentColumnNumber(b->parser)) + 1;
        for (int i = 0; atts[i]; i += 2) e->attrs.emplace_back(local_name(atts[i]), atts[i + 1]);
        XmlElement* raw = e.get();
        if (b->stack.empty()) {
            b->root = std::move(e);
        } else {
            b->stack.back()->children.push_back(std::move(e));
        }
        b->stack.push_back(raw);
    }
    static void XMLCALL end(void* data, const XML_Char*) { static_cast<Builder*>(data)->stack.pop_back(); }
};

}  // namespace

XmlDocument parse_xml(const std::string& text, const std::string& file, const std::vector<std::string>& roots) {
    Builder b{XML_ParserCreate(nullptr), nullptr, {}};
    if (!b.parser) throw sim::ScenarioError({file, 0, 0}, "", "cannot create an XML parser (out of memory)");
    XML_SetUserData(b.parser, &b);
    XML_SetElementHandler(b.parser, Builder::start, Builder::end);
    const bool ok = XML_Parse(b.parser, text.data(), static_cast<int>(text.size()), XML_TRUE) == XML_STATUS_OK;
    if (!ok) {
        const int line = static_cast<int>(XML_GetCurrentLineNumber(b.parser));
        const int col = static_cast<int>(XML_GetCurrentColumnNumber(b.parser)) + 1;
        std::string why = XML_ErrorString(XML_GetErrorCode(b.parser));
        if (XML_GetErrorCode(b.parser) == XML_ERROR_NO_ELEMENTS && !b.stack.empty())
            why += " (the file ends inside <" + b.stack.back()->name + ">: truncated?)";
        XML_ParserFree(b.parser);
        throw sim::ScenarioError({file, line, col}, "", "not well-formed XML: " + why);
    }
    XML_ParserFree(b.parser);
    if (!b.root) throw sim::ScenarioError({file, 0, 0}, "", "the file holds no XML element");
    if (!roots.empty()) {
        bool known = false;
        std::string list;
        for (const auto& r : roots) {
            known = known || b.root->name == r;
            list += (list.empty() ? "<" : ", <") + r + ">";
        }
        if (!known)
            throw sim::ScenarioError({file, b.root->line, b.root->column}, "",
                                     "root element <" + b.root->name + "> is not what this file should hold; expected " + list);
    }
    return XmlDocument{file, std::move(b.root)};
}

XmlDocument read_xml(const std::string& path, const std::vector<std::string>& roots) {
    std::string why;
    const std::optional<std::string> text = read_text_file(path, why, kMaxSumoXmlBytes);
    if (!text) throw sim::ScenarioError({path, 0, 0}, "", "cannot read the file: " + why);
    return parse_xml(*text, path, roots);
}

void XmlDocument::fail(const XmlElement& e, const std::string& key, const std::string& message) const {
    throw sim::ScenarioError(mark(e), key.empty() ? "<" + e.name + ">" : "<" + e.name + " " + key + ">", message);
}

std::string XmlDocument::required(const XmlElement& e, std::string_view key) const {
    const std::string* v = e.attr(key);
    if (!v) fail(e, std::string(key), "missing attribute '" + std::string(key) + "'");
    return *v;
}

namespace {
std::optional<double> to_number(const std::string& s) {
    double v = 0.0;
    const char* b = s.data();
    while (*b == ' ') ++b;
    const char* e = s.data() + s.size();
    if (*b == '+') ++b;
    const auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc() || r.ptr != e || !std::isfinite(v)) return std::nullopt;
    return v;
}
}  // namespace

double XmlDocument::number(const XmlElement& e, std::string_view key, double fallback) const {
    const std::string* v = e.attr(key);
    if (!v) return fallback;
    const auto d = to_number(*v);
    if (!d) fail(e, std::string(key), "expected a number, got '" + *v + "'");
    return *d;
}

double XmlDocument::required_number(const XmlElement& e, std::string_view key) const {
    required(e, key);
    return number(e, key, 0.0);
}

long long XmlDocument::integer(const XmlElement& e, std::string_view key, long long fallback) const {
    const std::string* v = e.attr(key);
    if (!v) return fallback;
    long long x = 0;
    const auto r = std::from_chars(v->data(), v->data() + v->size(), x);
    if (r.ec != std::errc() || r.ptr != v->data() + v->size()) fail(e, std::string(key), "expected a whole number, got '" + *v + "'");
    return x;
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

}  // namespace citytwin::io
