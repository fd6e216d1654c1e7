#include "io/scenario/csv_line.hpp"

namespace citytwin::io {

namespace {
bool is_space(char c) { return c == ' ' || c == '\t'; }
}  // namespace

std::vector<CsvField> split_csv_line(std::string_view line) {
    std::vector<CsvField> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
        std::size_t b = start, e = end;
        while (b < e && is_space(line[b])) ++b;
        while (e > b && is_space(line[e - 1])) --e;
        out.push_back({std::string(line.substr(b, e - b)), static_cast<int>((b < end ? b : start) + 1)});
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace citytwin::io
