// `citytwin info` renderings: the JSON must be one valid object (checked by a small strict
// parser here), NaN -> null, strings escaped; the text must align its KPI columns.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <variant>

#include "io/output/json_text.hpp"
#include "io/output/run_reader.hpp"

namespace citytwin::io {
namespace {

// --- a strict JSON parser for flat objects (values: string, number, bool, null) -------------
struct Null {};
using Value = std::variant<Null, bool, double, std::string>;

class FlatJson {
public:
    explicit FlatJson(std::string_view text) : s_(text) {}

    // Parses the whole text as one object; nullopt on any syntax error or trailing text.
    std::optional<std::map<std::string, Value>> parse() {
        std::map<std::string, Value> object;
        skip_space();
        if (!eat('{')) return std::nullopt;
        skip_space();
        if (!eat('}')) {
            do {
                skip_space();
                auto key = string();
                skip_space();
                if (!key || !eat(':')) return std::nullopt;
                skip_space();
                auto value = scalar();
                if (!value || object.count(*key) != 0) return std::nullopt;  // no duplicate keys
                object[*key] = *value;
                skip_space();
            } while (eat(','));
            if (!eat('}')) return std::nullopt;
        }
        skip_space();
        if (i_ != s_.size()) return std::nullopt;
        return object;
    }

private:
    bool eat(char c) {
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    bool eat_word(std::string_view w) {
        if (s_.substr(i_, w.size()) != w) return false;
        i_ += w.size();
        return true;
    }
    void skip_space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
            ++i_;
    }
    std::optional<std::string> string() {
        if (!eat('"')) return std::nullopt;
        std::string out;
        while (i_ < s_.size()) {
            const char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;  // must be escaped
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= s_.size()) return std::nullopt;
            const char e = s_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    if (i_ + 4 > s_.size()) return std::nullopt;
                    const auto code = std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16);
                    i_ += 4;
                    if (code < 0x80) {
                        out += static_cast<char>(code);
                    } else {
                        out += "<U+" + std::to_string(code) + ">";  // enough for the tests
                    }
                    break;
                }
                default: return std::nullopt;
            }
        }
        return std::nullopt;
    }
    std::optional<Value> scalar() {
        if (i_ >= s_.size()) return std::nullopt;
        if (s_[i_] == '"') {
            auto str = string();
            if (!str) return std::nullopt;
            return Value{*str};
        }
        if (eat_word("null")) return Value{Null{}};
        if (eat_word("true")) return Value{true};
        if (eat_word("false")) return Value{false};
        // JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
        const std::size_t start = i_;
        eat('-');
        if (eat('0')) {
        } else if (i_ < s_.size() && s_[i_] >= '1' && s_[i_] <= '9') {
            while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        } else {
            return std::nullopt;
        }
        if (eat('.')) {
            if (!(i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))))
                return std::nullopt;
            while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        }
        if (eat('e') || eat('E')) {
            if (!eat('+')) eat('-');
            if (!(i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))))
                return std::nullopt;
            while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        }
        return Value{std::stod(std::string(s_.substr(start, i_ - start)))};
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

RunSummary sample_summary() {
    RunSummary s;
    s.file = "out/run \"1\".h5";
    s.meta.scenario_name = "grid\n\"big\"\tcity\\ \x01";
    s.meta.backend = "cuda";
    s.meta.device_name = "NVIDIA H200";
    s.meta.seed = 18446744073709551615ULL;
    s.meta.duration_s = 3600;
    s.meta.step_s = 0.5;
    s.meta.output_every_s = 60;
    s.complete = true;
    s.nodes = 10;
    s.links = 20;
    s.link_frames = 60;
    s.last_time_s = 3600;
    s.kpis = {
        {"trips_total", 1200, "1", "trips in the demand"},
        {"mean_trip_duration_s", 423.125, "s", "mean duration of arrived trips"},
        {"mean_time_loss_s", std::numeric_limits<double>::quiet_NaN(), "s", "mean time loss"},
        {"vehicle_updates_per_s", std::numeric_limits<double>::infinity(), "s-1", "rate"},
        {"vehicle_km", 0.1, "km", "total distance driven"},
    };
    return s;
}

TEST(InfoJson, IsOneValidObjectWithAllKeys) {
    const std::string json = format_info_json(sample_summary());
    EXPECT_EQ(json.find('\n'), std::string::npos) << "one line";
    const auto parsed = FlatJson(json).parse();
    ASSERT_TRUE(parsed.has_value()) << json;
    const auto& o = *parsed;
    for (const char* key : {"scenario", "backend", "device", "seed", "complete", "file", "links",
                            "last_time_s", "trips_total", "mean_trip_duration_s",
                            "mean_time_loss_s", "vehicle_updates_per_s", "vehicle_km"})
        EXPECT_EQ(o.count(key), 1u) << key;
    EXPECT_EQ(std::get<std::string>(o.at("scenario")), "grid\n\"big\"\tcity\\ \x01");
    EXPECT_EQ(std::get<std::string>(o.at("file")), "out/run \"1\".h5");
    EXPECT_EQ(std::get<bool>(o.at("complete")), true);
    EXPECT_EQ(std::get<double>(o.at("links")), 20.0);
    EXPECT_EQ(std::get<double>(o.at("mean_trip_duration_s")), 423.125);
    EXPECT_TRUE(std::holds_alternative<Null>(o.at("mean_time_loss_s")));
    EXPECT_TRUE(std::holds_alternative<Null>(o.at("vehicle_updates_per_s")));
    EXPECT_EQ(std::get<double>(o.at("vehicle_km")), 0.1);
}

