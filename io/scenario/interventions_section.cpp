// interventions: a list of timed what-if changes, each {id, at, until?, <one action>}
// (docs/scenario-format.md §16). Times are clock times or durations since the start; ids of
// links, stacks and types are checked against the network and the other sections here or, for
// links of generated networks, when the network is built.
#include <cmath>
#include <set>

#include "io/scenario/quantity.hpp"
#include "io/scenario/run_time.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {
namespace {

double run_time(const Field& f, double start_seconds_of_day) {
    try {
        return parse_run_time(f.text(), start_seconds_of_day);
    } catch (const QuantityError& e) {
        f.fail(e.what());
    }
}

std::vector<std::string> id_list(const Field& f) {
    std::vector<std::string> out;
    for (const Field& item : f.is_scalar() ? std::vector<Field>{f} : f.items()) out.push_back(item.text());
    if (out.empty()) f.fail("expected at least one id");
    return out;
}

// Seconds of the local day of a clock time "HH:MM[:SS]".
double clock_of_day(const Field& f) {
    const double t = run_time(f, 0.0);
    if (f.text().find(':') == std::string::npos) f.fail("expected a clock time HH:MM, got " + f.describe());
    return t >= 86400.0 ? t - 86400.0 : t;
}

}  // namespace

std::vector<sim::InterventionSpec> read_interventions(const std::optional<Field>& field, const sim::Scenario& s) {
    std::vector<sim::InterventionSpec> out;
    if (!field || field->is_null()) return out;
    std::set<std::string> ids;
    for (const Field& item : field->items()) {
        const MapReader m(item, {"id", "at", "until", "close", "speed_limit", "weather", "stack", "charging", "fleet",
                                 "demand", "signal", "pv"},
                          {{"lanes", "changing the number of lanes is not supported by this version of citytwin"},
                           {"feeder", "changing a feeder's lines is not supported by this version of citytwin"},
                           {"ban", "ban zones are not supported by this version of citytwin"},
                           {"battery", "batteries are not supported by this version of citytwin"}});
        sim::InterventionSpec iv;
        iv.mark = item.mark();
        const Field id = m.required("id");
        iv.id = id.text();
        if (!ids.insert(iv.id).second) id.fail("a second intervention with id '" + iv.id + "'");
        const Field at = m.required("at");
        iv.at_s = run_time(at, s.start_seconds_of_day);
        if (iv.at_s >= s.duration_s) at.fail("is not before the end of the run (" + format_number(s.duration_s) + " s after the start)");
        if (auto until = m.get("until")) {
            iv.until_s = run_time(*until, s.start_seconds_of_day);
            if (iv.until_s <= iv.at_s) until->fail("must be after 'at' (" + format_number(iv.at_s) + " s), got " + until->describe());
        }
        std::vector<std::string> actions;
        for (const char* a : {"close", "speed_limit", "weather", "stack", "charging", "fleet", "demand", "signal", "pv"})
            if (m.get(a)) actions.push_back(a);
        if (actions.size() != 1)
            item.fail(actions.empty() ? "expected one action: close, speed_limit, signal, weather, stack, charging, pv, fleet or demand"
                                      : "give one action per intervention, got " + actions[0] + " and " + actions[1]);
        const Field a = *m.get(actions[0]);
        if (actions[0] == "close") {
            iv.action = sim::InterventionAction::Close;
            const MapReader c(a, {"links", "on_closed_end"}, {{"lanes", "close whole links (links: [...]); closing single lanes is not supported by this version of citytwin"}});
            iv.links = id_list(c.required("links"));
            if (auto e = c.get("on_closed_end"))
                if (e->text() != "wait")
                    e->fail("trips whose origin or destination is closed wait for the reopening ('wait'); 'cancel' is not supported by this version of citytwin");
        } else if (actions[0] == "speed_limit") {
            iv.action = sim::InterventionAction::SpeedLimit;
            const MapReader c(a, {"links", "speed"}, {{"area", "give the links by id (links: [...]); areas are not supported by this version of citytwin"}});
            iv.links = id_list(c.required("links"));
            const Field v = c.required("speed");
            iv.speed_mps = v.positive_quantity(Dimension::Speed);
            if (iv.speed_mps > 150.0 / 3.6 + 1e-9) v.fail("expected a speed limit of at most 150 km/h, got " + v.describe());
        } else if (actions[0] == "signal") {
            iv.action = sim::InterventionAction::Signal;
            const MapReader c(a, {"node", "offset", "scale_green"},
                              {{"phases", "a new phase plan at a time is not supported by this version of citytwin; change its offset or scale_green"}});
            iv.node = c.required("node").text();
            if (auto o = c.get("offset")) {
                iv.offset_s = o->quantity(Dimension::Time);
                if (std::abs(*iv.offset_s) > 86400.0) o->fail("expected an offset of at most a day either way, got " + o->describe());
            }
            if (auto g = c.get("scale_green")) {
                iv.scale_green = g->non_negative_number();
                if (iv.scale_green < 0.1 || iv.scale_green > 10.0) g->fail("expected a factor between 0.1 and 10, got " + g->describe());
            }
            if (!iv.offset_s && !c.get("scale_green")) a.fail("expected offset, scale_green or both");
        } else if (actions[0] == "pv") {
            iv.action = sim::InterventionAction::Pv;
            if (!s.power) a.fail_at_key("PV needs a power section (the grid it feeds)");
            const MapReader c(a, {"buses", "kwp"});
            iv.buses = id_list(c.required("buses"));
            const Field k = c.required("kwp");
            iv.kwp = k.positive_quantity(Dimension::Power);
            if (iv.kwp > 1e6) k.fail("expected at most 1,000,000 kW (1 GW) per bus, got " + k.describe());
        } else if (actions[0] == "weather") {
            iv.action = sim::InterventionAction::Weather;
            iv.weather = read_weather_override(a);
        } else if (actions[0] == "stack") {
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
        } else if (actions[0] == "charging") {
            iv.action = sim::InterventionAction::Charging;
            if (!s.power) a.fail_at_key("managed charging needs a power section (the grid the cars charge from)");
            const MapReader c(a, {"max_power", "start_after"});
            if (auto p = c.get("max_power")) iv.max_power_kw = p->positive_quantity(Dimension::Power);
            if (auto t = c.get("start_after")) iv.start_after_s_of_day = clock_of_day(*t);
            if (iv.max_power_kw < 0.0 && iv.start_after_s_of_day < 0.0)
                a.fail("expected max_power, start_after or both");
        } else if (actions[0] == "fleet") {
            iv.action = sim::InterventionAction::Fleet;
            const MapReader c(a, {"type", "share"});
            const Field t = c.required("type");
            iv.type = t.text();
            bool known = false;
            for (const sim::VehicleTypeSpec& vt : s.vehicle_types) known |= vt.id == iv.type;
            if (!known) t.fail("no vehicle type '" + iv.type + "' in vehicle_types");
            const Field sh = c.required("share");
            iv.share = sh.non_negative_number();
            if (iv.share > 1.0) sh.fail("expected a share between 0 and 1, got " + sh.describe());
        } else {
            iv.action = sim::InterventionAction::Demand;
            const MapReader c(a, {"scale"}, {{"from", "the window is the intervention's own: at .. until"},
                                             {"to", "the window is the intervention's own: at .. until"}});
            const Field f = c.required("scale");
            iv.scale = f.non_negative_number();
            if (iv.scale > 10.0) f.fail("expected a factor between 0 and 10, got " + f.describe());
        }
        iv.weather.from_s = iv.at_s;
        iv.weather.until_s = iv.until_s;
        out.push_back(std::move(iv));
    }
    // Two changes of the same thing at once would leave the result to their order.
    for (std::size_t i = 0; i < out.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const sim::InterventionSpec &a = out[i], &b = out[j];
            if (a.action != b.action) continue;
            const double a_end = a.until_s < 0 ? s.duration_s : a.until_s, b_end = b.until_s < 0 ? s.duration_s : b.until_s;
            if (a.at_s >= b_end || b.at_s >= a_end) continue;
            std::string thing;
            for (const std::string& l : a.links)
                for (const std::string& m : b.links)
                    if (l == m) thing = "link " + l;
            if (a.action == sim::InterventionAction::Stack && a.stack == b.stack) thing = "stack " + a.stack;
            if (a.action == sim::InterventionAction::Signal && a.node == b.node) thing = "the signal at node " + a.node;
            if (a.action == sim::InterventionAction::Pv)
                for (const std::string& x : a.buses)
                    for (const std::string& y : b.buses)
                        if (x == y) thing = "the PV at bus " + x;
            if (a.action == sim::InterventionAction::Fleet && a.type == b.type) thing = "type " + a.type;
            if (a.action == sim::InterventionAction::Charging || a.action == sim::InterventionAction::Demand ||
                a.action == sim::InterventionAction::Weather)
                thing = std::string("the ") + sim::intervention_action_name(a.action);
            if (!thing.empty())
                throw sim::ScenarioError(a.mark, "interventions",
                                         "intervention '" + a.id + "' changes " + thing + " while '" + b.id + "' (" +
                                             b.mark.str() + ") does; give them times that do not overlap");
        }
    return out;
}

}  // namespace citytwin::io
