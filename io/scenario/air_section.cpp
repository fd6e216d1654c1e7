// air: the dispersion grid, the pollutants carried, removal, background and point sources
// (docs/scenario-format.md, "air"). Vehicle emission classes are checked where the air setup is
// built (sim/air/air_setup.cpp), which knows the HBEFA3 table.
#include <cmath>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"
#include "sim/air/pollutants.hpp"

namespace citytwin::io {

namespace {

// A map pollutant -> number, every key a carried pollutant (or NO2 where allowed).
std::vector<std::pair<std::string, double>> read_per_pollutant(const Field& f, const std::vector<std::string>& carried,
                                                               bool allow_no2, bool speed, double max) {
    std::vector<std::pair<std::string, double>> out;
    const MapReader m(f);
    for (const auto& [name, value] : m.entries()) {
        bool known = false;
        for (const std::string& p : carried) known = known || p == name;
        const bool nox = std::find(carried.begin(), carried.end(), "NOx") != carried.end();
        if (!known && !(allow_no2 && name == "NO2" && nox)) {
            std::string list;
            for (const std::string& p : carried) list += (list.empty() ? "" : ", ") + p;
            value.fail_at_key("'" + name + "' is not among air.pollutants (" + list + ")" +
                              (allow_no2 ? "; NO2 may be given when NOx is carried" : ""));
        }
        out.emplace_back(name, speed ? value.non_negative_quantity(Dimension::Speed, max) : value.non_negative_number(max));
    }
    return out;
}

sim::StackSpec read_stack(const Field& f, std::size_t index, const std::vector<std::string>& carried) {
    const MapReader m(f, {"id", "x", "y", "height", "rate_g_per_s", "profile"});
    sim::StackSpec s;
    s.mark = f.mark();
    s.id = m.has("id") ? m.required("id").text() : "stack" + std::to_string(index);
    s.x_m = m.required("x").quantity(Dimension::Length);
    s.y_m = m.required("y").quantity(Dimension::Length);
    if (auto h = m.get("height")) s.height_m = h->non_negative_quantity(Dimension::Length, ranges::kStackHeightMaxM);
    const Field rates = m.required("rate_g_per_s");
    for (const auto& [name, rate_g_s] : read_per_pollutant(rates, carried, false, false, ranges::kStackRateMaxGPerS))
        s.rate_kg_s.emplace_back(name, rate_g_s * 1e-3);
    if (auto p = m.get("profile")) {
        const std::vector<Field> items = p->items();
        if (items.size() != 24)
            p->fail("expected 24 hourly factors (local hours 0..23), got " + std::to_string(items.size()));
        for (const Field& x : items) s.hourly.push_back(x.non_negative_number(ranges::kProfileFactorMax));
    }
    return s;
}

}  // namespace

std::optional<sim::AirSpec> read_air(const std::optional<Field>& field, double traffic_step_s) {
    if (!field) return std::nullopt;
    sim::AirSpec a;
    a.mark = field->is_null() ? field->key_mark() : field->mark();
    if (field->is_null()) return a;  // "air:" alone: every default
    const MapReader m(*field, {"step", "cell", "margin", "pollutants", "limiter", "diffusivity", "no2_fraction",
                               "background", "decay", "deposition", "stacks"});
    if (auto f = m.get("step")) {
        a.step_s = f->positive_quantity(Dimension::Time, 3600.0);
        const double steps = a.step_s / traffic_step_s;
        if (std::fabs(steps - std::round(steps)) > 1e-6 || std::round(steps) < 1)
            f->fail("the air step must be a whole number of traffic steps (" + format_number(traffic_step_s) +
                    " s), got " + f->describe());
    }
    if (auto f = m.get("cell")) a.cell_m = f->quantity_in(Dimension::Length, ranges::kAirCellMinM, ranges::kAirCellMaxM);
    if (auto f = m.get("margin")) a.margin_m = f->non_negative_quantity(Dimension::Length, ranges::kAirMarginMaxM);
    if (auto f = m.get("pollutants")) {
        a.pollutants.clear();
        for (const Field& item : f->items()) {
            const std::string name = item.text();
            if (!sim::find_pollutant(name))
                item.fail("unknown pollutant '" + name + "'; known: " + sim::known_pollutant_names() +
                          " (NO2 is derived from NOx)");
            for (const std::string& p : a.pollutants)
                if (p == name) item.fail("pollutant '" + name + "' is listed twice");
            a.pollutants.push_back(name);
        }
        if (a.pollutants.empty()) f->fail("no pollutants; list at least one of " + sim::known_pollutant_names());
    }
    if (auto f = m.get("limiter")) {
        a.limiter = f->text();
        if (a.limiter != "van_leer" && a.limiter != "minmod")
            f->fail("expected 'van_leer' or 'minmod', got " + f->describe());
    }
    if (auto f = m.get("diffusivity")) {
        if (!(f->is_scalar() && f->node().Scalar() == "auto")) a.diffusivity_m2_s = f->non_negative_number(ranges::kDiffusivityMaxM2PerS);
    }
    if (auto f = m.get("no2_fraction")) {
        a.no2_fraction = f->non_negative_number();
        if (a.no2_fraction > 1.0) f->fail("expected a fraction between 0 and 1, got " + f->describe());
    }
    if (auto f = m.get("background")) a.background_ug_m3 = read_per_pollutant(*f, a.pollutants, true, false, ranges::kConcentrationMax);
    if (auto f = m.get("decay")) a.decay_per_s = read_per_pollutant(*f, a.pollutants, false, false, ranges::kDecayMaxPerS);
    if (auto f = m.get("deposition")) a.deposition_m_s = read_per_pollutant(*f, a.pollutants, false, true, ranges::kDepositionMaxMps);
    if (auto f = m.get("stacks")) {
        const std::vector<Field> items = f->items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            a.stacks.push_back(read_stack(items[i], i, a.pollutants));
            for (std::size_t k = 0; k + 1 < a.stacks.size(); ++k)
                if (a.stacks[k].id == a.stacks.back().id)
                    items[i].fail("stack id '" + a.stacks.back().id + "' is used twice");
        }
    }
    return a;
}

}  // namespace citytwin::io
