// The trip CSV reader. Fields are split on commas and trimmed; quoting is not supported (link
// and type ids cannot contain commas), which keeps every column position exact for messages.
#include "io/scenario/trip_csv.hpp"

#include <algorithm>
#include <cctype>

#include "io/scenario/csv_line.hpp"
#include "io/scenario/quantity.hpp"

namespace citytwin::io {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string list_of(const std::unordered_set<std::string>& ids) {
    std::vector<std::string> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    for (const std::string& id : sorted) out += (out.empty() ? "" : ", ") + id;
    return out;
}

// A name is a label for joining the run's trips with the planner's own tables, not a text.
constexpr std::size_t kMaxNameChars = 256;

class RowReader {
public:
    RowReader(const std::string& file, const TripCsvRules& rules) : file_(file), rules_(rules) {}

    [[noreturn]] void fail(int line, int column, const std::string& message) const {
        throw sim::ScenarioError(sim::SourceMark{file_, line, column}, rules_.key_path, message);
    }

    bool is_header(const std::vector<CsvField>& f) const { return lower(f[0].text) == "depart"; }

    void check_header(int line, const std::vector<CsvField>& f) const {
        static const char* const kNames[] = {"depart", "from", "to", "type", "name"};
        const bool ok = f.size() >= 3 && f.size() <= 5 &&
                        std::equal(f.begin(), f.end(), kNames, [](const CsvField& a, const char* b) {
                            return lower(a.text) == b;
                        });
        if (!ok) fail(line, 1, "the header must be depart,from,to, depart,from,to,type or depart,from,to,type,name");
    }

    sim::TripSpec row(int line, const std::vector<CsvField>& f) const {
        if (f.size() < 3 || f.size() > 5)
            fail(line, 1, "expected 3 to 5 fields (depart,from,to[,type[,name]]), got " + std::to_string(f.size()));
        sim::TripSpec t;
        t.mark = sim::SourceMark{file_, line, 0};
        t.depart_s = depart(line, f[0]);
        t.from_link = link(line, f[1], "from");
        t.to_link = link(line, f[2], "to");
        if (f.size() >= 4 && !f[3].text.empty()) {
            if (!rules_.types.contains(f[3].text))
                fail(line, f[3].column, "column 'type': no vehicle type '" + f[3].text +
                                            "' (vehicle types: " + list_of(rules_.types) + ")");
            t.type = f[3].text;
        }
        if (f.size() == 5) {
            if (f[4].text.size() > kMaxNameChars)
                fail(line, f[4].column, "column 'name': " + std::to_string(f[4].text.size()) + " characters; a trip name may have at most " +
                                            std::to_string(kMaxNameChars));
            t.id = f[4].text;
        }
        return t;
    }

private:
    double depart(int line, const CsvField& f) const {
        if (f.text.empty()) fail(line, f.column, "column 'depart' is empty (expected seconds or a time such as '15 min')");
        double s = 0.0;
        try {
            s = parse_quantity(f.text, Dimension::Time);
        } catch (const QuantityError& e) {
            fail(line, f.column, std::string("column 'depart': ") + e.what());
        }
        if (s < 0.0) fail(line, f.column, "column 'depart': must not be negative, got '" + f.text + "'");
        if (s >= rules_.duration_s)
            fail(line, f.column, "column 'depart': '" + f.text + "' is not before the end of the scenario (duration " +
                                     format_number(rules_.duration_s) + " s)");
        return s;
    }

    std::string link(int line, const CsvField& f, const char* column) const {
        if (f.text.empty()) fail(line, f.column, std::string("column '") + column + "' is empty (expected a link id)");
        if (rules_.links && !rules_.links->contains(f.text))
            fail(line, f.column, std::string("column '") + column + "': no link '" + f.text + "' in network.links");
        return f.text;
    }

    const std::string& file_;
    const TripCsvRules& rules_;
};

}  // namespace

std::vector<sim::TripSpec> parse_trip_csv(std::string_view text, const std::string& file, const TripCsvRules& rules) {
    const RowReader reader(file, rules);
    std::vector<sim::TripSpec> trips;
    bool first_content = true;
    for_each_csv_row(text, [&](int line_number, const std::vector<CsvField>& fields) {
        if (first_content && reader.is_header(fields)) {
            reader.check_header(line_number, fields);
        } else {
            if (trips.size() == rules.max_trips)
                throw sim::ScenarioError(sim::SourceMark{file, line_number, 1}, rules.key_path,
                                         "more than " + std::to_string(rules.max_trips) +
                                             " trips; a run may have at most " + std::to_string(rules.max_trips));
            trips.push_back(reader.row(line_number, fields));
        }
        first_content = false;
    });
    if (trips.empty()) throw sim::ScenarioError(sim::SourceMark{file, 0, 0}, rules.key_path, "the trip file has no trips");
    return trips;
}

}  // namespace citytwin::io
