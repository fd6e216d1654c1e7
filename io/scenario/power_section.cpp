// power: the grid (feeders from branch tables or generated per district), which bus supplies
// each zone, and the load model (docs/scenario-format.md, "power").
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "io/power/feeder_csv.hpp"
#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {

namespace {

constexpr int kMaxDistricts = 100;

std::string resolve(const std::string& path, const std::string& base_dir) {
    const std::filesystem::path p(path);
    return p.is_absolute() || base_dir.empty() ? path : (std::filesystem::path(base_dir) / p).string();
}

double fraction(const Field& f) {
    const double v = f.number();
    if (v < 0.0 || v > 1.0) f.fail("expected a fraction between 0 and 1, got " + f.describe());
    return v;
}

double per_unit_voltage(const Field& f) {
    const double v = f.positive_number();
    if (v < 0.5 || v > 1.5) f.fail("expected a voltage in pu between 0.5 and 1.5, got " + f.describe());
    return v;
}

constexpr std::size_t kMaxBranches = 5'000'000;  // all feeders together: a metropolitan grid many times over

// A branch value of either sign (generation is a negative load), at most `max` in magnitude.
double signed_value(const Field& f, double max, const char* unit) {
    const double v = f.number();
    if (std::fabs(v) > max)
        f.fail("must lie between -" + format_limit(max) + " and " + format_limit(max) + " " + unit + ", got " +
               f.describe());
    return v;
}

double base_kv(const Field& f) {
    return f.quantity_in(Dimension::Voltage, ranges::kBaseVoltageMinV, ranges::kBaseVoltageMaxV) / 1000.0;
}

// An id may be written as a number in YAML (bus: 18); it is kept as text.
std::string id_text(const Field& f) { return f.text(); }

sim::BranchSpec read_inline_branch(const Field& item) {
    const MapReader m(item, {"from", "to", "r_ohm", "x_ohm", "p_kw", "q_kvar", "ampacity_a"});
    sim::BranchSpec b;
    b.mark = item.mark();
    b.from = id_text(m.required("from"));
    b.to = id_text(m.required("to"));
    // The sign of r and x is checked with the feeder (a passive line); here only their size.
    b.r_ohm = signed_value(m.required("r_ohm"), ranges::kImpedanceMaxOhm, "ohm");
    b.x_ohm = signed_value(m.required("x_ohm"), ranges::kImpedanceMaxOhm, "ohm");
    if (auto f = m.get("p_kw")) b.p_kw = signed_value(*f, ranges::kBranchPowerMaxKw, "kW");
    if (auto f = m.get("q_kvar")) b.q_kvar = signed_value(*f, ranges::kBranchPowerMaxKw, "kvar");
    if (auto f = m.get("ampacity_a")) b.ampacity_a = f->non_negative_number(ranges::kAmpacityMaxA);
    return b;
}

sim::FeederSpec read_feeder(const Field& item, std::size_t index, const std::string& base_dir) {
    const MapReader m(item, {"id", "base", "branches", "slack", "slack_bus", "transformer_kva", "ampacity_a"});
    sim::FeederSpec s;
    s.mark = item.mark();
    s.key_path = item.path();
    s.id = m.has("id") ? id_text(m.required("id")) : "feeder" + std::to_string(index);
    const Field base = m.required("base");
    s.base_kv = base_kv(base);
    if (auto f = m.get("slack")) s.slack_pu = per_unit_voltage(*f);
    if (auto f = m.get("slack_bus")) s.slack_bus = id_text(*f);
    if (auto f = m.get("transformer_kva")) s.transformer_kva = f->non_negative_number(ranges::kTransformerMaxKva);
    if (auto f = m.get("ampacity_a")) s.ampacity_a = f->non_negative_number(ranges::kAmpacityMaxA);
    const Field branches = m.required("branches");
    if (branches.is_sequence()) {
        for (const Field& b : branches.items()) s.branches.push_back(read_inline_branch(b));
        if (s.branches.empty()) branches.fail("the branch list is empty");
    } else {
        s.branches_file = resolve(branches.text(), base_dir);
        s.branches = read_feeder_csv(s.branches_file, branches.path());
    }
    return s;
}

sim::FeederGenerateSpec read_generate(const Field& field) {
    const MapReader m(field, {"districts", "base", "r_ohm_per_km", "x_ohm_per_km", "ampacity_a", "transformer_kva",
                              "slack"});
    sim::FeederGenerateSpec g;
    g.mark = field.mark();
    if (auto f = m.get("districts")) {
        std::tie(g.districts_x, g.districts_y) = read_grid_count(*f, kMaxDistricts);
    }
    if (auto f = m.get("base")) g.base_kv = base_kv(*f);
    if (auto f = m.get("r_ohm_per_km")) g.r_ohm_per_km = f->positive_number(ranges::kImpedancePerKmMaxOhm);
    if (auto f = m.get("x_ohm_per_km")) g.x_ohm_per_km = f->non_negative_number(ranges::kImpedancePerKmMaxOhm);
    if (auto f = m.get("ampacity_a")) g.ampacity_a = f->non_negative_number(ranges::kAmpacityMaxA);
    if (auto f = m.get("transformer_kva")) g.transformer_kva = f->non_negative_number(ranges::kTransformerMaxKva);
    if (auto f = m.get("slack")) g.slack_pu = per_unit_voltage(*f);
    return g;
}

sim::LoadModelSpec read_loads(const Field& field) {
    const MapReader m(field, {"residential_kw_per_person", "commercial_kw_per_job", "industrial_kw_per_job",
                              "industrial_share", "power_factor", "heating_below", "cooling_above",
                              "heating_kw_per_c_person", "cooling_kw_per_c_person", "pv_kwp_per_person",
                              "pv_performance_ratio"});
    sim::LoadModelSpec l;
    l.mark = field.mark();
    constexpr double kw = ranges::kLoadPerPersonMaxKw;
    if (auto f = m.get("residential_kw_per_person")) l.residential_kw_per_person = f->non_negative_number(kw);
    if (auto f = m.get("commercial_kw_per_job")) l.commercial_kw_per_job = f->non_negative_number(kw);
    if (auto f = m.get("industrial_kw_per_job")) l.industrial_kw_per_job = f->non_negative_number(kw);
    if (auto f = m.get("industrial_share")) l.industrial_share = fraction(*f);
    if (auto f = m.get("power_factor")) {
        l.power_factor = f->number();
        if (!(l.power_factor > 0.0 && l.power_factor <= 1.0))
            f->fail("expected a power factor above 0 and at most 1, got " + f->describe());
    }
    const auto below = m.get("heating_below");
    const auto above = m.get("cooling_above");
    if (below) l.heating_below_c = below->quantity_in(Dimension::Temperature, -90.0, 60.0);
    if (above) l.cooling_above_c = above->quantity_in(Dimension::Temperature, -90.0, 60.0);
    if (l.heating_below_c > l.cooling_above_c) {
        const Field& where = above ? *above : *below;
        where.fail("the heating change point (" + format_number(l.heating_below_c) +
                   " °C) must not lie above the cooling change point (" + format_number(l.cooling_above_c) + " °C)");
    }
    constexpr double per_c = ranges::kTemperatureLoadMaxKw;
    if (auto f = m.get("heating_kw_per_c_person")) l.heating_kw_per_c_person = f->non_negative_number(per_c);
    if (auto f = m.get("cooling_kw_per_c_person")) l.cooling_kw_per_c_person = f->non_negative_number(per_c);
    if (auto f = m.get("pv_kwp_per_person")) l.pv_kwp_per_person = f->non_negative_number(kw);
    if (auto f = m.get("pv_performance_ratio")) l.pv_performance_ratio = fraction(*f);
    return l;
}

sim::ZoneSupplySpec read_supply(const Field& item) {
    const MapReader m(item, {"zone", "feeder", "bus", "pv_kwp"});
    sim::ZoneSupplySpec s;
    s.mark = item.mark();
    s.zone = id_text(m.required("zone"));
    s.feeder = id_text(m.required("feeder"));
    s.bus = id_text(m.required("bus"));
    if (auto f = m.get("pv_kwp")) s.pv_kwp = f->non_negative_number(ranges::kPvMaxKwp);
    return s;
}

}  // namespace

