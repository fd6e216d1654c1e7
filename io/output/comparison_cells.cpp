#include "io/output/comparison_cells.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "io/output/json_text.hpp"

namespace citytwin::io {

std::string human_number(double v) {
    if (std::isnan(v)) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

std::string signed_number(double v) {
    if (std::isnan(v)) return "n/a";
    return (v > 0 ? "+" : "") + human_number(v);
}

std::string percent_cell(double v) {
    if (std::isnan(v)) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, "%+.2f %%", v);
    return text;
}

std::string interval_cell(double low, double high) {
    if (std::isnan(low)) return "n/a";
    return "[" + signed_number(low) + ", " + signed_number(high) + "]";
}

std::string exact_number(double v) {
    if (!std::isfinite(v)) return std::isnan(v) ? "" : (v > 0 ? "inf" : "-inf");
    char text[64];
    const auto r = std::to_chars(text, text + sizeof text, v);
    return std::string(text, r.ptr);
}

std::string confidence_text(double c) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g %%", 100.0 * c);
    return text;
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

std::string notes_lines(const std::vector<std::string>& warnings, const std::vector<AssertionOutcome>& assertions,
                        const std::string& prefix) {
    std::string out;
    for (const std::string& w : warnings) out += prefix + "warning: " + w + '\n';
    for (const AssertionOutcome& a : assertions)
        out += prefix + (a.holds ? "holds:  " : "FAILS:  ") + a.text + "  (" + a.detail + ")\n";
    return out;
}

std::string json_strings(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + json_string(v[i]);
    return out + "]";
}

std::string assertions_json(const std::vector<AssertionOutcome>& assertions) {
    std::string out = "[";
    for (std::size_t i = 0; i < assertions.size(); ++i) {
        const AssertionOutcome& a = assertions[i];
        out += (i ? "," : "") + std::string("{\"assertion\":") + json_string(a.text) +
               ",\"holds\":" + (a.holds ? "true" : "false") + ",\"detail\":" + json_string(a.detail) + "}";
    }
    return out + "]";
}

std::string aligned_table(const std::vector<std::vector<std::string>>& rows, std::size_t left_columns) {
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
        width.resize(std::max(width.size(), row.size()), 0);
        for (std::size_t j = 0; j < row.size(); ++j) width[j] = std::max(width[j], row[j].size());
    }
    std::string out;
    for (const auto& cells : rows) {
        std::string text = " ";
        for (std::size_t j = 0; j < cells.size(); ++j) {
            const std::size_t pad = width[j] - cells[j].size();
            const bool left = j < left_columns || j + 1 == cells.size();
            text += "  " + (left ? cells[j] + std::string(pad, ' ') : std::string(pad, ' ') + cells[j]);
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + '\n';
    }
    return out;
}

std::string markdown_table(const std::vector<std::vector<std::string>>& rows, std::size_t left_columns) {
    auto line = [](const std::vector<std::string>& cells) {
        std::string text = "|";
        for (const std::string& cell : cells) {
            std::string escaped;
            for (char ch : cell) escaped += ch == '|' ? std::string("\\|") : std::string(1, ch);
            text += " " + escaped + " |";
        }
        return text + '\n';
    };
    std::string out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out += line(rows[i]);
        if (i > 0) continue;
        std::string rule = "|";
        for (std::size_t j = 0; j < rows[0].size(); ++j)
            rule += (j < left_columns || j + 1 == rows[0].size()) ? " --- |" : " ---: |";
        out += rule + '\n';
    }
    return out;
}

}  // namespace citytwin::io
