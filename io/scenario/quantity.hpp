#pragma once
// Physical quantities as written in a scenario: a plain number in the base unit of its dimension,
// or "<number> <unit>" ("50 km/h", "250m", "7.2 kW"). Parsing knows nothing about YAML; the
// scenario readers wrap a QuantityError with the file position and key path.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace citytwin::io {

enum class Dimension {
    Length,             // base m
    Time,               // base s
    Speed,              // base m/s
    Acceleration,       // base m/s²
    Energy,             // base kWh (the model structs keep energy in kWh)
    Power,              // base kW
    EnergyPerDistance,  // base kWh/km
    Angle,              // base rad
    Temperature,        // base °C (a coherent SI unit; plain "24" means 24 °C, not 24 K)
    Voltage,            // base V
    Irradiance,         // base W/m²
};

// What went wrong, in words for the person who wrote the value; no position (the caller adds it).
class QuantityError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The value of `text` in the base unit of `dim`. Throws QuantityError for anything that is not
// a finite number followed by an optional unit of that dimension.
double parse_quantity(std::string_view text, Dimension dim);

// "length", "energy per distance", ...
std::string_view dimension_name(Dimension dim);
// "a length", "an energy", ...
std::string dimension_with_article(Dimension dim);
// "m", "kWh/km", ...
std::string_view base_unit(Dimension dim);
// The unit symbols accepted for `dim`, comma separated: "m/s, km/h, kph, mph".
std::string accepted_units(Dimension dim);
// An example value for messages: "50 km/h".
std::string_view example_value(Dimension dim);

// A whole string as a finite number ("2.5", "-3", "1e3", "+4"); nullopt for anything else,
// including YAML's .inf and .nan.
std::optional<double> parse_number(std::string_view text);
// True for the spellings of infinity and not-a-number (inf, .inf, nan, .NaN, ...).
bool is_non_finite_spelling(std::string_view text);

// Shortest text that reads back as the same double: 0.5, 13.89, 1e+20.
std::string format_number(double value);
// A limit as the docs write it: whole numbers in full (1000000, not 1e+06), others as
// format_number.
std::string format_limit(double value);

}  // namespace citytwin::io