TEST(InfoJson, MatchesTheExpectedText) {
    EXPECT_EQ(format_info_json(sample_summary()),
              R"({"file":"out/run \"1\".h5","scenario":"grid\n\"big\"\tcity\\ \u0001",)"
              R"("backend":"cuda","device":"NVIDIA H200","seed":18446744073709551615,)"
              R"("complete":true,"links":20,"last_time_s":3600,"status":"complete","being_written":false,)"
              R"("duration_s":3600,"trips_total":1200,)"
              R"("mean_trip_duration_s":423.125,"mean_time_loss_s":null,)"
              R"("vehicle_updates_per_s":null,"vehicle_km":0.1})");
}

TEST(InfoJson, IncompleteRunWithoutFramesHasNullLastTime) {
    RunSummary s;
    s.last_time_s = std::numeric_limits<double>::quiet_NaN();
    s.kpis = {{"file", 1, "1", "clashes with a fixed key and is left out"}};
    const std::string json = format_info_json(s);
    const auto parsed = FlatJson(json).parse();
    ASSERT_TRUE(parsed.has_value()) << json;
    EXPECT_EQ(std::get<bool>(parsed->at("complete")), false);
    EXPECT_TRUE(std::holds_alternative<Null>(parsed->at("last_time_s")));
    EXPECT_EQ(std::get<std::string>(parsed->at("file")), "");
}

TEST(JsonText, EscapesAndRepairsStrings) {
    EXPECT_EQ(json_string("a\"b\\c\nd\re\tf\x7f"), R"("a\"b\\c\nd\re\tf\u007f")");
    EXPECT_EQ(json_string("caf\xc3\xa9 \xe2\x82\xac"),
              "\"caf\xc3\xa9 \xe2\x82\xac\"");  // UTF-8 kept
    EXPECT_EQ(json_string("bad \xff\xc3"), R"("bad \ufffd\ufffd")");
    EXPECT_EQ(json_string("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // a surrogate is invalid
}

TEST(JsonText, NumbersAreIntegersOrShortestRoundTrip) {
    EXPECT_EQ(json_number(42.0), "42");
    EXPECT_EQ(json_number(-3.0), "-3");
    EXPECT_EQ(json_number(0.1), "0.1");
    EXPECT_EQ(json_number(1.0 / 3.0), "0.3333333333333333");
    EXPECT_EQ(json_number(1e300), "1e+300");
    EXPECT_EQ(json_number(std::nan("")), "null");
    EXPECT_EQ(json_number(-std::numeric_limits<double>::infinity()), "null");
    const auto parsed = FlatJson("{\"x\":" + json_number(1e300) + "}").parse();
    ASSERT_TRUE(parsed.has_value());
}

TEST(InfoText, ShowsTheRunAndAlignsKpiColumns) {
    RunSummary s = sample_summary();
    s.meta.scenario_name = "grid";
    s.meta.scenario_file = "scenarios/grid.yaml";
    s.meta.overrides = {"seed=1", "traffic.demand=2"};
    const std::string text = format_info_text(s);
    for (const char* expected :
         {"grid", "scenarios/grid.yaml", "seed=1", "traffic.demand=2", "cuda", "NVIDIA H200",
          "18446744073709551615", "complete", "10 nodes, 20 links", "60 link frames", "3600 s"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;

    // The KPI table: values right-aligned (they end in one column), units start in one column.
    std::istringstream lines(text);
    std::string line;
    std::vector<std::string> table;
    bool in_table = false;
    while (std::getline(lines, line)) {
        if (line.find("KPI") != std::string::npos && line.find("value") != std::string::npos)
            in_table = true;
        else if (in_table)
            table.push_back(line);
    }
    ASSERT_EQ(table.size(), s.kpis.size()) << text;
    std::optional<std::size_t> units_column;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const std::string& row = table[i];
        const std::size_t unit_at = row.find(" " + s.kpis[i].units + " ") + 1;
        if (!units_column) units_column = unit_at;
        EXPECT_EQ(unit_at, *units_column) << row;
        EXPECT_EQ(row.substr(unit_at - 2, 2), "  ") << "two spaces before the units: " << row;
        EXPECT_NE(row[unit_at - 3], ' ') << "the value ends right before them: " << row;
    }
    EXPECT_NE(table[0].find("1200"), std::string::npos);
    EXPECT_NE(table[1].find("423.125"), std::string::npos);
    EXPECT_NE(table[2].find("n/a"), std::string::npos);
}

TEST(InfoText, FlagsAnIncompleteRun) {
    RunSummary s = sample_summary();
    s.complete = false;
    EXPECT_NE(format_info_text(s).find("INCOMPLETE"), std::string::npos);
}

}  // namespace
}  // namespace citytwin::io
