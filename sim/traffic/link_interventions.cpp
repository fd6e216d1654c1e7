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

}  // namespace citytwin::sim
