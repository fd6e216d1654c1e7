// interventions: a list of timed what-if changes, each {id, at, until?, priority?, <one action>}
// (docs/scenario-format.md §16). Times are clock times or durations since the start. Two
// actions on the same thing at overlapping times need priorities: the list is kept in the order
// the models apply it (priority, then as written), so the higher priority is the one in force.
#include <algorithm>
#include <cmath>
#include <set>

#include "io/scenario/intervention_actions.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/run_time.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {
namespace {

constexpr const char* kActions[] = {"close", "speed_limit", "lanes", "signal", "ban", "demand", "fleet",
                                    "weather", "stack", "charging", "pv", "battery", "feeder"};

bool is_traffic(const std::string& a) {
    return a == "close" || a == "speed_limit" || a == "lanes" || a == "signal" || a == "ban" || a == "demand" || a == "fleet";
}

template <class T>
bool share(const std::vector<T>& a, const std::vector<T>& b, T& common) {
    for (const T& x : a)
        for (const T& y : b)
            if (x == y) {
                common = x;
                return true;
            }
    return false;
}

// What two interventions of the same action both change, or "" when nothing.
std::string shared_thing(const sim::InterventionSpec& a, const sim::InterventionSpec& b) {
    using A = sim::InterventionAction;
    std::string x;
    switch (a.action) {
        case A::Close:
        case A::SpeedLimit:
        case A::Lanes:
            if (share(a.links, b.links, x)) return "link " + x;
            if (share(a.lanes, b.lanes, x)) return "lane " + x;
            if (a.action == A::SpeedLimit && (!a.area.empty() || !b.area.empty())) return "the speed limits of an area";
            return {};
        case A::Ban:
            if (share(a.ban_types, b.ban_types, x)) return "the ban of type " + x;
            if (share(a.ban_classes, b.ban_classes, x)) return "the ban of class " + x;
            return {};
        case A::Stack: return a.stack == b.stack ? "stack " + a.stack : std::string{};
        case A::Signal: return a.node == b.node ? "the signal at node " + a.node : std::string{};
        case A::Pv: return share(a.buses, b.buses, x) ? "the PV at bus " + x : std::string{};
        case A::Battery: return a.bus == b.bus ? "the battery at bus " + a.bus : std::string{};
        case A::Feeder: return a.branch == b.branch ? "branch " + a.branch : std::string{};
        case A::Fleet: return a.type == b.type ? "type " + a.type : std::string{};
        case A::Charging:
        case A::Demand:
        case A::Weather: return std::string("the ") + sim::intervention_action_name(a.action);
    }
    return {};
}

void check_overlaps(const std::vector<sim::InterventionSpec>& out, double duration_s) {
    for (std::size_t i = 0; i < out.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const sim::InterventionSpec &a = out[i], &b = out[j];
            if (a.action != b.action) continue;
            const auto span = [&](const sim::InterventionSpec& x) {
                double from = x.at_s, to = x.until_s;
                if (x.action == sim::InterventionAction::Demand) {   // a demand scale acts on its departure window
                    if (x.demand_from_s >= 0.0) from = x.demand_from_s;
                    if (x.demand_to_s >= 0.0) to = x.demand_to_s;
                }
                return std::pair{from, to < 0 ? duration_s : to};
            };
            const auto [a_at, a_end] = span(a);
            const auto [b_at, b_end] = span(b);
            if (a_at >= b_end || b_at >= a_end) continue;
            const std::string thing = shared_thing(a, b);
            if (thing.empty()) continue;
            // A ban's vehicles route around one zone at a time, so bans of a type never overlap.
            const bool ranked = a.action != sim::InterventionAction::Ban && a.priority != b.priority;   // absent: 0
            if (ranked) continue;
            throw sim::ScenarioError(
                a.mark, "interventions",
                "intervention '" + a.id + "' changes " + thing + " while '" + b.id + "' (" + b.mark.str() + ") does; " +
                    (a.action == sim::InterventionAction::Ban ? std::string("give them times that do not overlap")
                                                              : "give them times that do not overlap, or different priorities "
                                                                "(the higher is in force while both are; none is 0)"));
        }
}

}  // namespace

double intervention_time(const Field& f, double start_seconds_of_day) {
    try {
        return parse_run_time(f.text(), start_seconds_of_day);
    } catch (const QuantityError& e) {
        f.fail(e.what());
    }
}

std::vector<std::string> intervention_ids(const Field& f) {
    std::vector<std::string> out;
    for (const Field& item : f.is_scalar() ? std::vector<Field>{f} : f.items()) out.push_back(item.text());
    if (out.empty()) f.fail("expected at least one id");
    return out;
}

std::vector<sim::InterventionSpec> read_interventions(const std::optional<Field>& field, const sim::Scenario& s) {
    std::vector<sim::InterventionSpec> out;
    if (!field || field->is_null()) return out;
    std::set<std::string> ids;
    for (const Field& item : field->items()) {
        const MapReader m(item, {"id", "at", "until", "priority", "close", "speed_limit", "lanes", "signal", "ban", "demand",
                                 "fleet", "weather", "stack", "charging", "pv", "battery", "feeder"});
        sim::InterventionSpec iv;
        iv.mark = item.mark();
        const Field id = m.required("id");
        iv.id = id.text();
        if (!ids.insert(iv.id).second) id.fail("a second intervention with id '" + iv.id + "'");
        const Field at = m.required("at");
        iv.at_s = intervention_time(at, s.start_seconds_of_day);
        if (iv.at_s >= s.duration_s) at.fail("is not before the end of the run (" + format_number(s.duration_s) + " s after the start)");
        if (auto until = m.get("until")) {
            iv.until_s = intervention_time(*until, s.start_seconds_of_day);
            if (iv.until_s <= iv.at_s) until->fail("must be after 'at' (" + format_number(iv.at_s) + " s), got " + until->describe());
        }
        if (auto p = m.get("priority")) {
            iv.priority = static_cast<int>(p->integer(-1000000, 1000000));
        }
        std::vector<std::string> actions;
        for (const char* a : kActions)
            if (m.get(a)) actions.push_back(a);
        if (actions.size() != 1)
            item.fail(actions.empty() ? "expected one action: close, speed_limit, lanes, signal, ban, demand, fleet, weather, stack, "
                                        "charging, pv, battery or feeder"
                                      : "give one action per intervention, got " + actions[0] + " and " + actions[1]);
        const Field a = *m.get(actions[0]);
        if (is_traffic(actions[0])) read_traffic_action(actions[0], a, s, iv);
        else read_grid_action(actions[0], a, s, iv);
        iv.weather.from_s = iv.at_s;
        iv.weather.until_s = iv.until_s;
        out.push_back(std::move(iv));
    }
    check_overlaps(out, s.duration_s);
    std::stable_sort(out.begin(), out.end(), [](const sim::InterventionSpec& a, const sim::InterventionSpec& b) {
        return a.priority < b.priority;
    });
    return out;
}

}  // namespace citytwin::io
