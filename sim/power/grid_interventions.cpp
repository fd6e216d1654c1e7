#include "sim/power/grid_interventions.hpp"

#include "sim/core/time_window.hpp"

namespace citytwin::sim {
namespace {

struct BusRef {
    std::int32_t feeder, bus;
};

// Every (feeder, bus) an id may name: "FEEDER/BUS", or a bus id in any feeder.
std::vector<BusRef> find_buses(const std::vector<Feeder>& feeders, const std::string& id) {
    const auto slash = id.find('/');
    std::vector<BusRef> found;
    for (std::size_t f = 0; f < feeders.size(); ++f) {
        if (slash != std::string::npos && feeders[f].id != id.substr(0, slash)) continue;
        const std::string bus = slash == std::string::npos ? id : id.substr(slash + 1);
        for (std::int32_t b = 0; b < feeders[f].buses(); ++b)
            if (feeders[f].bus_id[b] == bus) found.push_back({static_cast<std::int32_t>(f), b});
    }
    return found;
}

BusRef one_bus(const std::vector<Feeder>& feeders, const std::string& id, const InterventionSpec& iv, const std::string& key) {
    const std::vector<BusRef> found = find_buses(feeders, id);
    if (found.empty()) throw ScenarioError(iv.mark, key, "no bus '" + id + "' in the grid (give FEEDER/BUS)");
    if (found.size() > 1)
        throw ScenarioError(iv.mark, key, "bus id '" + id + "' is in " + std::to_string(found.size()) + " feeders; give FEEDER/BUS");
    return found[0];
}

// "FROM-TO" (either way round) as the feeder's branch into its child bus.
BusRef one_branch(const std::vector<Feeder>& feeders, const std::string& id, const InterventionSpec& iv, const std::string& key) {
    const auto slash = id.find('/');
    const std::string prefix = slash == std::string::npos ? "" : id.substr(0, slash + 1);
    const std::string pair = slash == std::string::npos ? id : id.substr(slash + 1);
    std::vector<BusRef> found;
    for (std::size_t dash = pair.find('-'); dash != std::string::npos; dash = pair.find('-', dash + 1)) {
        for (const BusRef& a : find_buses(feeders, prefix + pair.substr(0, dash)))
            for (const BusRef& b : find_buses(feeders, prefix + pair.substr(dash + 1))) {
                if (a.feeder != b.feeder) continue;
                const Feeder& f = feeders[a.feeder];
                if (f.parent[b.bus] == a.bus) found.push_back(b);
                else if (f.parent[a.bus] == b.bus) found.push_back(a);
            }
    }
    if (found.empty())
        throw ScenarioError(iv.mark, key, "no branch '" + id + "' in the grid (give FROM-TO of two buses a line joins, or FEEDER/FROM-TO)");
    if (found.size() > 1) throw ScenarioError(iv.mark, key, "branch '" + id + "' is in more than one feeder; give FEEDER/FROM-TO");
    return found[0];
}

}  // namespace

GridInterventions resolve_grid_interventions(const std::vector<Feeder>& feeders, const std::vector<std::int32_t>& bus_begin,
                                             const std::vector<InterventionSpec>& interventions) {
    GridInterventions out;
    for (const InterventionSpec& iv : interventions) {
        const std::string key = "interventions[" + iv.id + "]." + intervention_action_name(iv.action);
        if (iv.action == InterventionAction::Pv) {
            PvAddition add{iv.at_s, iv.until_s, {}, iv.kwp};
            for (const std::string& id : iv.buses) {
                const BusRef b = one_bus(feeders, id, iv, key + ".buses");
                add.buses.push_back(bus_begin[b.feeder] + b.bus);
            }
            out.pv.push_back(std::move(add));
        } else if (iv.action == InterventionAction::Battery) {
            const BusRef b = one_bus(feeders, iv.bus, iv, key + ".bus");
            out.batteries.push_back({iv.at_s, iv.until_s, bus_begin[b.feeder] + b.bus, b.feeder, iv.battery_kwh, iv.battery_kw,
                                     iv.threshold_kw, iv.initial_soc});
        } else if (iv.action == InterventionAction::Feeder) {
            const BusRef b = one_branch(feeders, iv.branch, iv, key + ".branch");
            out.lines.push_back({iv.at_s, iv.until_s, b.feeder, b.bus, iv.r_ohm, iv.x_ohm});
        }
    }
    return out;
}

void impedance_at(const std::vector<Feeder>& feeders, const std::vector<std::int32_t>& bus_begin,
                  const std::vector<LineUpgrade>& lines, double t_s, std::vector<double>& r_ohm, std::vector<double>& x_ohm) {
    r_ohm.clear();
    x_ohm.clear();
    for (const Feeder& f : feeders) {
        r_ohm.insert(r_ohm.end(), f.r_ohm.begin(), f.r_ohm.end());
        x_ohm.insert(x_ohm.end(), f.x_ohm.begin(), f.x_ohm.end());
    }
    for (const LineUpgrade& l : lines) {
        if (!in_window(t_s, l.from_s, l.until_s)) continue;
        r_ohm[bus_begin[l.feeder] + l.bus] = l.r_ohm;
        x_ohm[bus_begin[l.feeder] + l.bus] = l.x_ohm;
    }
}

}  // namespace citytwin::sim
