#include "sim/traffic/link_interventions.hpp"

#include <unordered_map>

namespace citytwin::sim {

std::vector<LinkIntervention> resolve_link_interventions(const RoadNetwork& net,
                                                         const std::vector<InterventionSpec>& interventions) {
    std::unordered_map<std::string, std::int32_t> by_id;
    for (std::int32_t l = 0; l < net.links(); ++l) by_id.emplace(net.link_id[l], l);
    std::vector<LinkIntervention> out;
    for (std::size_t i = 0; i < interventions.size(); ++i) {
        const InterventionSpec& iv = interventions[i];
        if (iv.action != InterventionAction::Close && iv.action != InterventionAction::SpeedLimit) continue;
        LinkIntervention li{static_cast<std::int32_t>(i), iv.action, iv.at_s, iv.until_s, {}, iv.speed_mps};
        for (const std::string& id : iv.links) {
            const auto it = by_id.find(id);
            if (it == by_id.end())
                throw ScenarioError(iv.mark, "interventions[" + iv.id + "]." + intervention_action_name(iv.action) + ".links",
                                    "no link with id '" + id + "' in the network (generated grids name links n<row>_<col>-n<row>_<col>, "
                                    "SUMO networks by their edge ids)");
            li.links.push_back(it->second);
        }
        out.push_back(std::move(li));
    }
    return out;
}

void links_at(const RoadNetwork& net, const std::vector<LinkIntervention>& ivs, double t_s,
              std::vector<std::uint8_t>& closed, std::vector<double>& speed_mps) {
    closed = net.link_closed;
    speed_mps = net.link_speed;
    for (const LinkIntervention& iv : ivs) {
        if (t_s < iv.at_s - 1e-9 || (iv.until_s >= 0.0 && t_s >= iv.until_s - 1e-9)) continue;   // [at, until)
        for (std::int32_t l : iv.links) {
            if (iv.action == InterventionAction::Close) closed[l] = 1;
            else speed_mps[l] = iv.speed_mps;
        }
    }
}

std::vector<SignalIntervention> resolve_signal_interventions(const RoadNetwork& net,
                                                             const std::vector<InterventionSpec>& interventions) {
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
        out.push_back({static_cast<std::int32_t>(i), iv.at_s, iv.until_s, plan, iv.offset_s.has_value(), iv.offset_s.value_or(0.0),
                       iv.scale_green});
    }
    return out;
}

void signals_at(const RoadNetwork& net, const std::vector<SignalIntervention>& ivs, double t_s, std::vector<double>& offset,
                std::vector<double>& duration, std::vector<double>& cycle) {
    offset = net.plan_offset;
    duration = net.phase_duration;
    cycle = net.plan_cycle;
    for (const SignalIntervention& iv : ivs) {
        if (t_s < iv.at_s - 1e-9 || (iv.until_s >= 0.0 && t_s >= iv.until_s - 1e-9)) continue;
        if (iv.set_offset) offset[iv.plan] = iv.offset_s;
        if (iv.scale_green == 1.0) continue;
        const std::int32_t slots = net.plan_slots[iv.plan];
        double sum = 0.0;
        for (std::int32_t k = net.plan_phase_begin[iv.plan]; k < net.plan_phase_begin[iv.plan + 1]; ++k) {
            bool green = false;
            for (std::int32_t c = 0; c < slots; ++c) {
                const std::uint8_t st = net.phase_state[net.phase_state_begin[k] + c];
                green |= st == 'G' || st == 'g';
            }
            if (green) duration[k] = net.phase_duration[k] * iv.scale_green;
            sum += duration[k];
        }
        cycle[iv.plan] = sum;
    }
}

}  // namespace citytwin::sim
