// weather: constant values, a location for the sun, and an optional time series whose entries
// override the constants from their time on (docs/scenario-format.md, "weather").
#include <array>
#include <cmath>
#include <numbers>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// 16-point compass names, clockwise from north, for `from: NW`.
constexpr std::array<const char*, 16> kCompass = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                                                  "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};

double read_direction(const Field& f) {
    const std::string t = f.is_scalar() ? f.node().Scalar() : "";
    for (std::size_t i = 0; i < kCompass.size(); ++i)
        if (t == kCompass[i]) return static_cast<double>(i) * 22.5 * kDeg;
    const double a = f.quantity(Dimension::Angle);
    if (a < 0.0 || a > 2.0 * std::numbers::pi + 1e-12)
        f.fail("expected a direction between 0 and 360 deg (where the wind blows from, clockwise from north) "
               "or a compass point such as 'W' or 'NNE', got " + f.describe());
    return a;
}

sim::Stability read_stability(const Field& f) {
    const std::string t = f.text();
    if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'F') return static_cast<sim::Stability>(t[0] - 'A');
    if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'f') return static_cast<sim::Stability>(t[0] - 'a');
    f.fail("expected a Pasquill-Gifford stability class A, B, C, D, E or F (A very unstable, D neutral, "
           "F stable), got " + f.describe());
}

void read_wind(const Field& f, sim::WeatherState& s) {
    const MapReader m(f, {"speed", "from"}, {{"to", "give 'from': where the wind blows from (meteorological convention)"},
                                             {"direction", "give 'from': where the wind blows from (meteorological convention)"}});
    if (auto v = m.get("speed")) s.wind_speed_mps = v->non_negative_quantity(Dimension::Speed, ranges::kWindMaxMps);
    if (auto v = m.get("from")) s.wind_from_rad = read_direction(*v);
}

// Keys a state may set, shared by the section itself and each series entry.
void read_state(const MapReader& m, sim::WeatherState& s) {
    if (auto v = m.get("temperature")) {
        s.temperature_c = v->quantity(Dimension::Temperature);
        if (s.temperature_c < -90.0 || s.temperature_c > 60.0)
            v->fail("expected an air temperature between -90 and 60 °C, got " + v->describe());
    }
    if (auto v = m.get("wind")) read_wind(*v, s);
    if (auto v = m.get("stability")) s.stability = read_stability(*v);
    if (auto v = m.get("mixing_height")) {
        s.mixing_height_m = v->positive_quantity(Dimension::Length);
        if (s.mixing_height_m < 10.0 || s.mixing_height_m > 5000.0)
            v->fail("expected a mixing height between 10 m and 5000 m, got " + v->describe());
    }
    if (auto v = m.get("irradiance")) {
        if (v->is_scalar() && v->node().Scalar() == "clear_sky") {
            s.irradiance_wm2 = -1.0;
        } else {
            s.irradiance_wm2 = v->non_negative_quantity(Dimension::Irradiance);
            if (s.irradiance_wm2 > 1400.0)
                v->fail("expected a global horizontal irradiance of at most 1400 W/m^2 (or 'clear_sky'), got " +
                        v->describe());
        }
    }
}

void read_location(const Field& f, sim::WeatherSpec& w) {
    const MapReader m(f, {"latitude", "longitude", "utc_offset"});
    if (auto v = m.get("latitude")) {
        w.latitude_rad = v->quantity(Dimension::Angle);
        if (std::abs(w.latitude_rad) > 90.0 * kDeg + 1e-12)
            v->fail("expected a latitude between -90 and 90 deg, got " + v->describe());
    }
    if (auto v = m.get("longitude")) {
        w.longitude_rad = v->quantity(Dimension::Angle);
        if (std::abs(w.longitude_rad) > 180.0 * kDeg + 1e-12)
            v->fail("expected a longitude between -180 and 180 deg (east positive), got " + v->describe());
    }
    if (auto v = m.get("utc_offset")) {
        w.utc_offset_h = v->quantity(Dimension::Time) / 3600.0;
        if (std::abs(w.utc_offset_h) > 14.0) v->fail("expected a UTC offset between -14 h and 14 h, got " + v->describe());
    }
}

}  // namespace

sim::WeatherSpec read_weather(const std::optional<Field>& field, double duration_s, const sim::SourceMark& absent) {
    sim::WeatherSpec w;
    w.mark = absent;
    w.samples.front().mark = absent;
    if (!field || field->is_null()) return w;
    w.mark = field->mark();
    const MapReader m(*field, {"location", "temperature", "wind", "stability", "mixing_height", "irradiance", "series"});
    if (auto v = m.get("location")) read_location(*v, w);
    sim::WeatherState base;
    read_state(m, base);
    w.samples = {sim::WeatherSample{0.0, base, field->mark()}};

    const auto series = m.get("series");
    if (!series) return w;
    const std::vector<Field> items = series->items();
    if (items.empty()) series->fail("the series is empty; give at least one entry with 'at', or leave 'series' out");
    w.samples.clear();
    sim::WeatherState state = base;  // an entry's missing keys keep the previous entry's values
    for (const Field& item : items) {
        const MapReader e(item, {"at", "temperature", "wind", "stability", "mixing_height", "irradiance"});
        const Field at = e.required("at");
        const double t = at.non_negative_quantity(Dimension::Time);
        if (!w.samples.empty() && t <= w.samples.back().at_s)
            at.fail("series times must increase: " + at.describe() + " is not after the previous entry's " +
                    format_number(w.samples.back().at_s) + " s");
        if (t > duration_s) at.fail("is after the end of the run (duration " + format_number(duration_s) + " s)");
        read_state(e, state);
        w.samples.push_back(sim::WeatherSample{t, state, item.mark()});
    }
    return w;
}

sim::WeatherOverride read_weather_override(const Field& f) {
    const MapReader m(f, {"temperature", "wind", "stability", "mixing_height", "irradiance"});
    sim::WeatherState s;
    read_state(m, s);
    sim::WeatherOverride o;
    if (m.get("temperature")) o.temperature_c = s.temperature_c;
    if (auto w = m.get("wind")) {
        const MapReader wm(*w);
        if (wm.get("speed")) o.wind_speed_mps = s.wind_speed_mps;
        if (wm.get("from")) o.wind_from_rad = s.wind_from_rad;
    }
    if (m.get("stability")) o.stability = s.stability;
    if (m.get("mixing_height")) o.mixing_height_m = s.mixing_height_m;
    if (m.get("irradiance")) o.irradiance_wm2 = s.irradiance_wm2;
    return o;
}

}  // namespace citytwin::io
