// Tag values as the OpenStreetMap wiki documents them (Key:oneway, Key:maxspeed, Key:lanes,
// "Default speed limits"). The choices for values with no number are in docs/import.md.
#include "io/osm/tag_values.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace citytwin::io::osm {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

constexpr double kWalkKmh = 7.0;       // "walk": walking pace, the upper end of the usual 4-7 km/h
constexpr double kNoLimitKmh = 130.0;  // "none": the German advisory motorway speed
constexpr double kUrbanKmh = 50.0;     // "XX:urban" in every country the wiki lists

struct CountryLimits {
    std::string_view code;
    double rural_kmh;
    double motorway_kmh;
};

// Rural and motorway limits per country (OSM wiki, "Default speed limits").
constexpr std::array<CountryLimits, 16> kCountries{{
    {"AT", 100, 130}, {"BE", 70, 120}, {"CH", 80, 120}, {"CZ", 90, 130},
    {"DE", 100, kNoLimitKmh}, {"DK", 80, 130}, {"ES", 90, 120}, {"FI", 80, 120},
    {"FR", 80, 130}, {"GB", 96.56, 112.65}, {"IE", 80, 120}, {"IT", 90, 130},
    {"NL", 80, 100}, {"NO", 80, 110}, {"PL", 90, 140}, {"SE", 70, 110},
}};

std::optional<double> number_prefix(std::string_view& s) {
    double v = 0.0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data()) return std::nullopt;
    s.remove_prefix(static_cast<std::size_t>(end - s.data()));
    return v;
}

std::optional<double> country_default(std::string_view country, std::string_view kind) {
    if (kind == "urban") return kUrbanKmh;
    if (kind == "living_street" || kind == "walk") return kWalkKmh;
    if (kind == "bicycle_road" || kind == "cyclestreet") return 30.0;
    // zone30, zone:30, zone20 ...
    std::string_view rest = kind;
    if (rest.substr(0, 4) == "zone") {
        rest.remove_prefix(4);
        if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
        auto v = number_prefix(rest);
        if (v && rest.empty() && *v > 0) return *v;
        return std::nullopt;
    }
    for (const CountryLimits& c : kCountries) {
        if (c.code != country) continue;
        if (kind == "rural" || kind == "trunk") return c.rural_kmh;
        if (kind == "motorway") return c.motorway_kmh;
    }
    return std::nullopt;
}

}  // namespace

Oneway parse_oneway(std::string_view value) {
    const std::string v = lower(trim(value));
    if (v == "yes" || v == "true" || v == "1") return Oneway::Forward;
    if (v == "-1" || v == "reverse") return Oneway::Backward;
    if (v == "no" || v == "false" || v == "0") return Oneway::No;
    if (v == "reversible" || v == "alternating") return Oneway::Reversible;
    return Oneway::Unknown;
}

std::optional<double> parse_maxspeed_kmh(std::string_view value) {
    std::string_view s = trim(value);
    const std::string l = lower(s);
    if (l == "walk") return kWalkKmh;
    if (l == "none") return kNoLimitKmh;
    if (const auto colon = s.find(':'); colon != std::string_view::npos) {
        const std::string country(s.substr(0, colon));
        return country_default(country, lower(s.substr(colon + 1)));
    }
    auto v = number_prefix(s);
    if (!v || !(*v > 0.0) || *v > 300.0) return std::nullopt;
    const std::string unit = lower(trim(s));
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") return *v;
    if (unit == "mph") return *v * 1.609344;
    if (unit == "knots") return *v * 1.852;
    return std::nullopt;
}

std::optional<int> parse_lane_count(std::string_view value) {
    const std::string_view s = trim(value);
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 1 || v > 16) return std::nullopt;
    return v;
}

}  // namespace citytwin::io::osm
