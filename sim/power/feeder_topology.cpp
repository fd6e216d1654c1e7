// Topology checks and the breadth-first bus order of a feeder (sim/power/feeder.hpp).
#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

#include "sim/power/feeder.hpp"

namespace citytwin::sim {

namespace {

std::string fmt(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string bus_list(const std::vector<std::string>& ids, std::size_t limit = 12) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < limit; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > limit) out += ", ... (" + std::to_string(ids.size()) + " buses)";
    return out;
}

const std::string& where_key(const FeederSpec& s) { return s.branches_file.empty() ? s.id : s.branches_file; }

}  // namespace

std::int32_t Feeder::index_of(const std::string& bus) const {
    const auto it = std::find(bus_id.begin(), bus_id.end(), bus);
    return it == bus_id.end() ? -1 : static_cast<std::int32_t>(it - bus_id.begin());
}

Feeder build_feeder(const FeederSpec& spec) {
    const std::string& key = spec.key_path;
    if (spec.branches.empty()) throw ScenarioError(spec.mark, key, "the feeder has no branches");
    if (!(spec.base_kv > 0.0)) throw ScenarioError(spec.mark, key, "the base voltage must be positive");

    // Bus ids in order of first appearance; adjacency as (neighbour, branch row).
    std::unordered_map<std::string, std::int32_t> index;
    std::vector<std::string> ids;
    auto id_of = [&](const std::string& b) {
        auto [it, fresh] = index.emplace(b, static_cast<std::int32_t>(ids.size()));
        if (fresh) ids.push_back(b);
        return it->second;
    };
    std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> adj;
    for (std::size_t k = 0; k < spec.branches.size(); ++k) {
        const BranchSpec& b = spec.branches[k];
        if (b.from == b.to)
            throw ScenarioError(b.mark, key, "branch " + b.from + " -> " + b.to + " connects a bus to itself");
        if (!(b.r_ohm >= 0.0) || !(b.x_ohm >= 0.0) || !std::isfinite(b.r_ohm) || !std::isfinite(b.x_ohm))
            throw ScenarioError(b.mark, key, "branch " + b.from + " -> " + b.to + ": impedance " + fmt(b.r_ohm) +
                                                 " + j" + fmt(b.x_ohm) +
                                                 " ohm; expected r_ohm >= 0 and x_ohm >= 0 (a passive line)");
        if (b.r_ohm == 0.0 && b.x_ohm == 0.0)
            throw ScenarioError(b.mark, key, "branch " + b.from + " -> " + b.to +
                                                 ": zero impedance; merge the two buses instead");
        if (!(b.ampacity_a >= 0.0))
            throw ScenarioError(b.mark, key, "branch " + b.from + " -> " + b.to + ": ampacity must not be negative");
        const std::int32_t f = id_of(b.from), t = id_of(b.to);
        adj.resize(ids.size());
        adj[f].push_back({t, static_cast<std::int32_t>(k)});
        adj[t].push_back({f, static_cast<std::int32_t>(k)});
    }
    const std::string slack = spec.slack_bus.empty() ? spec.branches.front().from : spec.slack_bus;
    const auto root_it = index.find(slack);
    if (root_it == index.end())
        throw ScenarioError(spec.mark, key, "slack bus '" + slack + "' is not a bus of " + where_key(spec) +
                                                " (buses: " + bus_list(ids) + ")");

    // Breadth-first from the slack bus; a branch reaching a visited bus closes a loop.
    const std::size_t n = ids.size();
    std::vector<std::int32_t> parent(n, -2), via(n, -1), order;
    order.reserve(n);
    std::queue<std::int32_t> q;
    parent[root_it->second] = -1;
    q.push(root_it->second);
    while (!q.empty()) {
        const std::int32_t u = q.front();
        q.pop();
        order.push_back(u);
        for (auto [v, row] : adj[u]) {
            if (row == via[u]) continue;  // the branch we came in by
            if (parent[v] != -2) {
                // Loop: u ... common ancestor ... v, closed by this branch.
                std::vector<std::int32_t> pu{u}, pv{v};
                while (parent[pu.back()] >= 0) pu.push_back(parent[pu.back()]);
                while (parent[pv.back()] >= 0) pv.push_back(parent[pv.back()]);
                while (pu.size() > 1 && pv.size() > 1 && pu[pu.size() - 2] == pv[pv.size() - 2]) {
                    pu.pop_back();
                    pv.pop_back();
                }
                std::vector<std::string> loop;
                for (auto b : pu) loop.push_back(ids[b]);
                for (std::size_t i = pv.size() - 1; i-- > 0;) loop.push_back(ids[pv[i]]);
                const BranchSpec& b = spec.branches[row];
                throw ScenarioError(b.mark, key, "the feeder is meshed: branch " + b.from + " -> " + b.to +
                                                     " closes the loop " + bus_list(loop, 40) +
                                                     "; a radial feeder needs exactly one path from the slack bus to each bus");
            }
            parent[v] = u;
            via[v] = row;
            q.push(v);
        }
    }
    if (order.size() != n) {
        std::vector<std::string> island;
        std::int32_t first_row = -1;
        for (std::size_t b = 0; b < n; ++b)
            if (parent[b] == -2) {
                island.push_back(ids[b]);
                for (auto [v, row] : adj[b]) first_row = first_row < 0 ? row : std::min(first_row, row);
            }
        throw ScenarioError(spec.branches[first_row].mark, key,
                            "the feeder is not connected: buses " + bus_list(island) +
                                " have no path to the slack bus " + slack);
    }

    Feeder f;
    f.id = spec.id;
    f.base_kv = spec.base_kv;
    f.slack_pu = spec.slack_pu;
    f.transformer_kva = spec.transformer_kva;
    std::vector<std::int32_t> pos(n);
    for (std::size_t i = 0; i < n; ++i) pos[order[i]] = static_cast<std::int32_t>(i);
    f.bus_id.resize(n);
    f.parent.assign(n, -1);
    f.r_ohm.assign(n, 0.0);
    f.x_ohm.assign(n, 0.0);
    f.ampacity_a.assign(n, 0.0);
    f.p_kw.assign(n, 0.0);
    f.q_kvar.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t b = order[i];
        f.bus_id[i] = ids[b];
        if (parent[b] < 0) continue;
        f.parent[i] = pos[parent[b]];
        const BranchSpec& br = spec.branches[via[b]];
        f.r_ohm[i] = br.r_ohm;
        f.x_ohm[i] = br.x_ohm;
        f.ampacity_a[i] = br.ampacity_a > 0.0 ? br.ampacity_a : spec.ampacity_a;
    }
    for (const BranchSpec& br : spec.branches) {
        const std::int32_t i = pos[index.at(br.to)];
        f.p_kw[i] += br.p_kw;
        f.q_kvar[i] += br.q_kvar;
    }
    return f;
}

}  // namespace citytwin::sim