std::optional<sim::PowerSpec> read_power(const std::optional<Field>& field, const std::string& base_dir) {
    if (!field || field->is_null()) return std::nullopt;
    const MapReader m(*field, {"step", "tolerance", "max_iterations", "feeders", "generate", "supply", "loads"});
    sim::PowerSpec p;
    p.mark = field->mark();
    if (auto f = m.get("step")) {
        p.step_s = f->positive_quantity(Dimension::Time, ranges::kDayS);
        if (p.step_s < 1.0) f->fail("must be at least 1 s, got " + f->describe());
    }
    if (auto f = m.get("tolerance")) {
        p.tolerance_pu = f->positive_number();
        if (p.tolerance_pu > 1e-3) f->fail("must be at most 1e-3 pu, got " + f->describe());
    }
    if (auto f = m.get("max_iterations")) p.max_iterations = static_cast<int>(f->integer(1, 100000));
    const auto feeders = m.get("feeders");
    const auto generate = m.get("generate");
    if (feeders && generate) generate->fail_at_key("give either 'feeders' (with 'supply') or 'generate', not both");
    if (!feeders && !generate) field->fail("the power section needs 'feeders' (with 'supply') or 'generate'");
    if (generate) {
        p.generate = read_generate(*generate);
        if (auto s = m.get("supply")) s->fail_at_key("generated feeders supply every zone themselves; leave 'supply' out");
    } else {
        std::unordered_map<std::string, std::size_t> ids;
        const std::vector<Field> items = feeders->items();
        if (items.empty()) feeders->fail("the feeder list is empty");
        std::size_t branches = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            sim::FeederSpec f = read_feeder(items[i], i, base_dir);
            // Feeders may share one branch file: the total, not each file, bounds the grid's state.
            branches += f.branches.size();
            if (branches > kMaxBranches)
                items[i].fail("the feeders have more than " + std::to_string(kMaxBranches) +
                              " branches in all; a grid may have at most " + std::to_string(kMaxBranches));
            if (auto [it, fresh] = ids.emplace(f.id, i); !fresh)
                items[i].fail("duplicate feeder id '" + f.id + "' (" + first_place(p.feeders[it->second].mark) + ")");
            p.feeders.push_back(std::move(f));
        }
        const Field supply = m.required("supply");
        for (const Field& item : supply.items()) p.supply.push_back(read_supply(item));
        if (p.supply.empty()) supply.fail("the supply list is empty; name the bus that supplies each zone");
    }
    if (auto f = m.get("loads")) p.loads = read_loads(*f);
    else p.loads.mark = p.mark;
    return p;
}

}  // namespace citytwin::io
