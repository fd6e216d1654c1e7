#pragma once
// Bans (low-emission and car-free zones), resolved against the network and the vehicle types.
// While a ban is in force its vehicles route by their own next-hop rows, on which every link of
// the zone costs 10^6 s more (kernels::kBanPenaltyCost): they go round it, and one inside at the start leaves it by
// the shortest way out. Its trips that start or end inside switch type or are cancelled when it
// begins (trip_rules).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/intervention.hpp"
#include "sim/core/time_window.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct BanIntervention {
    std::int32_t index = 0;               // into the scenario's interventions
    double at_s = 0.0, until_s = -1.0;
    std::vector<std::uint8_t> zone;       // per link: 1 inside
    std::vector<std::uint8_t> banned;     // per vehicle type: 1 banned
    std::int32_t replace_with = -1;       // type trips starting or ending inside switch to; -1: cancelled
    bool active_at(double t) const { return in_window(t, at_s, until_s, 1e-9); }
};

// `type_ids` and `type_classes` as the trip table indexes the types. Throws ScenarioError for a
// link id the network lacks or an area with no link inside.
std::vector<BanIntervention> resolve_ban_interventions(const RoadNetwork& net, const std::vector<std::string>& type_ids,
                                                       const std::vector<std::string>& type_classes,
                                                       const std::vector<InterventionSpec>& interventions);

// Per vehicle type, the next-hop block it routes by at `t`: 0 the common one, b + 1 ban b's.
std::vector<std::int32_t> ban_blocks_at(const std::vector<BanIntervention>& bans, std::int32_t types, double t);

}  // namespace citytwin::sim
