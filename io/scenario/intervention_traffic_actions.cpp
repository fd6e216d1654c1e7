// The traffic actions of interventions: close, speed_limit, lanes, signal, ban, fleet, demand.
#include <cmath>
#include <set>

#include "io/scenario/intervention_actions.hpp"
#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/quantity.hpp"
#include "io/scenario/run_time.hpp"

namespace citytwin::io {
namespace {

// area: {polygon: [[x, y], ...]} in network coordinates (m), at least three corners, no two
// consecutive corners equal.
std::vector<std::pair<double, double>> read_area(const Field& f) {
    const MapReader m(f, {"polygon"});
    const Field poly = m.required("polygon");
    std::vector<std::pair<double, double>> out;
    for (const Field& corner : poly.items()) {
        const std::vector<Field> xy = corner.is_sequence() ? corner.items() : std::vector<Field>{};
        if (xy.size() != 2) corner.fail("expected a corner [x, y] (metres in the network's coordinates), got " + corner.describe());
        const double x = xy[0].quantity(Dimension::Length), y = xy[1].quantity(Dimension::Length);
        if (std::abs(x) > ranges::kCoordinateMaxM || std::abs(y) > ranges::kCoordinateMaxM)
            corner.fail("expected coordinates within ±" + format_number(ranges::kCoordinateMaxM) + " m, got " + corner.describe());
        if (!out.empty() && out.back() == std::make_pair(x, y)) corner.fail("repeats the corner before it");
        out.emplace_back(x, y);
    }
    if (out.size() < 3) poly.fail("a polygon needs at least three corners, got " + std::to_string(out.size()));
    if (out.size() > ranges::kPolygonMaxCorners)
        poly.fail("expected at most " + std::to_string(ranges::kPolygonMaxCorners) + " corners, got " + std::to_string(out.size()));
    if (out.front() == out.back()) out.pop_back();   // a closed ring written out
    if (out.size() < 3) poly.fail("a polygon needs at least three distinct corners");
    return out;
}

std::vector<std::string> movements(const std::optional<Field>& f) {
    std::vector<std::string> out;
    if (!f) return out;
    for (const Field& m : f->items()) {
        const std::string s = m.text();
        const auto gt = s.find('>');
        if (gt == std::string::npos || gt == 0 || gt + 1 == s.size() || s.find('>', gt + 1) != std::string::npos)
            m.fail("expected a movement 'in_link>out_link', got " + m.describe());
        out.push_back(s);
    }
    return out;
}

std::vector<sim::InterventionPhase> read_phases(const Field& f) {
    std::vector<sim::InterventionPhase> out;
    for (const Field& item : f.items()) {
        const MapReader m(item, {"duration", "green", "minor", "yellow", "state"});
        sim::InterventionPhase ph;
        ph.mark = item.mark();
        ph.duration_s = m.required("duration").positive_quantity(Dimension::Time, ranges::kPhaseMaxS);
        if (auto st = m.get("state")) {
            if (m.get("green") || m.get("minor") || m.get("yellow"))
                st->fail("give a phase either as a state string or as green/minor/yellow movements, not both");
            ph.state = st->text();
            for (char c : ph.state)
                if (std::string("GgyYrRsuoO").find(c) == std::string::npos)
                    st->fail(std::string("expected SUMO signal states (G g y r s u o), got '") + c + "'");
        }
        ph.green = movements(m.get("green"));
        ph.minor = movements(m.get("minor"));
        ph.yellow = movements(m.get("yellow"));
        out.push_back(std::move(ph));
    }
    if (out.empty()) f.fail("a signal plan needs at least one phase");
    if (out.size() > ranges::kPlanMaxPhases)
        f.fail("expected at most " + std::to_string(ranges::kPlanMaxPhases) + " phases, got " + std::to_string(out.size()));
    return out;
}

void read_signal(const Field& a, sim::InterventionSpec& iv) {
    const MapReader c(a, {"node", "offset", "scale_green", "phases"});
    iv.node = c.required("node").text();
    if (auto o = c.get("offset")) {
        iv.offset_s = o->quantity(Dimension::Time);
        if (std::abs(*iv.offset_s) > 86400.0) o->fail("expected an offset of at most a day either way, got " + o->describe());
    }
    if (auto g = c.get("scale_green")) {
        iv.scale_green = g->non_negative_number();
        if (iv.scale_green < 0.1 || iv.scale_green > 10.0) g->fail("expected a factor between 0.1 and 10, got " + g->describe());
    }
    if (auto p = c.get("phases")) {
        if (c.get("scale_green")) p->fail("a new plan has its own phase durations; give phases or scale_green, not both");
        iv.phases = read_phases(*p);
    }
    if (!iv.offset_s && !c.get("scale_green") && iv.phases.empty()) a.fail("expected phases, offset, scale_green or offset with one of them");
}

void read_ban(const Field& a, const sim::Scenario& s, sim::InterventionSpec& iv) {
    const MapReader c(a, {"area", "links", "classes", "types", "replace_with"});
    if (auto area = c.get("area")) iv.area = read_area(*area);
    if (auto links = c.get("links")) {
        if (c.get("area")) links->fail("give the zone as an area or as links, not both");
        iv.links = intervention_ids(*links);
    }
    if (!c.get("area") && !c.get("links")) a.fail("expected the zone: area: {polygon: [[x, y], ...]} or links: [...]");
    std::set<std::string> classes, types;
    for (const sim::VehicleTypeSpec& t : s.vehicle_types) {
        classes.insert(t.emission_class);
        types.insert(t.id);
    }
    if (auto cl = c.get("classes")) {
        iv.ban_classes = intervention_ids(*cl);
        for (const std::string& x : iv.ban_classes)
            if (!classes.count(x)) cl->fail("no vehicle type has emission class '" + x + "'");
    }
    if (auto ty = c.get("types")) {
        iv.ban_types = intervention_ids(*ty);
        for (const std::string& x : iv.ban_types)
            if (!types.count(x)) ty->fail("no vehicle type '" + x + "' in vehicle_types");
    }
    if (iv.ban_classes.empty() && iv.ban_types.empty()) a.fail("expected the vehicles banned: classes: [...] (emission classes) or types: [...]");
    if (auto r = c.get("replace_with")) {
        iv.replace_with = r->text();
        const sim::VehicleTypeSpec* rt = nullptr;
        for (const sim::VehicleTypeSpec& t : s.vehicle_types)
            if (t.id == iv.replace_with) rt = &t;
        if (!rt) r->fail("no vehicle type '" + iv.replace_with + "' in vehicle_types");
        for (const std::string& x : iv.ban_types)
            if (x == rt->id) r->fail("type '" + x + "' is itself banned");
        for (const std::string& x : iv.ban_classes)
            if (x == rt->emission_class) r->fail("type '" + rt->id + "' has the banned emission class '" + x + "'");
    }
}

}  // namespace

void read_traffic_action(const std::string& action, const Field& a, const sim::Scenario& s, sim::InterventionSpec& iv) {
    if (action == "close") {
        iv.action = sim::InterventionAction::Close;
        const MapReader c(a, {"links", "lanes", "on_closed_end"});
        if (auto l = c.get("links")) iv.links = intervention_ids(*l);
        if (auto l = c.get("lanes")) iv.lanes = intervention_ids(*l);
        if (!c.get("links") && !c.get("lanes")) a.fail("expected links: [...] or lanes: [...]");
        if (auto e = c.get("on_closed_end")) {
            if (e->text() != "wait" && e->text() != "cancel")
                e->fail("expected wait (trips to or from a closed link wait for it to reopen) or cancel, got " + e->describe());
            iv.cancel_closed_ends = e->text() == "cancel";
        }
    } else if (action == "speed_limit") {
        iv.action = sim::InterventionAction::SpeedLimit;
        const MapReader c(a, {"links", "area", "speed"});
        if (auto l = c.get("links")) iv.links = intervention_ids(*l);
        if (auto ar = c.get("area")) {
            if (c.get("links")) ar->fail("give links or an area, not both");
            iv.area = read_area(*ar);
        }
        if (!c.get("links") && !c.get("area")) a.fail("expected links: [...] or area: {polygon: [[x, y], ...]}");
        const Field v = c.required("speed");
        iv.speed_mps = v.positive_quantity(Dimension::Speed);
        if (iv.speed_mps > 150.0 / 3.6 + 1e-9) v.fail("expected a speed limit of at most 150 km/h, got " + v.describe());
    } else if (action == "lanes") {
        iv.action = sim::InterventionAction::Lanes;
        const MapReader c(a, {"links", "lanes"});
        iv.links = intervention_ids(c.required("links"));
        iv.n_lanes = static_cast<std::int32_t>(c.required("lanes").integer(1, 32));
    } else if (action == "signal") {
        iv.action = sim::InterventionAction::Signal;
        read_signal(a, iv);
    } else if (action == "ban") {
        iv.action = sim::InterventionAction::Ban;
        read_ban(a, s, iv);
    } else if (action == "fleet") {
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
        const MapReader c(a, {"scale", "from", "to"});
        const Field f = c.required("scale");
        iv.scale = f.non_negative_number();
        if (iv.scale > 10.0) f.fail("expected a factor between 0 and 10, got " + f.describe());
        if (auto from = c.get("from")) iv.demand_from_s = intervention_time(*from, s.start_seconds_of_day);
        if (auto to = c.get("to")) {
            iv.demand_to_s = intervention_time(*to, s.start_seconds_of_day);
            const double from = iv.demand_from_s >= 0.0 ? iv.demand_from_s : iv.at_s;
            if (iv.demand_to_s <= from) to->fail("must be after the window's start (" + format_number(from) + " s), got " + to->describe());
        }
    }
}

}  // namespace citytwin::io
