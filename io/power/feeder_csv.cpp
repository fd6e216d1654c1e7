#include "io/power/feeder_csv.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "io/scenario/csv_line.hpp"
#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/text_file.hpp"

namespace citytwin::io {

namespace {

constexpr const char* kColumns[] = {"from", "to", "r_ohm", "x_ohm", "p_kw", "q_kvar", "ampacity_a"};
constexpr const char* kHeader = "from,to,r_ohm,x_ohm,p_kw,q_kvar[,ampacity_a]";
// The largest magnitude of each numeric column and its unit (docs/scenario-format.md §15).
constexpr double kLimits[] = {ranges::kImpedanceMaxOhm, ranges::kImpedanceMaxOhm, ranges::kBranchPowerMaxKw,
                              ranges::kBranchPowerMaxKw, ranges::kAmpacityMaxA};
constexpr const char* kUnits[] = {"ohm", "ohm", "kW", "kvar", "A"};

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::vector<sim::BranchSpec> parse_feeder_csv(std::string_view text, const std::string& file,
                                              const std::string& key_path) {
    auto fail = [&](int line, int column, const std::string& message) {
        throw sim::ScenarioError(sim::SourceMark{file, line, column}, key_path, message);
    };
    std::vector<sim::BranchSpec> branches;
    bool first_content = true;
    for_each_csv_row(text, [&](int line, const std::vector<CsvField>& f) {
        const bool header = first_content && lower(f[0].text) == "from";
        first_content = false;
        if (header) {
            const bool ok = (f.size() == 6 || f.size() == 7) &&
                            std::equal(f.begin(), f.end(), kColumns,
                                       [](const CsvField& a, const char* b) { return lower(a.text) == b; });
            if (!ok) fail(line, 1, std::string("the header must be ") + kHeader);
            return;
        }
        if (f.size() != 6 && f.size() != 7)
            fail(line, 1, "expected 6 or 7 fields (" + std::string(kHeader) + "), got " + std::to_string(f.size()));
        sim::BranchSpec b;
        b.mark = sim::SourceMark{file, line, 0};
        for (int c = 0; c < 2; ++c)
            if (f[c].text.empty()) fail(line, f[c].column, std::string("column '") + kColumns[c] + "' is empty (expected a bus id)");
        b.from = f[0].text;
        b.to = f[1].text;
        double* values[] = {&b.r_ohm, &b.x_ohm, &b.p_kw, &b.q_kvar, &b.ampacity_a};
        for (std::size_t c = 2; c < f.size(); ++c) {
            const std::optional<double> v = parse_number(f[c].text);
            if (!v) fail(line, f[c].column, std::string("column '") + kColumns[c] + "': expected a number, got '" + f[c].text + "'");
            // The sign of r and x is the feeder's check (a passive line); here only the size.
            if (std::fabs(*v) > kLimits[c - 2] || (c == 6 && *v < 0.0))
                fail(line, f[c].column,
                     std::string("column '") + kColumns[c] + "': " + f[c].text + " " + kUnits[c - 2] +
                         " is out of range; expected " + (c == 6 ? "0" : "-" + format_limit(kLimits[c - 2])) + " to " +
                         format_limit(kLimits[c - 2]) + " " + kUnits[c - 2]);
            *values[c - 2] = *v;
        }
        branches.push_back(std::move(b));
    });
    if (branches.empty()) fail(0, 0, "the feeder file has no branches");
    return branches;
}

std::vector<sim::BranchSpec> read_feeder_csv(const std::string& file, const std::string& key_path) {
    std::string why;
    const std::optional<std::string> text = read_text_file(file, why, kMaxFeederCsvBytes);
    if (!text) throw sim::ScenarioError(sim::SourceMark{file, 0, 0}, key_path, "cannot read the feeder file: " + why);
    return parse_feeder_csv(*text, file, key_path);
}

}  // namespace citytwin::io
