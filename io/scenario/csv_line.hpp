#pragma once
// One line of a CSV input file split on commas, each field trimmed and knowing its column, so
// readers can point at file:line:column. Quoting is not supported: ids never contain commas.
#include <string>
#include <string_view>
#include <vector>

namespace citytwin::io {

struct CsvField {
    std::string text;  // trimmed
    int column = 1;    // 1-based column of its first character (of the cell, if empty)
};

std::vector<CsvField> split_csv_line(std::string_view line);

// Calls `row(line_number, fields)` for every line of `text` that is not blank or a '#'
// comment; strips a UTF-8 byte-order mark and CR line ends.
template <class RowFn>
void for_each_csv_row(std::string_view text, RowFn&& row) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // spreadsheet programs write a BOM
    int line_number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') continue;
        row(line_number, split_csv_line(line));
    }
}

}  // namespace citytwin::io
