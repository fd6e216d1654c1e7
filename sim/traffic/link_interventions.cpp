#include "sim/traffic/link_interventions.hpp"

#include <string>

#include "sim/core/time_window.hpp"
#include "sim/traffic/network_area.hpp"

namespace citytwin::sim {

std::int32_t lane_by_id(const RoadNetwork& net, const std::string& id) {
    const auto us = id.rfind('_');
    if (us == std::string::npos || us + 1 == id.size()) return -1;
    const auto link = net.link_by_id.find(id.substr(0, us));
    if (link == net.link_by_id.end()) return -1;
    std::int32_t index = 0;
    for (std::size_t i = us + 1; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9' || index > 1000) return -1;
        index = index * 10 + (id[i] - '0');
    }
    if (index >= net.link_lanes[link->second]) return -1;
    return net.link_first_lane[link->second] + index;
}

std::vector<LinkIntervention> resolve_link_interventions(const RoadNetwork& net,
                                                         const std::vector<InterventionSpec>& interventions) {
    std::vector<LinkIntervention> out;
    for (std::size_t i = 0; i < interventions.size(); ++i) {
        const InterventionSpec& iv = interventions[i];
        if (iv.action != InterventionAction::Close && iv.action != InterventionAction::SpeedLimit &&
            iv.action != InterventionAction::Lanes)
            continue;
        const std::string key = "interventions[" + iv.id + "]." + intervention_action_name(iv.action);
        LinkIntervention li{static_cast<std::int32_t>(i), iv.action, iv.at_s, iv.until_s, {}, {}, iv.n_lanes, iv.speed_mps,
                            iv.cancel_closed_ends};
        for (const std::string& id : iv.links) {
            const auto it = net.link_by_id.find(id);
            if (it == net.link_by_id.end())
                throw ScenarioError(iv.mark, key + ".links",
                                    "no link with id '" + id + "' in the network (generated grids name links n<row>_<col>-n<row>_<col>, "
                                    "SUMO networks by their edge ids)");
            if (iv.action == InterventionAction::Lanes && iv.n_lanes > net.link_lanes[it->second])
                throw ScenarioError(iv.mark, key + ".lanes",
                                    "link '" + id + "' has " + std::to_string(net.link_lanes[it->second]) +
                                        " lanes; an intervention can close lanes (keep fewer), not build new ones (a variant "
                                        "of the network with network.links[" + id + "].lanes does)");
            li.links.push_back(it->second);
        }
        for (const std::string& id : iv.lanes) {
            const std::int32_t lane = lane_by_id(net, id);
            if (lane < 0)
                throw ScenarioError(iv.mark, key + ".lanes",
                                    "no lane with id '" + id + "' in the network (lanes are named <link id>_<index>, index 0 the "
                                    "rightmost, as SUMO names them)");
            li.lanes.push_back(lane);
        }
        if (!iv.area.empty()) {
            li.links = links_in_area(net, iv.area);
            if (li.links.empty())
                throw ScenarioError(iv.mark, key + ".area", "no link has its midpoint inside the polygon");
        }
        out.push_back(std::move(li));
    }
    return out;
}

LinkState links_at(const RoadNetwork& net, const std::vector<LinkIntervention>& ivs, double t_s) {
    LinkState s;
    s.closed = net.link_closed;
    s.speed_mps = net.link_speed;
    s.lane_allow = net.lane_allow;
    s.lane_allow.resize(net.lanes(), kClassAllRoad);
    bool lanes_changed = false;
    for (const LinkIntervention& iv : ivs) {
        if (!in_window(t_s, iv.at_s, iv.until_s, 1e-9)) continue;
        if (iv.action == InterventionAction::Close) {
            for (std::int32_t l : iv.links) s.closed[l] = 1;
            for (std::int32_t ln : iv.lanes) s.lane_allow[ln] = 0;
            lanes_changed |= !iv.lanes.empty();
        } else if (iv.action == InterventionAction::Lanes) {
            for (std::int32_t l : iv.links)
                for (std::int32_t i = iv.n_lanes; i < net.link_lanes[l]; ++i) s.lane_allow[net.link_first_lane[l] + i] = 0;
            lanes_changed = true;
        } else {
            for (std::int32_t l : iv.links) s.speed_mps[l] = iv.speed_mps;
        }
    }
    if (lanes_changed)
        for (std::int32_t l = 0; l < net.links(); ++l) {
            bool open = false;
            for (std::int32_t i = 0; i < net.link_lanes[l]; ++i) open |= s.lane_allow[net.link_first_lane[l] + i] != 0;
            if (!open) s.closed[l] = 1;
        }
    // Only the movements the interventions closed: one the network's own lanes never let a car
    // make stays as routing has always seen it.
    s.pred_open.assign(net.pred_link.size(), 1);
    if (lanes_changed) {
        const std::vector<std::uint8_t> now = open_movements(net, s.lane_allow), base = open_movements(net, net.lane_allow);
        for (std::size_t i = 0; i < now.size(); ++i) s.pred_open[i] = now[i] || !base[i];
    }
    return s;
}

std::vector<std::uint8_t> open_movements(const RoadNetwork& net, const std::vector<std::uint8_t>& lane_allow) {
    std::vector<std::uint8_t> out(net.pred_link.size(), 0);
    for (std::int32_t to = 0; to < net.links(); ++to)
        for (std::int32_t i = net.link_pred_begin[to]; i < net.link_pred_begin[to + 1]; ++i) {
            const std::int32_t from = net.pred_link[i];
            for (std::int32_t k = 0; k < net.link_lanes[from] && !out[i]; ++k) {
                const std::int32_t ln = net.link_first_lane[from] + k;
                if (!(lane_allow[ln] & kClassCar)) continue;
                for (std::int32_t c = net.lane_conn_begin[ln]; c < net.lane_conn_begin[ln + 1]; ++c)
                    if (net.conn_to_link[c] == to && (lane_allow[net.conn_to_lane[c]] & kClassCar)) out[i] = 1;
            }
        }
    return out;
}

}  // namespace citytwin::sim
