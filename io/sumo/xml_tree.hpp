#pragma once
// A small XML tree for SUMO's files, read with expat: element names without namespace prefix,
// attributes in file order, the line each element starts on. Comments, processing instructions
// and text are skipped (SUMO's formats carry everything in attributes).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/scenario_error.hpp"

namespace citytwin::io {

struct XmlElement {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attrs;
    std::vector<std::unique_ptr<XmlElement>> children;
    int line = 0;
    int column = 0;

    const std::string* attr(std::string_view key) const;
    std::vector<const XmlElement*> all(std::string_view child_name) const;  // direct children
};

struct XmlDocument {
    std::string file;
    std::unique_ptr<XmlElement> root;

    sim::SourceMark mark(const XmlElement& e) const { return {file, e.line, e.column}; }
    // Error at an element: "<file>:<line>:<col>: <element>[@attr]: message".
    [[noreturn]] void fail(const XmlElement& e, const std::string& key, const std::string& message) const;
    // Typed attribute access with errors naming file, line, element and attribute.
    std::string required(const XmlElement& e, std::string_view key) const;
    double number(const XmlElement& e, std::string_view key, double fallback) const;
    double required_number(const XmlElement& e, std::string_view key) const;
    long long integer(const XmlElement& e, std::string_view key, long long fallback) const;
};

// Reads and parses a whole file. Throws ScenarioError (file:line:column) for a missing file,
// malformed or truncated XML, or a root element other than one of `roots` (when given).
XmlDocument read_xml(const std::string& path, const std::vector<std::string>& roots = {});
XmlDocument parse_xml(const std::string& text, const std::string& file_for_messages,
                      const std::vector<std::string>& roots = {});

// Space- or comma-separated items of an attribute ("a b  c", "a,b").
std::vector<std::string> split_list(std::string_view s);

}  // namespace citytwin::io
