// network.signals: fixed-time plans (SUMO tlLogic semantics). Each movement "in>out" must turn
// at the plan's node: `in` ends there and `out` starts there.
#include <unordered_map>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {

namespace {

struct Lookup {
    std::unordered_map<std::string, std::size_t> nodes;
    std::unordered_map<std::string, const sim::LinkSpec*> links;
    std::vector<std::string> node_ids, link_ids;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

const sim::LinkSpec& link_ref(const Field& f, const Lookup& lk, const std::string& id) {
    const auto it = lk.links.find(id);
    if (it != lk.links.end()) return *it->second;
    const std::string guess = closest_key(id, lk.link_ids);
    f.fail("no link '" + id + "' in network.links" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
}

sim::MovementRef read_movement(const Field& f, const Lookup& lk, const std::string& node) {
    const std::string s = f.text();
    const auto gt = s.find('>');
    sim::MovementRef mv;
    mv.mark = f.mark();
    if (gt != std::string::npos) {
        mv.from_link = trim(s.substr(0, gt));
        mv.to_link = trim(s.substr(gt + 1));
    }
    if (gt == std::string::npos || mv.from_link.empty() || mv.to_link.empty() ||
        mv.to_link.find('>') != std::string::npos)
        f.fail("expected a movement 'in_link>out_link' (for example 'L1>L2'), got " + f.describe());
    const sim::LinkSpec& in = link_ref(f, lk, mv.from_link);
    const sim::LinkSpec& out = link_ref(f, lk, mv.to_link);
    if (in.to != node)
        f.fail("link '" + in.id + "' ends at node '" + in.to + "', not at '" + node +
               "'; a movement must arrive on a link that ends at the signal's node");
    if (out.from != node)
        f.fail("link '" + out.id + "' starts at node '" + out.from + "', not at '" + node +
               "'; a movement must leave on a link that starts at the signal's node");
    return mv;
}

sim::SignalPhaseSpec read_phase(const Field& item, const Lookup& lk, const std::string& node) {
    const MapReader m(item, {"duration", "green", "minor", "yellow"});
    sim::SignalPhaseSpec ph;
    ph.mark = item.mark();
    ph.duration_s = m.required("duration").positive_quantity(Dimension::Time, ranges::kPhaseMaxS);
    // A movement has one state per phase; the same one in two lists is a contradiction.
    std::unordered_map<std::string, std::string> state_of;
    const auto read_list = [&](std::string_view key, std::vector<sim::MovementRef>& out) {
        const auto f = m.get(key);
        if (!f) return;
        for (const Field& mf : f->items()) {
            sim::MovementRef mv = read_movement(mf, lk, node);
            const std::string name = mv.from_link + ">" + mv.to_link;
            if (auto [it, fresh] = state_of.emplace(name, std::string(key)); !fresh)
                mf.fail("movement '" + name + "' is already listed as " + it->second + " in this phase");
            out.push_back(std::move(mv));
        }
    };
    read_list("green", ph.green);
    read_list("minor", ph.minor);
    read_list("yellow", ph.yellow);
    return ph;
}

}  // namespace

void read_signal_plans(const std::optional<Field>& field, sim::NetworkSpec& net) {
    Lookup lk;
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        lk.nodes.emplace(net.nodes[i].id, i);
        lk.node_ids.push_back(net.nodes[i].id);
    }
    for (const sim::LinkSpec& l : net.links) {
        lk.links.emplace(l.id, &l);
        lk.link_ids.push_back(l.id);
    }

    std::unordered_map<std::string, std::size_t> plan_of;  // node id -> index in net.signals
    if (field && !field->is_null()) {
        for (const Field& item : field->items()) {
            const MapReader m(item, {"node", "offset", "phases"});
            sim::SignalPlanSpec plan;
            plan.mark = item.mark();
            const Field node = m.required("node");
            plan.node = node.text();
            const auto it = lk.nodes.find(plan.node);
            if (it == lk.nodes.end()) {
                const std::string guess = closest_key(plan.node, lk.node_ids);
                node.fail("no node '" + plan.node + "' in network.nodes" +
                          (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
            }
            if (net.nodes[it->second].control == sim::JunctionControl::Priority)
                node.fail("node '" + plan.node + "' has control: priority, so it cannot have a signal "
                          "plan; set its control to signal or auto");
            if (auto [p, fresh] = plan_of.emplace(plan.node, net.signals.size()); !fresh)
                node.fail("node '" + plan.node + "' already has a signal plan (" +
                          first_place(net.signals[p->second].mark) + ")");
            if (auto f = m.get("offset")) plan.offset_s = f->non_negative_quantity(Dimension::Time, ranges::kSignalOffsetMaxS);
            const Field phases = m.required("phases");
            for (const Field& ph : phases.items()) plan.phases.push_back(read_phase(ph, lk, plan.node));
            if (plan.phases.empty()) phases.fail("a signal plan needs at least one phase");
            bool any_green = false;
            for (const sim::SignalPhaseSpec& ph : plan.phases) any_green |= !ph.green.empty() || !ph.minor.empty();
            if (!any_green) phases.fail("no phase gives any movement a green, so traffic at node '" +
                                        plan.node + "' would wait forever");
            net.signals.push_back(std::move(plan));
        }
    } else if (field) {
        field->items();  // "missing value (expected a list)"
    }

    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        const sim::NodeSpec& n = net.nodes[i];
        if (n.control == sim::JunctionControl::Signal && !plan_of.contains(n.id))
            throw sim::ScenarioError(n.mark, index_path("network.nodes", i) + ".control",
                                     "node '" + n.id + "' has control: signal but no plan in network.signals");
    }
}

}  // namespace citytwin::io
