// Unit tables and the "<number> <unit>" parser. Factors convert to the base unit of each
// dimension (see quantity.hpp); temperature needs an offset as well.
#include "io/scenario/quantity.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>
#include <span>

namespace citytwin::io {

namespace {

struct Unit {
    std::string_view symbol;
    double factor;        // base = number * factor + offset
    double offset = 0.0;
};

constexpr Unit kLength[] = {{"m", 1.0},     {"km", 1000.0},    {"cm", 0.01},
                            {"mm", 0.001},  {"mi", 1609.344},  {"ft", 0.3048}};
constexpr Unit kTime[] = {{"s", 1.0}, {"ms", 0.001}, {"min", 60.0}, {"h", 3600.0}, {"d", 86400.0}};
constexpr Unit kSpeed[] = {{"m/s", 1.0}, {"km/h", 1.0 / 3.6}, {"kph", 1.0 / 3.6}, {"mph", 0.44704}};
constexpr Unit kAcceleration[] = {{"m/s^2", 1.0}, {"m/s²", 1.0}};
constexpr Unit kEnergy[] = {{"Wh", 1e-3},        {"kWh", 1.0},       {"MWh", 1e3},
                            {"J", 1.0 / 3.6e6},  {"kJ", 1.0 / 3.6e3}, {"MJ", 1.0 / 3.6}};
constexpr Unit kPower[] = {{"W", 1e-3}, {"kW", 1.0}, {"MW", 1e3}};
constexpr Unit kEnergyPerDistance[] = {{"kWh/km", 1.0}, {"Wh/km", 1e-3}, {"kWh/100km", 0.01}};
constexpr Unit kAngle[] = {{"deg", std::numbers::pi / 180.0}, {"°", std::numbers::pi / 180.0},
                           {"rad", 1.0}};
constexpr Unit kTemperature[] = {{"°C", 1.0}, {"degC", 1.0}, {"C", 1.0}, {"K", 1.0, -273.15}};
constexpr Unit kVoltage[] = {{"V", 1.0}, {"kV", 1000.0}};
constexpr Unit kIrradiance[] = {{"W/m^2", 1.0}, {"W/m²", 1.0}, {"W/m2", 1.0}, {"kW/m^2", 1e3}, {"kW/m²", 1e3}, {"kW/m2", 1e3}};

constexpr std::array kAllDimensions = {
    Dimension::Length,      Dimension::Time,  Dimension::Speed,
    Dimension::Acceleration, Dimension::Energy, Dimension::Power,
    Dimension::EnergyPerDistance, Dimension::Angle, Dimension::Temperature,
    Dimension::Voltage, Dimension::Irradiance};

std::span<const Unit> units_of(Dimension dim) {
    switch (dim) {
        case Dimension::Length: return kLength;
        case Dimension::Time: return kTime;
        case Dimension::Speed: return kSpeed;
        case Dimension::Acceleration: return kAcceleration;
        case Dimension::Energy: return kEnergy;
        case Dimension::Power: return kPower;
        case Dimension::EnergyPerDistance: return kEnergyPerDistance;
        case Dimension::Angle: return kAngle;
        case Dimension::Temperature: return kTemperature;
        case Dimension::Voltage: return kVoltage;
        case Dimension::Irradiance: return kIrradiance;
    }
    return {};
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "km / h" and "kWh/100 km" are accepted: spaces inside a unit carry no meaning.
const Unit* find_unit(Dimension dim, std::string_view symbol) {
    const std::string compact = without_spaces(symbol);
    for (const Unit& u : units_of(dim))
        if (u.symbol == compact) return &u;
    return nullptr;
}

std::string with_article(std::string_view noun) {
    const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
    return std::string(vowel ? "an " : "a ") + std::string(noun);
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string expectation(Dimension dim) {
    return "expected " + with_article(dimension_name(dim)) + " such as " +
           quoted(example_value(dim)) + " (or a plain number in " + std::string(base_unit(dim)) +
           ")";
}

}  // namespace

std::string_view dimension_name(Dimension dim) {
    switch (dim) {
        case Dimension::Length: return "length";
        case Dimension::Time: return "time";
        case Dimension::Speed: return "speed";
        case Dimension::Acceleration: return "acceleration";
        case Dimension::Energy: return "energy";
        case Dimension::Power: return "power";
        case Dimension::EnergyPerDistance: return "energy per distance";
        case Dimension::Angle: return "angle";
        case Dimension::Temperature: return "temperature";
        case Dimension::Voltage: return "voltage";
        case Dimension::Irradiance: return "irradiance";
    }
    return "quantity";
}

std::string dimension_with_article(Dimension dim) { return with_article(dimension_name(dim)); }

std::string_view base_unit(Dimension dim) {
    switch (dim) {
        case Dimension::Length: return "m";
        case Dimension::Time: return "s";
        case Dimension::Speed: return "m/s";
        case Dimension::Acceleration: return "m/s^2";
        case Dimension::Energy: return "kWh";
        case Dimension::Power: return "kW";
        case Dimension::EnergyPerDistance: return "kWh/km";
        case Dimension::Angle: return "rad";
        case Dimension::Temperature: return "°C";
        case Dimension::Voltage: return "V";
        case Dimension::Irradiance: return "W/m^2";
    }
    return "";
}

std::string_view example_value(Dimension dim) {
    switch (dim) {
        case Dimension::Length: return "250 m";
        case Dimension::Time: return "15 min";
        case Dimension::Speed: return "50 km/h";
        case Dimension::Acceleration: return "2.6 m/s^2";
        case Dimension::Energy: return "60 kWh";
        case Dimension::Power: return "7.2 kW";
        case Dimension::EnergyPerDistance: return "0.18 kWh/km";
        case Dimension::Angle: return "270 deg";
        case Dimension::Temperature: return "24 °C";
        case Dimension::Voltage: return "12.66 kV";
        case Dimension::Irradiance: return "650 W/m^2";
    }
    return "";
}

std::string accepted_units(Dimension dim) {
    std::string out;
    for (const Unit& u : units_of(dim)) {
        if (!out.empty()) out += ", ";
        out += u.symbol;
    }
    return out;
}

bool is_non_finite_spelling(std::string_view text) {
    std::string s = lower(trim(text));
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.erase(0, 1);
    if (!s.empty() && s.front() == '.') s.erase(0, 1);
    return s == "inf" || s == "infinity" || s == "nan";
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // from_chars rejects '+'
    if (text.empty() || text.front() == '+') return std::nullopt;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

double parse_quantity(std::string_view text, Dimension dim) {
    const std::string_view original = trim(text);
    std::string_view rest = original;
    if (rest.empty()) throw QuantityError(expectation(dim) + ", got an empty value");
    if (rest.front() == '+') rest.remove_prefix(1);

    double value = 0.0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec == std::errc::result_out_of_range)
        throw QuantityError(quoted(original) + " is too large a number");
    if (ec != std::errc()) {
        // ".inf km/h" does not start with something from_chars reads; name the real problem.
        const std::string_view head = rest.substr(0, rest.find_first_of(" \t"));
        if (is_non_finite_spelling(head) || is_non_finite_spelling(rest))
            throw QuantityError(quoted(original) + " is not a finite number");
        throw QuantityError(expectation(dim) + ", got " + quoted(original));
    }
    if (!std::isfinite(value)) throw QuantityError(quoted(original) + " is not a finite number");

    const std::string_view symbol = trim(std::string_view(end, rest.data() + rest.size() - end));
    if (symbol.empty()) return value;
    if (const Unit* u = find_unit(dim, symbol)) return value * u->factor + u->offset;

    for (Dimension other : kAllDimensions) {
        if (other == dim || find_unit(other, symbol) == nullptr) continue;
        throw QuantityError("expected " + with_article(dimension_name(dim)) + " (" +
                            accepted_units(dim) + "), got " + quoted(original) + ", which is " +
                            with_article(dimension_name(other)));
    }
    std::string message = "unknown unit " + quoted(symbol) + " in " + quoted(original) + "; " +
                          with_article(dimension_name(dim)) + " takes " + accepted_units(dim) +
                          " (or a plain number in " + std::string(base_unit(dim)) + ")";
    for (const Unit& u : units_of(dim))
        if (lower(u.symbol) == lower(without_spaces(symbol))) {
            message += "; did you mean " + quoted(u.symbol) + "?";
            break;
        }
    throw QuantityError(message);
}

std::string format_number(double value) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc()) return "?";
    return std::string(buf, end);
}

std::string format_limit(double value) {
    if (std::fabs(value) < 1e15 && std::floor(value) == value) return std::to_string(static_cast<long long>(value));
    return format_number(value);
}

}  // namespace citytwin::io
