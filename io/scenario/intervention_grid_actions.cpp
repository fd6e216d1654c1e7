// The actions of interventions on the weather, the air's stacks and the electricity grid:
// weather, stack, charging, pv, battery, feeder.
#include "io/scenario/intervention_actions.hpp"
#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {
namespace {

// Seconds of the local day of a clock time "HH:MM[:SS]".
double clock_of_day(const Field& f) {
    const double t = intervention_time(f, 0.0);
    if (f.text().find(':') == std::string::npos) f.fail("expected a clock time HH:MM, got " + f.describe());
    return t >= 86400.0 ? t - 86400.0 : t;
}

void need_power(const Field& a, const sim::Scenario& s, const char* what) {
    if (!s.power) a.fail_at_key(std::string(what) + " needs a power section (the grid it is part of)");
}

}  // namespace

void read_grid_action(const std::string& action, const Field& a, const sim::Scenario& s, sim::InterventionSpec& iv) {
    if (action == "pv") {
        iv.action = sim::InterventionAction::Pv;
        need_power(a, s, "PV");
        const MapReader c(a, {"buses", "kwp"});
        iv.buses = intervention_ids(c.required("buses"));
        const Field k = c.required("kwp");
        iv.kwp = k.positive_quantity(Dimension::Power);
        if (iv.kwp > 1e6) k.fail("expected at most 1,000,000 kW (1 GW) per bus, got " + k.describe());
    } else if (action == "weather") {
        iv.action = sim::InterventionAction::Weather;
        iv.weather = read_weather_override(a);
    } else if (action == "stack") {
        iv.action = sim::InterventionAction::Stack;
        const MapReader c(a, {"id", "scale"});
        const Field sid = c.required("id");
        iv.stack = sid.text();
        bool known = false;
        if (s.air)
            for (const sim::StackSpec& st : s.air->stacks) known |= st.id == iv.stack;
        if (!known) sid.fail("no stack '" + iv.stack + "' in air.stacks");
        const Field f = c.required("scale");
        iv.scale = f.non_negative_number();
        if (iv.scale > 1000.0) f.fail("expected a factor between 0 and 1000, got " + f.describe());
    } else if (action == "charging") {
        iv.action = sim::InterventionAction::Charging;
        need_power(a, s, "managed charging");
        const MapReader c(a, {"max_power", "start_after"});
        if (auto p = c.get("max_power")) iv.max_power_kw = p->positive_quantity(Dimension::Power);
        if (auto t = c.get("start_after")) iv.start_after_s_of_day = clock_of_day(*t);
        if (iv.max_power_kw < 0.0 && iv.start_after_s_of_day < 0.0) a.fail("expected max_power, start_after or both");
    } else if (action == "battery") {
        iv.action = sim::InterventionAction::Battery;
        need_power(a, s, "a battery");
        const MapReader c(a, {"bus", "kwh", "kw", "mode", "threshold", "soc"});
        iv.bus = c.required("bus").text();
        iv.battery_kwh = c.required("kwh").positive_quantity(Dimension::Energy, 1e6);
        iv.battery_kw = c.required("kw").positive_quantity(Dimension::Power, ranges::kBranchPowerMaxKw);
        if (auto m = c.get("mode"))
            if (m->text() != "peak_shaving") m->fail("expected mode peak_shaving (the one mode there is), got " + m->describe());
        iv.threshold_kw = c.required("threshold").non_negative_quantity(Dimension::Power, ranges::kBranchPowerMaxKw);
        if (auto soc = c.get("soc")) {
            iv.initial_soc = soc->non_negative_number();
            if (iv.initial_soc > 1.0) soc->fail("expected a state of charge between 0 and 1, got " + soc->describe());
        } else {
            iv.initial_soc = 1.0;
        }
    } else {
        iv.action = sim::InterventionAction::Feeder;
        need_power(a, s, "a feeder upgrade");
        const MapReader c(a, {"branch", "r_ohm", "x_ohm"});
        iv.branch = c.required("branch").text();
        const Field r = c.required("r_ohm"), x = c.required("x_ohm");
        iv.r_ohm = r.positive_number(ranges::kImpedanceMaxOhm);
        iv.x_ohm = x.non_negative_number(ranges::kImpedanceMaxOhm);
    }
}

}  // namespace citytwin::io
