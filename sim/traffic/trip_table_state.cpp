#include "sim/traffic/trip_table_state.hpp"

#include <stdexcept>
#include <unordered_map>

#include "kernels/traffic/traffic_view.hpp"
#include "sim/core/content_hash.hpp"

namespace citytwin::sim {

std::uint64_t network_fingerprint(const RoadNetwork& n) {
    ContentHash h;
    for (const std::string& id : n.node_id) h.add(id);
    for (const std::string& id : n.link_id) h.add(id);
    h.add(n.node_x), h.add(n.node_y), h.add(n.node_plan);
    h.add(n.link_from), h.add(n.link_to), h.add(n.link_lanes), h.add(n.link_first_lane);
    h.add(n.link_length), h.add(n.link_speed), h.add(n.link_priority);
    h.add(n.lane_link), h.add(n.lane_index), h.add(n.lane_allow), h.add(n.lane_conn_begin);
    h.add(n.conn_from_lane), h.add(n.conn_to_lane), h.add(n.conn_from_link), h.add(n.conn_to_link);
    h.add(n.conn_node), h.add(n.conn_speed), h.add(n.conn_plan), h.add(n.conn_plan_slot), h.add(n.conn_static_state);
    h.add(n.conn_foe_begin), h.add(n.foe_conn), h.add(n.foe_always);
    h.add(n.conn_via_length), h.add(n.conn_via_after_wait), h.add(n.conn_keep_clear), h.add(n.conn_cross_begin), h.add(n.cross_conn);
    h.add(n.plan_node), h.add(n.plan_offset), h.add(n.plan_cycle), h.add(n.plan_phase_begin), h.add(n.plan_slots);
    h.add(n.phase_duration), h.add(n.phase_state_begin), h.add(n.phase_state);
    return h.value();
}

std::uint64_t trip_table_fingerprint(const TripTable& t) {
    ContentHash h;
    h.add(t.depart), h.add(t.origin), h.add(t.dest), h.add(t.type), h.add(t.speed_factor);
    h.add(t.stop_begin), h.add(t.stop_link), h.add(t.stop_pos), h.add(t.stop_duration), h.add(t.stop_until);
    if (!t.depart_lane.empty()) h.add(t.depart_lane), h.add(t.depart_pos), h.add(t.depart_speed);
    return h.value();
}

void save_trip_table(StateWriter& w, const TripTable& t) {
    w.put("setup/trips/depart", t.depart);
    w.put("setup/trips/origin", t.origin);
    w.put("setup/trips/dest", t.dest);
    w.put("setup/trips/type", t.type);
    w.put("setup/trips/speed_factor", t.speed_factor);
    w.put("setup/trips/stop_begin", t.stop_begin);
    w.put("setup/trips/stop_link", t.stop_link);
    w.put("setup/trips/stop_pos", t.stop_pos);
    w.put("setup/trips/stop_duration", t.stop_duration);
    w.put("setup/trips/stop_until", t.stop_until);
    if (!t.name.empty()) {
        // The source's names, so a fork that splices trips keeps those of the trips it keeps:
        // their characters back to back, and where each name ends.
        std::vector<std::uint8_t> chars;
        std::vector<std::int64_t> end;
        for (const std::string& s : t.name) {
            chars.insert(chars.end(), s.begin(), s.end());
            end.push_back(static_cast<std::int64_t>(chars.size()));
        }
        w.put("setup/trips/name_chars", chars);
        w.put("setup/trips/name_end", end);
    }
    if (t.depart_lane.empty()) return;
    w.put("setup/trips/depart_lane", t.depart_lane);
    w.put("setup/trips/depart_pos", t.depart_pos);
    w.put("setup/trips/depart_speed", t.depart_speed);
}

TripTable load_trip_table(const StateReader& r) {
    TripTable t;
    t.depart = r.get<double>("setup/trips/depart");
    const std::size_t n = t.depart.size();
    t.origin = r.get<std::int32_t>("setup/trips/origin", n);
    t.dest = r.get<std::int32_t>("setup/trips/dest", n);
    t.type = r.get<std::int32_t>("setup/trips/type", n);
    t.speed_factor = r.get<float>("setup/trips/speed_factor", n);
    t.stop_begin = r.get<std::int32_t>("setup/trips/stop_begin");
    t.stop_link = r.get<std::int32_t>("setup/trips/stop_link");
    t.stop_pos = r.get<float>("setup/trips/stop_pos", t.stop_link.size());
    t.stop_duration = r.get<float>("setup/trips/stop_duration", t.stop_link.size());
    t.stop_until = r.get<double>("setup/trips/stop_until", t.stop_link.size());
    if (r.has("setup/trips/name_end")) {
        const std::vector<std::uint8_t> chars = r.get<std::uint8_t>("setup/trips/name_chars");
        const std::vector<std::int64_t> end = r.get<std::int64_t>("setup/trips/name_end", n);
        std::int64_t begin = 0;
        for (std::int64_t e : end) {
            if (e < begin || e > static_cast<std::int64_t>(chars.size()))
                throw StateMismatch("the checkpoint's trip names are damaged (a name ends outside their characters)");
            t.name.emplace_back(chars.begin() + begin, chars.begin() + e);
            begin = e;
        }
    }
    if (r.has("setup/trips/depart_lane")) {
        t.depart_lane = r.get<std::int32_t>("setup/trips/depart_lane", n);
        t.depart_pos = r.get<float>("setup/trips/depart_pos", n);
        t.depart_speed = r.get<float>("setup/trips/depart_speed", n);
    }
    return t;
}

namespace {

// Appends trip i of `from` to `to`, its stops too when the table has any.
void append_trip(const TripTable& from, std::size_t i, bool stops, TripTable& to) {
    to.depart.push_back(from.depart[i]);
    to.origin.push_back(from.origin[i]);
    to.dest.push_back(from.dest[i]);
    to.type.push_back(from.type[i]);
    to.speed_factor.push_back(from.speed_factor[i]);
    to.name.push_back(from.name.empty() ? std::string() : from.name[i]);
    const bool own = !from.depart_lane.empty();
    to.depart_lane.push_back(own ? from.depart_lane[i] : kernels::kDepartLaneBest);
    to.depart_pos.push_back(own ? from.depart_pos[i] : kernels::kDepartPosBase);
    to.depart_speed.push_back(own ? from.depart_speed[i] : 0.0f);
    if (!stops) return;
    if (to.stop_begin.empty()) to.stop_begin.push_back(0);
    if (!from.stop_begin.empty())
        for (auto s = from.stop_begin[i]; s < from.stop_begin[i + 1]; ++s) {
            to.stop_link.push_back(from.stop_link[s]);
            to.stop_pos.push_back(from.stop_pos[s]);
            to.stop_duration.push_back(from.stop_duration[s]);
            to.stop_until.push_back(from.stop_until[s]);
        }
    to.stop_begin.push_back(static_cast<std::int32_t>(to.stop_link.size()));
}

}  // namespace

TrafficSetup splice_trips(const TripTable& before, std::size_t kept, double released_until_s, TrafficSetup after) {
    if (!after.fixed.row.empty() || !after.trips.route_of.empty())
        throw std::invalid_argument(
            "the scenario's trips follow fixed routes (SUMO routes), whose tables a fork cannot splice; fork without "
            "changing the demand, the vehicle types or the seed");
    if (kept > static_cast<std::size_t>(before.size()))
        throw std::invalid_argument("the checkpoint released more trips than its trip table holds");
    const bool stops = !before.stop_begin.empty() || !after.trips.stop_begin.empty();
    TripTable merged;
    for (std::size_t i = 0; i < kept; ++i) append_trip(before, i, stops, merged);
    for (std::int32_t i = 0; i < after.trips.size(); ++i)
        if (after.trips.depart[i] > released_until_s + 1e-9) append_trip(after.trips, static_cast<std::size_t>(i), stops, merged);
    std::unordered_map<std::int32_t, std::int32_t> dest_row;
    after.dest_links.clear();
    for (std::int32_t d : merged.dest) {
        std::int32_t row = -1;
        if (d >= 0) {
            auto [it, fresh] = dest_row.try_emplace(d, static_cast<std::int32_t>(after.dest_links.size()));
            if (fresh) after.dest_links.push_back(d);
            row = it->second;
        }
        merged.dest_index.push_back(row);
    }
    if (before.depart_lane.empty() && after.trips.depart_lane.empty())
        merged.depart_lane.clear(), merged.depart_pos.clear(), merged.depart_speed.clear();
    if (before.name.empty() && after.trips.name.empty()) merged.name.clear();
    after.trips = std::move(merged);
    after.unroutable = find_unroutable(after.net, after.trips);
    choose_routing(after);
    return after;
}

}  // namespace citytwin::sim
