// Units: every unit of every dimension, the accepted spellings, and the errors.
#include <cmath>
#include <numbers>
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/quantity.hpp"

namespace citytwin::io {
namespace {

struct Case {
    const char* text;
    Dimension dim;
    double expected;
};

class QuantityUnits : public ::testing::TestWithParam<Case> {};

TEST_P(QuantityUnits, ConvertsToBaseUnit) {
    const Case c = GetParam();
    EXPECT_NEAR(parse_quantity(c.text, c.dim), c.expected, 1e-9 * std::max(1.0, std::fabs(c.expected)))
        << c.text;
}

constexpr double kPi = std::numbers::pi;

INSTANTIATE_TEST_SUITE_P(
    AllUnits, QuantityUnits,
    ::testing::Values(
        // length (m)
        Case{"250", Dimension::Length, 250.0}, Case{"250 m", Dimension::Length, 250.0},
        Case{"1.5 km", Dimension::Length, 1500.0}, Case{"12 cm", Dimension::Length, 0.12},
        Case{"300 mm", Dimension::Length, 0.3}, Case{"2 mi", Dimension::Length, 3218.688},
        Case{"10 ft", Dimension::Length, 3.048},
        // time (s)
        Case{"30 s", Dimension::Time, 30.0}, Case{"250 ms", Dimension::Time, 0.25},
        Case{"15 min", Dimension::Time, 900.0}, Case{"4 h", Dimension::Time, 14400.0},
        Case{"2 d", Dimension::Time, 172800.0},
        // speed (m/s)
        Case{"13.89 m/s", Dimension::Speed, 13.89}, Case{"36 km/h", Dimension::Speed, 10.0},
        Case{"72 kph", Dimension::Speed, 20.0}, Case{"30 mph", Dimension::Speed, 13.4112},
        // acceleration (m/s²)
        Case{"2.6 m/s^2", Dimension::Acceleration, 2.6}, Case{"4.5 m/s²", Dimension::Acceleration, 4.5},
        // energy (kWh)
        Case{"500 Wh", Dimension::Energy, 0.5}, Case{"60 kWh", Dimension::Energy, 60.0},
        Case{"2 MWh", Dimension::Energy, 2000.0}, Case{"3600000 J", Dimension::Energy, 1.0},
        Case{"7200 kJ", Dimension::Energy, 2.0}, Case{"36 MJ", Dimension::Energy, 10.0},
        // power (kW)
        Case{"7200 W", Dimension::Power, 7.2}, Case{"7.2 kW", Dimension::Power, 7.2},
        Case{"1.5 MW", Dimension::Power, 1500.0},
        // energy per distance (kWh/km)
        Case{"0.18 kWh/km", Dimension::EnergyPerDistance, 0.18},
        Case{"180 Wh/km", Dimension::EnergyPerDistance, 0.18},
        Case{"18 kWh/100km", Dimension::EnergyPerDistance, 0.18},
        Case{"18 kWh/100 km", Dimension::EnergyPerDistance, 0.18},
        // angle (rad)
        Case{"180 deg", Dimension::Angle, kPi}, Case{"90°", Dimension::Angle, kPi / 2},
        Case{"1 rad", Dimension::Angle, 1.0},
        // temperature (°C)
        Case{"24 °C", Dimension::Temperature, 24.0}, Case{"24 degC", Dimension::Temperature, 24.0},
        Case{"-5 C", Dimension::Temperature, -5.0}, Case{"300 K", Dimension::Temperature, 26.85},
        Case{"18", Dimension::Temperature, 18.0},
        // voltage (V)
        Case{"230 V", Dimension::Voltage, 230.0}, Case{"12.66 kV", Dimension::Voltage, 12660.0}));

TEST(Quantity, SpacesAreOptionalAndIgnoredAround) {
    EXPECT_DOUBLE_EQ(parse_quantity("250m", Dimension::Length), 250.0);
    EXPECT_DOUBLE_EQ(parse_quantity("  250   m  ", Dimension::Length), 250.0);
    EXPECT_DOUBLE_EQ(parse_quantity("50km/h", Dimension::Speed), 50.0 / 3.6);
    EXPECT_DOUBLE_EQ(parse_quantity("50 km / h", Dimension::Speed), 50.0 / 3.6);
    EXPECT_DOUBLE_EQ(parse_quantity("1e3 m", Dimension::Length), 1000.0);
    EXPECT_DOUBLE_EQ(parse_quantity("+2 h", Dimension::Time), 7200.0);
    EXPECT_DOUBLE_EQ(parse_quantity("-3", Dimension::Length), -3.0);  // sign rules are the caller's
}

std::string error_of(const char* text, Dimension dim) {
    try {
        parse_quantity(text, dim);
    } catch (const QuantityError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Quantity, UnknownUnitListsTheAcceptedUnits) {
    const std::string e = error_of("30 kg", Dimension::Speed);
    EXPECT_NE(e.find("unknown unit 'kg' in '30 kg'"), std::string::npos) << e;
    EXPECT_NE(e.find("m/s, km/h, kph, mph"), std::string::npos) << e;
}

TEST(Quantity, UnknownUnitWithWrongCaseSuggestsTheRightOne) {
    const std::string e = error_of("50 KM/H", Dimension::Speed);
    EXPECT_NE(e.find("did you mean 'km/h'?"), std::string::npos) << e;
}

TEST(Quantity, UnitOfAnotherDimensionNamesBoth) {
    const std::string e = error_of("30 km", Dimension::Speed);
    EXPECT_NE(e.find("expected a speed (m/s, km/h, kph, mph), got '30 km', which is a length"), std::string::npos)
        << e;
    EXPECT_NE(error_of("5 m", Dimension::Time).find("which is a length"), std::string::npos);
    EXPECT_NE(error_of("5 kW", Dimension::Energy).find("expected an energy"), std::string::npos);
}

TEST(Quantity, TextWithoutANumberSaysWhatIsExpected) {
    const std::string e = error_of("fast", Dimension::Speed);
    EXPECT_NE(e.find("expected a speed such as '50 km/h' (or a plain number in m/s), got 'fast'"),
              std::string::npos)
        << e;
    EXPECT_NE(error_of("", Dimension::Length).find("empty"), std::string::npos);
    EXPECT_NE(error_of("km", Dimension::Length).find("got 'km'"), std::string::npos);
}

TEST(Quantity, NonFiniteNumbersAreRejected) {
    for (const char* t : {"inf", "-inf m", "nan s", ".inf", ".NaN km/h", "infinity"})
        EXPECT_NE(error_of(t, Dimension::Length).find("not a finite number"), std::string::npos) << t;
    EXPECT_NE(error_of("1e999 m", Dimension::Length).find("too large"), std::string::npos);
}

TEST(Quantity, DescribesDimensions) {
    EXPECT_EQ(dimension_name(Dimension::EnergyPerDistance), "energy per distance");
    EXPECT_EQ(dimension_with_article(Dimension::Acceleration), "an acceleration");
    EXPECT_EQ(base_unit(Dimension::Energy), "kWh");
    EXPECT_EQ(accepted_units(Dimension::Voltage), "V, kV");
}

TEST(Number, ParsesWholeFiniteNumbersOnly) {
    EXPECT_EQ(parse_number("2.5"), 2.5);
    EXPECT_EQ(parse_number(" -3 "), -3.0);
    EXPECT_EQ(parse_number("+4"), 4.0);
    EXPECT_FALSE(parse_number("3 m"));
    EXPECT_FALSE(parse_number("abc"));
    EXPECT_FALSE(parse_number("nan"));
    EXPECT_FALSE(parse_number(".inf"));
    EXPECT_FALSE(parse_number(""));
    EXPECT_FALSE(parse_number("++4"));
    EXPECT_TRUE(is_non_finite_spelling("-.Inf"));
    EXPECT_FALSE(is_non_finite_spelling("info"));
}

TEST(Number, FormatsShortest) {
    EXPECT_EQ(format_number(0.5), "0.5");
    EXPECT_EQ(format_number(13.89), "13.89");
    EXPECT_EQ(format_number(300.0), "300");
}

}  // namespace
}  // namespace citytwin::io
