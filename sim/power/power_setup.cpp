// From the power section and the zones to feeders, per-bus demand and the link -> bus map.
#include <cmath>
#include <limits>
#include <unordered_map>

#include "sim/power/power_setup.hpp"
#include "sim/core/time_window.hpp"
#include "sim/traffic/demand.hpp"

namespace citytwin::sim {

namespace {

std::string joined(const std::vector<std::string>& ids, std::size_t limit = 12) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < limit; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > limit) out += ", ...";
    return out;
}

struct ZoneBus {
    std::int32_t bus = -1;        // global
    double pv_kwp = -1.0;
};

}  // namespace

PowerSetup build_power_setup(const Scenario& sc, const RoadNetwork& net) {
    const PowerSpec& p = *sc.power;
    const std::vector<ZoneSpec> zones = resolve_zones(sc.zones, net);
    PowerSetup s;
    std::vector<ZoneBus> zone_bus(zones.size());
    std::vector<double> sub_x, sub_y;
    std::vector<std::string> zone_feeder;
    const std::vector<FeederSpec> specs =
        p.generate ? generate_feeders(*p.generate, zones, zone_feeder, sub_x, sub_y) : p.feeders;
    s.bus_begin.push_back(0);
    for (const FeederSpec& spec : specs) {
        s.feeders.push_back(build_feeder(spec));
        s.bus_begin.push_back(s.bus_begin.back() + s.feeders.back().buses());
    }
    const std::int32_t nb = s.buses();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.bus_x_m.assign(nb, nan);
    s.bus_y_m.assign(nb, nan);
    s.bus_zones.assign(nb, "");

    std::unordered_map<std::string, std::size_t> zone_index, feeder_index;
    for (std::size_t z = 0; z < zones.size(); ++z) zone_index.emplace(zones[z].id, z);
    for (std::size_t f = 0; f < s.feeders.size(); ++f) feeder_index.emplace(s.feeders[f].id, f);

    if (p.generate) {
        for (std::size_t f = 0; f < s.feeders.size(); ++f) {
            s.bus_x_m[s.bus_begin[f]] = sub_x[f];
            s.bus_y_m[s.bus_begin[f]] = sub_y[f];
        }
        for (std::size_t z = 0; z < zones.size(); ++z) {
            const std::size_t f = feeder_index.at(zone_feeder[z]);
            zone_bus[z].bus = s.bus_begin[f] + s.feeders[f].index_of(zones[z].id);
        }
    } else {
        std::vector<std::string> zone_ids, feeder_ids;
        for (const ZoneSpec& z : zones) zone_ids.push_back(z.id);
        for (const Feeder& f : s.feeders) feeder_ids.push_back(f.id);
        std::vector<const ZoneSupplySpec*> first(zones.size(), nullptr);
        for (const ZoneSupplySpec& sup : p.supply) {
            const auto z = zone_index.find(sup.zone);
            if (z == zone_index.end())
                throw ScenarioError(sup.mark, "power.supply", "no zone '" + sup.zone + "' (zones: " + joined(zone_ids) + ")");
            const auto f = feeder_index.find(sup.feeder);
            if (f == feeder_index.end())
                throw ScenarioError(sup.mark, "power.supply",
                                    "no feeder '" + sup.feeder + "' (feeders: " + joined(feeder_ids) + ")");
            const Feeder& feeder = s.feeders[f->second];
            const std::int32_t local = feeder.index_of(sup.bus);
            if (local < 0)
                throw ScenarioError(sup.mark, "power.supply", "no bus '" + sup.bus + "' in feeder '" + feeder.id +
                                                                  "' (buses: " + joined(feeder.bus_id) + ")");
            if (first[z->second])
                throw ScenarioError(sup.mark, "power.supply", "zone '" + sup.zone + "' is already supplied (" +
                                                                  first[z->second]->mark.str() + ")");
            first[z->second] = &sup;
            zone_bus[z->second] = {s.bus_begin[f->second] + local, sup.pv_kwp};
        }
        for (std::size_t z = 0; z < zones.size(); ++z)
            if (!first[z] && zones[z].population + zones[z].jobs > 0.0)
                throw ScenarioError(p.mark, "power.supply",
                                    "zone '" + zones[z].id + "' is supplied by no bus; add {zone: " + zones[z].id +
                                        ", feeder: ..., bus: ...} to power.supply");
    }

    // Per-bus demand: the branch tables' loads plus the land use of the zones supplied.
    BusDemand& d = s.demand;
    for (auto* v : {&d.fixed_p_kw, &d.fixed_q_kvar, &d.residents, &d.commercial_jobs, &d.industrial_jobs, &d.pv_kwp})
        v->assign(nb, 0.0);
    for (std::size_t f = 0; f < s.feeders.size(); ++f)
        for (std::int32_t i = 0; i < s.feeders[f].buses(); ++i) {
            d.fixed_p_kw[s.bus_begin[f] + i] = s.feeders[f].p_kw[i];
            d.fixed_q_kvar[s.bus_begin[f] + i] = s.feeders[f].q_kvar[i];
        }
    const LoadModelSpec& lm = p.loads;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        const std::int32_t b = zone_bus[z].bus;
        if (b < 0) continue;
        const ZoneSpec& zone = zones[z];
        d.residents[b] += zone.population;
        d.commercial_jobs[b] += zone.jobs * (1.0 - lm.industrial_share);
        d.industrial_jobs[b] += zone.jobs * lm.industrial_share;
        d.pv_kwp[b] += zone_bus[z].pv_kwp >= 0.0 ? zone_bus[z].pv_kwp : zone.population * lm.pv_kwp_per_person;
        if (s.bus_zones[b].empty()) {
            s.bus_x_m[b] = 0.5 * (zone.x_min_m + zone.x_max_m);
            s.bus_y_m[b] = 0.5 * (zone.y_min_m + zone.y_max_m);
        }
        s.bus_zones[b] += (s.bus_zones[b].empty() ? "" : ",") + zone.id;
    }

    // Link -> bus: the zone that owns the link; a link in no zone goes to the nearest supplied
    // zone centroid, so every parked EV charges somewhere.
    s.link_bus.assign(net.links(), -1);
    const std::vector<std::vector<std::int32_t>> owned = links_of_zones(zones, net);
    for (std::size_t z = 0; z < zones.size(); ++z)
        for (std::int32_t l : owned[z])
            if (s.link_bus[l] < 0) s.link_bus[l] = zone_bus[z].bus;
    for (std::int32_t l = 0; l < net.links(); ++l) {
        if (s.link_bus[l] >= 0) continue;
        const double mx = 0.5 * (net.node_x[net.link_from[l]] + net.node_x[net.link_to[l]]);
        const double my = 0.5 * (net.node_y[net.link_from[l]] + net.node_y[net.link_to[l]]);
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t z = 0; z < zones.size(); ++z) {
            if (zone_bus[z].bus < 0) continue;
            const double dist = std::hypot(mx - 0.5 * (zones[z].x_min_m + zones[z].x_max_m),
                                           my - 0.5 * (zones[z].y_min_m + zones[z].y_max_m));
            if (dist < best) {
                best = dist;
                s.link_bus[l] = zone_bus[z].bus;
            }
        }
    }
    s.interventions = resolve_grid_interventions(s.feeders, s.bus_begin, sc.interventions);
    return s;
}

std::vector<double> pv_kwp_at(const PowerSetup& setup, double t_s) {
    std::vector<double> kwp = setup.demand.pv_kwp;
    for (const PvAddition& a : setup.interventions.pv)
        if (in_window(t_s, a.from_s, a.until_s))
            for (std::int32_t b : a.buses) kwp[b] = setup.demand.pv_kwp[b] + a.kwp;   // by priority: the last in force
    return kwp;
}

}  // namespace citytwin::sim
