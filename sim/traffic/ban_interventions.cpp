#include "sim/traffic/ban_interventions.hpp"

#include "sim/traffic/network_area.hpp"

namespace citytwin::sim {

std::vector<BanIntervention> resolve_ban_interventions(const RoadNetwork& net, const std::vector<std::string>& type_ids,
                                                       const std::vector<std::string>& type_classes,
                                                       const std::vector<InterventionSpec>& interventions) {
    std::vector<BanIntervention> out;
    for (std::size_t i = 0; i < interventions.size(); ++i) {
        const InterventionSpec& iv = interventions[i];
        if (iv.action != InterventionAction::Ban) continue;
        const std::string key = "interventions[" + iv.id + "].ban";
        BanIntervention b;
        b.index = static_cast<std::int32_t>(i);
        b.at_s = iv.at_s;
        b.until_s = iv.until_s;
        b.zone.assign(net.links(), 0);
        for (const std::string& id : iv.links) {
            const auto it = net.link_by_id.find(id);
            if (it == net.link_by_id.end())
                throw ScenarioError(iv.mark, key + ".links", "no link with id '" + id + "' in the network");
            b.zone[it->second] = 1;
        }
        if (!iv.area.empty()) {
            const std::vector<std::int32_t> inside = links_in_area(net, iv.area);
            if (inside.empty()) throw ScenarioError(iv.mark, key + ".area", "no link has its midpoint inside the polygon");
            for (std::int32_t l : inside) b.zone[l] = 1;
        }
        b.banned.assign(type_ids.size(), 0);
        for (std::size_t t = 0; t < type_ids.size(); ++t) {
            for (const std::string& x : iv.ban_types) b.banned[t] |= type_ids[t] == x;
            for (const std::string& x : iv.ban_classes) b.banned[t] |= type_classes[t] == x;
            if (type_ids[t] == iv.replace_with) b.replace_with = static_cast<std::int32_t>(t);
        }
        out.push_back(std::move(b));
    }
    return out;
}

std::vector<std::int32_t> ban_blocks_at(const std::vector<BanIntervention>& bans, std::int32_t types, double t) {
    std::vector<std::int32_t> block(static_cast<std::size_t>(types), 0);
    for (std::size_t b = 0; b < bans.size(); ++b) {
        if (!bans[b].active_at(t)) continue;
        for (std::int32_t ty = 0; ty < types; ++ty)
            if (bans[b].banned[ty]) block[ty] = static_cast<std::int32_t>(b + 1);
    }
    return block;
}

}  // namespace citytwin::sim
