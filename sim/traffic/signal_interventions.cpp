#include "sim/traffic/signal_interventions.hpp"

#include "sim/core/time_window.hpp"

#include <cmath>
#include <string>

namespace citytwin::sim {
namespace {

// The first start of a cycle of (offset, cycle) at or after t.
double next_cycle_start(double t, double offset, double cycle) {
    return offset + std::ceil((t - offset) / cycle - 1e-9) * cycle;
}

// A new plan's phases appended to `phases`: one state per slot of `plan`, from movements
// ("in>out" link ids) or a SUMO state string.
void append_plan(const RoadNetwork& net, std::int32_t plan, const InterventionSpec& iv, SignalPhases& phases, SignalIntervention& si) {
    const std::string key = "interventions[" + iv.id + "].signal.phases";
    const std::int32_t slots = net.plan_slots[plan];
    si.phase_begin = static_cast<std::int32_t>(phases.duration.size());
    for (const InterventionPhase& ph : iv.phases) {
        std::vector<std::uint8_t> st(static_cast<std::size_t>(slots), kRed);
        if (!ph.state.empty()) {
            if (static_cast<std::int32_t>(ph.state.size()) != slots)
                throw ScenarioError(ph.mark, key + ".state",
                                    "node '" + iv.node + "' has " + std::to_string(slots) + " signal links; the state string has " +
                                        std::to_string(ph.state.size()) + " characters");
            for (std::int32_t c = 0; c < slots; ++c) {
                const char x = ph.state[c];
                st[c] = (x == 'G' || x == 'O') ? kGreenMajor : (x == 'g' || x == 'o') ? kGreenMinor : (x == 'y' || x == 'Y' || x == 'u') ? kYellow : kRed;
            }
        }
        const auto mark = [&](const std::vector<std::string>& moves, std::uint8_t state, const char* list) {
            for (const std::string& mv : moves) {
                const auto gt = mv.find('>');
                const auto from = net.link_by_id.find(mv.substr(0, gt)), to = net.link_by_id.find(mv.substr(gt + 1));
                bool found = false;
                if (from != net.link_by_id.end() && to != net.link_by_id.end())
                    for (std::int32_t c = 0; c < net.connections(); ++c)
                        if (net.conn_plan[c] == plan && net.conn_from_link[c] == from->second && net.conn_to_link[c] == to->second) {
                            st[net.conn_plan_slot[c]] = state;
                            found = true;
                        }
                if (!found)
                    throw ScenarioError(ph.mark, key + "." + list,
                                        "node '" + iv.node + "' has no signalled movement '" + mv + "' (in_link>out_link by link ids)");
            }
        };
        mark(ph.green, kGreenMajor, "green");
        mark(ph.minor, kGreenMinor, "minor");
        mark(ph.yellow, kYellow, "yellow");
        phases.duration.push_back(ph.duration_s);
        phases.state_begin.push_back(static_cast<std::int32_t>(phases.state.size()));
        phases.state.insert(phases.state.end(), st.begin(), st.end());
    }
    si.phase_end = static_cast<std::int32_t>(phases.duration.size());
    double cycle = 0.0;
    for (std::int32_t k = si.phase_begin; k < si.phase_end; ++k) cycle += phases.duration[k];
    // The switch: at the running plan's cycle end after `at`; back at the new plan's after `until`.
    const double start = next_cycle_start(iv.at_s, net.plan_offset[plan], net.plan_cycle[plan]);
    si.at_s = start;
    si.offset_s = start + iv.offset_s.value_or(0.0);
    si.set_offset = true;
    if (iv.until_s >= 0.0) si.until_s = next_cycle_start(std::max(iv.until_s, start), start, cycle);
}

}  // namespace

std::vector<SignalIntervention> resolve_signal_interventions(const RoadNetwork& net,
                                                             const std::vector<InterventionSpec>& interventions,
                                                             SignalPhases& phases) {
    phases.duration = net.phase_duration;
    phases.state_begin = net.phase_state_begin;
    phases.state = net.phase_state;
    std::vector<SignalIntervention> out;
    for (std::size_t i = 0; i < interventions.size(); ++i) {
        const InterventionSpec& iv = interventions[i];
        if (iv.action != InterventionAction::Signal) continue;
        const std::string key = "interventions[" + iv.id + "].signal.node";
        const auto node = net.node_by_id.find(iv.node);
        if (node == net.node_by_id.end()) throw ScenarioError(iv.mark, key, "no node with id '" + iv.node + "' in the network");
        std::int32_t plan = -1;
        for (std::size_t p = 0; p < net.plan_node.size(); ++p)
            if (net.plan_node[p] == node->second) plan = static_cast<std::int32_t>(p);
        if (plan < 0) throw ScenarioError(iv.mark, key, "node '" + iv.node + "' has no signal plan");
        SignalIntervention si{static_cast<std::int32_t>(i), iv.at_s, iv.until_s, plan, iv.offset_s.has_value(),
                              iv.offset_s.value_or(0.0), iv.scale_green};
        if (!iv.phases.empty()) append_plan(net, plan, iv, phases, si);
        out.push_back(si);
    }
    return out;
}

SignalTiming signals_at(const RoadNetwork& net, const SignalPhases& phases, const std::vector<SignalIntervention>& ivs, double t_s) {
    SignalTiming s;
    s.offset = net.plan_offset;
    s.cycle = net.plan_cycle;
    s.duration = phases.duration;
    for (std::int32_t p = 0; p < net.plans(); ++p) {
        s.phase_begin.push_back(net.plan_phase_begin[p]);
        s.phase_end.push_back(net.plan_phase_begin[p + 1]);
    }
    for (const SignalIntervention& iv : ivs) {
        if (!in_window(t_s, iv.at_s, iv.until_s, 1e-9)) continue;
        const std::int32_t p = iv.plan;
        if (iv.phase_begin >= 0) {   // a retiming applies to the plan in force, the network's or a new one
            s.phase_begin[p] = iv.phase_begin;
            s.phase_end[p] = iv.phase_end;
        }
        if (iv.set_offset) s.offset[p] = iv.offset_s;
        if (iv.scale_green == 1.0 && iv.phase_begin < 0) continue;
        double sum = 0.0;
        for (std::int32_t k = s.phase_begin[p]; k < s.phase_end[p]; ++k) {
            if (iv.scale_green != 1.0) {
                bool green = false;
                for (std::int32_t c = 0; c < net.plan_slots[p]; ++c) {
                    const std::uint8_t st = phases.state[phases.state_begin[k] + c];
                    green |= st == kGreenMajor || st == kGreenMinor;
                }
                if (green) s.duration[k] = phases.duration[k] * iv.scale_green;
            }
            sum += s.duration[k];
        }
        s.cycle[p] = sum;
    }
    return s;
}

}  // namespace citytwin::sim
