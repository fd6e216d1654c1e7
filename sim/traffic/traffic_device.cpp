// The traffic state on a device and its step: compiled once for Thrust's OpenMP system (cpu)
// and once by nvcc (cuda, through traffic_device.cu). All per-step work runs in kernels on
// device-resident arrays; the host only launches, and reads small counters when asked.
#include <algorithm>
#include <utility>

#include <thrust/binary_search.h>
#include <thrust/copy.h>
#include <thrust/fill.h>
#include <thrust/sequence.h>
#include <thrust/sort.h>

#include "kernels/backend.hpp"
#include "kernels/traffic/closures.hpp"
#include "kernels/traffic/insertion.hpp"
#include "kernels/traffic/junction_occupancy.hpp"
#include "kernels/traffic/lane_claims.hpp"
#include "kernels/traffic/lane_change.hpp"
#include "kernels/traffic/move.hpp"
#include "kernels/traffic/ordering.hpp"
#include "kernels/traffic/routing.hpp"
#include "kernels/traffic/signals.hpp"
#include "kernels/traffic/trip_rules.hpp"
#include "sim/core/device_state.hpp"
#include "sim/traffic/device_network.hpp"
#include "sim/traffic/device_reports.hpp"
#include "sim/traffic/device_route_requests.hpp"
#include "sim/traffic/device_routes.hpp"
#include "sim/traffic/device_routing.hpp"
#include "sim/traffic/device_stops.hpp"
#include "sim/traffic/traffic_backend.hpp"

#if !CT_DEVICE_CODE
#include <omp.h>
#endif

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

namespace k = citytwin::kernels;
using citytwin::CITYTWIN_BACKEND_NS::dvec;
using citytwin::CITYTWIN_BACKEND_NS::fill;
using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
using citytwin::CITYTWIN_BACKEND_NS::raw;

class DeviceTraffic final : public TrafficBackend {
public:
    DeviceTraffic(const TrafficSetup& s, int threads)
        : settings_(s.settings), n_trips_(s.trips.size()), net_(s.net, s.signal_phases), stops_(s.trips), routing_(s, s.net.links()) {
        if (!s.use_tables) routes_ = std::make_unique<DeviceRoutes>(s, net_, n_trips_, threads);
        const RoadNetwork& n = s.net;
        seed_ = s.seed;
        n_lanes_ = n.lanes();
        n_links_ = n.links();
        n_conns_ = n.connections();
        // vehicle types
        const VehicleTypeParams& t = s.types;
        ty_length_ = up(t.length); ty_min_gap_ = up(t.min_gap); ty_accel_ = up(t.accel);
        ty_decel_ = up(t.decel); ty_emergency_ = up(t.emergency_decel); ty_headway_ = up(t.headway);
        ty_delta_ = up(t.delta); ty_max_speed_ = up(t.max_speed);
        {
            std::vector<std::uint8_t> cls = t.lane_class;
            cls.resize(t.id.size(), kClassCar);
            ty_lane_class_ = up(cls);
            std::vector<std::uint8_t> model = t.model;
            std::vector<float> sigma = t.sigma;
            model.resize(t.id.size(), k::kModelIdm);
            sigma.resize(t.id.size(), 0.0f);
            ty_model_ = up(model);
            ty_sigma_ = up(sigma);
        }
        // trips
        const TripTable& tr = s.trips;
        depart_h_ = tr.depart;
        depart_ = up(tr.depart);
        origin_ = up(tr.origin);
        dest_ = up(tr.dest);
        dest_index_ = up(tr.dest_index);
        base_dest_index_ = up(tr.dest_index);
        if (routes_) {
            // With per-vehicle routes a vehicle's "row" is the vehicle itself (route_query.hpp).
            dest_index_ = dvec<std::int32_t>(std::max<std::size_t>(n_trips_, 1));
            thrust::sequence(dest_index_.begin(), dest_index_.end(), 0);
        }
        type_ = up(tr.type);
        type_block_ = dvec<std::int32_t>(std::max<std::size_t>(t.id.size(), 1), 0);
        speed_factor_ = up(tr.speed_factor);
        {
            const bool own = !tr.depart_lane.empty();
            depart_lane_ = own ? up(tr.depart_lane) : dvec<std::int32_t>(std::max<std::size_t>(n_trips_, 1), k::kDepartLaneBest);
            depart_pos_ = own ? up(tr.depart_pos) : dvec<float>(std::max<std::size_t>(n_trips_, 1), k::kDepartPosBase);
            depart_speed_ = own ? up(tr.depart_speed) : dvec<float>(std::max<std::size_t>(n_trips_, 1), 0.0f);
        }
        std::vector<std::uint8_t> status(n_trips_, k::kPending);
        std::vector<std::int32_t> lane(n_trips_, -1);
        std::vector<float> pos(n_trips_, 0.0f), speed(n_trips_, 0.0f);
        std::vector<double> insert(n_trips_, -1.0);
        unroutable_.assign(n_trips_, 0);
        for (auto i : s.unroutable) {
            status[i] = k::kUnroutable;
            unroutable_[i] = 1;
        }
        unsigned long long placed = 0;
        for (std::size_t i = 0; i < tr.initial_lane.size() && i < n_trips_; ++i)
            if (tr.initial_lane[i] >= 0) {
                status[i] = k::kRunning;
                lane[i] = tr.initial_lane[i];
                pos[i] = tr.initial_pos[i];
                speed[i] = tr.initial_speed[i];
                insert[i] = 0.0;
                ++placed;
            }
        status_ = up(status);
        lane_ = up(lane);
        for (int b = 0; b < 2; ++b) {
            pos_[b] = up(pos);
            speed_[b] = up(speed);
            next_link_[b] = dvec<std::int32_t>(n_trips_, -1);
            wait_[b] = dvec<float>(n_trips_, 0.0f);
        }
        insert_time_ = up(insert);
        arrival_time_ = dvec<double>(n_trips_, -1.0);
        link_enter_time_ = dvec<double>(n_trips_, 0.0);
        route_length_ = dvec<double>(n_trips_, 0.0);
        time_loss_ = dvec<double>(n_trips_, 0.0);
        blinker_ = dvec<std::int32_t>(std::max<std::size_t>(n_trips_, 1), -1);
        route_lanes_ = dvec<std::uint32_t>(std::max<std::size_t>(n_trips_, 1), 0u);
        via_conn_ = dvec<std::int32_t>(std::max<std::size_t>(n_trips_, 1), -1);
        // ordering
        active_ = dvec<std::int32_t>(n_trips_);
        order_ = dvec<std::int32_t>(n_trips_);
        key_ = dvec<std::uint64_t>(n_trips_);
        lane_begin_ = dvec<std::int32_t>(n_lanes_);
        lane_end_ = dvec<std::int32_t>(n_lanes_);
        lane_tail_ = dvec<std::int32_t>(n_lanes_);
        lane_head_ = dvec<std::int32_t>(n_lanes_);
        queue_head_ = dvec<std::int32_t>(n_links_);
        lane_claim_ = dvec<std::int32_t>(n_lanes_, k::kUnclaimed);
        link_changed_ = dvec<std::int32_t>(n_links_, 0);
        lane_wanted_ = dvec<std::int32_t>(n_lanes_, 0);
        lane_inside_ = dvec<std::int32_t>(std::max<std::int32_t>(n_lanes_, 1), -1);
        junction_lengths_ = std::any_of(n.conn_via_length.begin(), n.conn_via_length.end(),
                                        [](float l) { return l > 0.0f; });
        // statistics
        lane_veh_steps_ = dvec<unsigned long long>(n_lanes_, 0);
        lane_speed_mm_ = dvec<unsigned long long>(n_lanes_, 0);
        route_veh_steps_ = dvec<unsigned long long>(n_lanes_, 0);
        route_speed_mm_ = dvec<unsigned long long>(n_lanes_, 0);
        link_entered_ = dvec<unsigned long long>(n_links_, 0);
        link_left_ = dvec<unsigned long long>(n_links_, 0);
        link_tt_ms_ = dvec<unsigned long long>(n_links_, 0);
        std::vector<unsigned long long> counters(k::kCountersSize, 0);
        counters[k::kCountInserted] = placed;
        counters_ = up(counters);
        reported_.assign(n_trips_, 0);
        bytes_ = estimate_traffic_bytes(s);
        // routing
        ++times_.recomputations;
        const ScopedWallTime timed(times_.recompute_s);
        compute_routes(true);
        // vehicles placed at the start take their first routing decision now
        if (placed && routes_) {
            std::vector<DeviceRoutes::Want> wants;
            for (std::size_t i = 0; i < tr.initial_lane.size() && i < n_trips_; ++i)
                if (tr.initial_lane[i] >= 0 && tr.dest[i] >= 0)
                    wants.push_back(requests().search_from(static_cast<std::int32_t>(i), n.lane_link[tr.initial_lane[i]], -1, 0, 1));
            routes_->serve(wants, net_, routing_.cost, raw(next_link_[0]), false);
            next_link_[1] = next_link_[0];
        } else if (placed) {
            std::vector<std::int32_t> nl(n_trips_, -1);
            const std::vector<std::int32_t> nh = down(routing_.next_hop, routing_.next_hop.size());
            for (std::size_t i = 0; i < tr.initial_lane.size() && i < n_trips_; ++i) {
                if (tr.initial_lane[i] < 0) continue;
                const std::int32_t l = n.lane_link[tr.initial_lane[i]];
                if (tr.dest[i] < 0) {
                    const auto b = n.link_succ_begin[l];
                    nl[i] = b < n.link_succ_begin[l + 1] ? n.succ_link[b] : -1;
                } else if (tr.dest[i] != l) {
                    nl[i] = nh[static_cast<std::size_t>(tr.dest_index[i]) * n_links_ + l];
                }
            }
            next_link_[0] = up(nl);
            next_link_[1] = up(nl);
        }
    }

    const char* backend_name() const override {
        return CT_DEVICE_CODE ? "cuda" : "cpu";
    }

    void step(double t, std::int64_t step_index) override {
        if (routes_ && routes_->any_requests()) {
            const ScopedWallTime timed(times_.request_s);
            requests().serve_requests(t);
        }
        release(t);
        if (n_active_ == 0) return;
        const float dt = static_cast<float>(settings_.step_s);
        if (n_conns_ > 0)
            parallel_for("traffic.signal_states", n_conns_,
                         k::SignalStates{raw(net_.conn_plan), raw(net_.conn_plan_slot), raw(net_.conn_static_state),
                                         raw(net_.plan_offset), raw(net_.plan_cycle), raw(net_.plan_phase_begin), raw(net_.plan_phase_end),
                                         raw(net_.phase_duration), raw(net_.phase_state_begin), raw(net_.phase_state), t,
                                         raw(net_.conn_state)});
        sort_active();
        parallel_for("traffic.lane_change", n_active_,
                     k::ChangeLanes{net_view(), type_view(), vehicle_view(), order_view(), stats_view(),
                                    (step_index % 2 == 0) ? 1 : -1, 0.5f, raw(link_changed_)});
        parallel_for("traffic.resort_changed_links", n_links_,
                     k::ResortChangedLinks{raw(key_), raw(active_), raw(lane_begin_), raw(lane_end_), raw(lane_tail_),
                                           raw(lane_head_), raw(link_changed_), raw(net_.link_first_lane),
                                           raw(net_.link_lanes), raw(lane_), raw(pos_[cur_])});
        parallel_for("traffic.lane_stats", n_lanes_,
                     k::AccumulateLaneStats{order_view(), stats_view(), raw(speed_[cur_])});
        parallel_for("traffic.insert", n_links_,
                     k::InsertVehicles{net_view(), type_view(), vehicle_view(), order_view(), stats_view(), t,
                                       raw(pos_[cur_]), raw(speed_[cur_]), raw(next_link_[cur_]),
                                       raw(wait_[cur_]), seed_, static_cast<std::uint32_t>(step_index)});
        if (junction_lengths_)
            parallel_for("traffic.junction_occupancy", n_lanes_,
                         k::MarkJunctionOccupancy{net_view(), type_view(), vehicle_view(), order_view()});
        parallel_for("traffic.claim_lanes", n_lanes_,
                     k::ClaimLanes{net_view(), type_view(), vehicle_view(), order_view(),
                                   static_cast<float>(settings_.step_s), raw(lane_claim_),
                                   static_cast<float>(settings_.gap_acceptance_s),
                                   static_cast<float>(settings_.yield_lookahead_m),
                                   static_cast<float>(settings_.teleport_after_s)});
        parallel_for("traffic.move", n_active_,
                     k::MoveVehicles{net_view(), type_view(), vehicle_view(), order_view(), stats_view(),
                                     k::MoveSettings{dt, t, static_cast<float>(settings_.gap_acceptance_s),
                                                     static_cast<float>(settings_.yield_lookahead_m),
                                                     static_cast<float>(settings_.lane_change_patience_s),
                                                     static_cast<float>(settings_.teleport_after_s), seed_,
                                                     static_cast<std::uint32_t>(step_index)},
                                     stops_.view(),
                                     k::BanView{routing_.ban_zones.empty() ? nullptr : raw(routing_.ban_zones), raw(type_block_),
                                                static_cast<std::int32_t>(n_links_)}});
        cur_ ^= 1;
        // Arrived vehicles sort to the end: drop them from the active list now and then.
        if (++steps_since_compact_ >= 32) {
            steps_since_compact_ = 0;
            sort_active();
            n_active_ = thrust::lower_bound(key_.begin(), key_.begin() + n_active_, k::kKeyArrived) - key_.begin();
        }
    }

    void reroute() override {
        ++times_.recomputations;
        const ScopedWallTime timed(times_.recompute_s);
        compute_routes(false);
        if (routes_) requests().rebuild_routes(Rebuild::kAll, nullptr);
    }

    RoutingTimes routing_times() const override {
        RoutingTimes r = times_;
        r.searches = routes_ ? routes_->searches : 0;
        return r;
    }

    void save(StateWriter& w) override {
        StateSaver v(w, "traffic/");
        state(v);
    }

    void restore(const StateReader& r, const RestorePlan& plan) override {
        StateLoader v(r, "traffic/", plan, n_trips_);
        const bool saved_routes = r.has("traffic/routes/link");
        state(v, saved_routes);
        // The bans in force follow from the blocks the types route by (a fork's own bans are set
        // right after, from its scenario).
        std::vector<std::int32_t> blocks = state_download(type_block_);
        for (std::int32_t& b : blocks)
            if (b < 0 || b >= routing_.blocks) b = 0;
        state_upload(blocks, type_block_);
        for (std::size_t b = 0; b < routing_.ban_active.size(); ++b)
            routing_.ban_active[b] = std::find(blocks.begin(), blocks.end(), static_cast<std::int32_t>(b + 1)) != blocks.end();
        // The next-hop tables are a function of the travel times of the last reroute (and of
        // the bans in force); each vehicle's row of its destination and type.
        routing_.tables(net_);
        assign_route_blocks();
        note_cancelled();
        if (routes_) {
            routes_->landmark_costs(net_, routing_.cost);
            routes_->used = static_cast<std::int64_t>(routes_->pool.size());
            // A checkpoint of a run with next-hop tables: every vehicle is routed afresh, as the
            // tables would have it.
            if (!saved_routes) requests().rebuild_routes(Rebuild::kAll, nullptr);
        }
    }

    void set_signals(const SignalTiming& t) override {
        if (t.offset.size() == net_.plan_offset.size()) state_upload(t.offset, net_.plan_offset);
        if (t.cycle.size() == net_.plan_cycle.size()) state_upload(t.cycle, net_.plan_cycle);
        if (t.duration.size() == net_.phase_duration.size()) state_upload(t.duration, net_.phase_duration);
        if (t.phase_begin.size() == net_.plan_phase_begin.size()) state_upload(t.phase_begin, net_.plan_phase_begin);
        if (t.phase_end.size() == net_.plan_phase_end.size()) state_upload(t.phase_end, net_.plan_phase_end);
    }

    void apply(const TrafficSettings& settings) override {
        settings_.gap_acceptance_s = settings.gap_acceptance_s;
        settings_.yield_lookahead_m = settings.yield_lookahead_m;
        settings_.lane_change_patience_s = settings.lane_change_patience_s;
        settings_.teleport_after_s = settings.teleport_after_s;
        settings_.reroute_every_s = settings.reroute_every_s;
    }

    std::int64_t set_links(const LinkState& links) override {
        bool changed = false, lanes = false, speeds_changed = false;
        if (links.closed.size() == static_cast<std::size_t>(n_links_) && state_download(net_.link_closed) != links.closed) {
            state_upload(links.closed, net_.link_closed);
            changed = true;
        }
        if (links.speed_mps.size() == static_cast<std::size_t>(n_links_)) {
            const std::vector<float> speed = to_float(links.speed_mps);
            if (state_download(net_.link_speed) != speed) {
                state_upload(speed, net_.link_speed);
                changed = speeds_changed = true;
            }
        }
        if (links.lane_allow.size() == static_cast<std::size_t>(n_lanes_) && state_download(net_.lane_allow) != links.lane_allow) {
            state_upload(links.lane_allow, net_.lane_allow);
            changed = lanes = true;
        }
        if (!links.pred_open.empty() && links.pred_open.size() <= net_.pred_open.size() &&
            down(net_.pred_open, links.pred_open.size()) != links.pred_open) {
            thrust::copy(links.pred_open.begin(), links.pred_open.end(), net_.pred_open.begin());
            changed = true;
        }
        if (!changed) return 0;
        routing_.links_changed(net_);
        if (routes_) {
            if (speeds_changed) routes_->landmarks(net_);
            fill("traffic.forget_turns", routes_->turn_lane, -1);
            routes_->landmark_costs(net_, routing_.cost);
            requests().rebuild_routes(Rebuild::kLinksChanged, nullptr);
        }
        // Lanes opened or closed: every vehicle works out the lanes for its route again.
        if (lanes) fill("traffic.reset_route_lanes", route_lanes_, 0u);
        return reroute_now(nullptr);
    }

    std::int64_t set_route_blocks(const std::vector<std::int32_t>& type_block) override {
        if (type_block.size() != static_cast<std::size_t>(ty_lane_class_.size())) return 0;
        const std::vector<std::int32_t> old = state_download(type_block_);
        if (old == type_block) return 0;
        std::vector<std::uint8_t> moved(type_block.size(), 0);
        for (std::size_t t = 0; t < type_block.size(); ++t) moved[t] = old[t] != type_block[t];
        for (std::size_t b = 0; b < routing_.ban_active.size(); ++b)
            routing_.ban_active[b] = std::find(type_block.begin(), type_block.end(), static_cast<std::int32_t>(b + 1)) != type_block.end();
        state_upload(type_block, type_block_);
        routing_.tables(net_);
        assign_route_blocks();
        if (routes_) requests().rebuild_routes(Rebuild::kTypesMoved, &moved);
        const dvec<std::uint8_t> moved_d = up(moved);
        return reroute_now(raw(moved_d));
    }

    TripRuleCounts apply_trip_rule(const TripRule& rule) override {
        const dvec<std::uint8_t> links = up(rule.links), types = up(rule.types);
        dvec<unsigned long long> counts(2, 0ull);
        parallel_for("traffic.trip_rule", static_cast<std::int64_t>(n_trips_),
                     k::ApplyTripRule{raw(links), raw(types), rule.window_end_s, rule.replace_with, rule.t_s, raw(origin_), raw(dest_),
                                      raw(depart_), raw(status_), raw(type_), raw(arrival_time_), raw(counts)});
        const std::vector<unsigned long long> c = state_download(counts);
        note_cancelled();
        return {static_cast<std::int64_t>(c[0]), static_cast<std::int64_t>(c[1])};
    }

    TrafficCounts counts() override {
        const std::vector<unsigned long long> c = down(counters_, k::kCountersSize);
        TrafficCounts out;
        out.released = static_cast<std::int64_t>(n_released_);
        out.inserted = static_cast<std::int64_t>(c[k::kCountInserted]);
        out.arrived = static_cast<std::int64_t>(c[k::kCountArrived]);
        out.removed = static_cast<std::int64_t>(c[k::kCountRemoved]);
        const auto unstarted = std::lower_bound(cancelled_unstarted_.begin(), cancelled_unstarted_.end(),
                                                static_cast<std::int32_t>(n_released_)) - cancelled_unstarted_.begin();
        out.cancelled = cancelled_running_ + static_cast<std::int64_t>(cancelled_unstarted_.size());
        out.running = out.inserted - out.arrived - out.removed - cancelled_running_;
        out.waiting = out.released - unroutable_released_ - out.inserted - unstarted;
        out.vehicle_steps = static_cast<std::int64_t>(c[k::kCountVehicleSteps]);
        out.emergency_stops = static_cast<std::int64_t>(c[k::kCountEmergencyStops]);
        out.lane_changes = static_cast<std::int64_t>(c[k::kCountLaneChanges]);
        out.stuck_reroutes = static_cast<std::int64_t>(c[k::kCountRerouteStuck]);
        out.stops_served = static_cast<std::int64_t>(c[k::kCountStopsServed]);
        out.stops_missed = static_cast<std::int64_t>(c[k::kCountStopsMissed]);
        out.teleports = static_cast<std::int64_t>(c[k::kCountTeleports]);
        return out;
    }

    void link_frame(double t, double interval_s, LinkSeriesFrame& f) override {
        link_series_frame(LinkStats{lane_veh_steps_, lane_speed_mm_, link_entered_, link_left_, link_tt_ms_}, net_, n_lanes_,
                          n_links_, settings_.step_s, t, interval_s, f);
    }

    void vehicle_frame(double t, VehicleFrame& f) override {
        running_vehicle_frame(net_, active_, n_active_, status_, lane_, pos_[cur_], speed_[cur_], type_, t, f);
    }

    std::vector<TripRow> take_arrived_trips() override { return collect(true, 0.0); }
    std::vector<TripRow> remaining_trips(double t_end) override { return collect(false, t_end); }

    VehicleSnapshot snapshot() override {
        VehicleSnapshot s;
        s.status = down(status_, n_trips_);
        s.lane = down(lane_, n_trips_);
        s.pos = down(pos_[cur_], n_trips_);
        s.speed = down(speed_[cur_], n_trips_);
        s.next_link = down(next_link_[cur_], n_trips_);
        s.type = down(type_, n_trips_);
        return s;
    }

    std::size_t device_bytes() const override { return bytes_; }

    kernels::VehicleStateView vehicle_state() override {
        // After a step cur_ holds the new state and cur_ ^ 1 the state the step started from.
        return kernels::VehicleStateView{n_active_, raw(active_), raw(status_), raw(lane_), raw(pos_[cur_]),
                                         raw(speed_[cur_]), raw(speed_[cur_ ^ 1]), raw(type_), raw(net_.lane_link),
                                         raw(net_.lane_index), raw(net_.link_length), raw(net_.link_x0),
                                         raw(net_.link_y0), raw(net_.link_x1), raw(net_.link_y1), settings_.step_s};
    }

private:
    // Every piece of state that outlives a step, listed once: checkpoints save and restore it.
    // Scratch (sort keys, segments, lane claims, search heaps) is rebuilt each step; next-hop
    // tables are rebuilt from the travel times.
    template <class V>
    void state(V& v, bool with_routes = true) {
        v.scalar("clock/released", n_released_);
        v.scalar("clock/unroutable_released", unroutable_released_);
        v.scalar("clock/active", n_active_);
        v.scalar("clock/steps_since_compact", steps_since_compact_);
        v.scalar("clock/buffer", cur_);
        v.host_trips("trips/reported", reported_);
        v.trips("vehicles/status", status_);
        v.trips("vehicles/lane", lane_);
        for (int b = 0; b < 2; ++b) {
            const std::string i = std::to_string(b);
            v.trips(("vehicles/pos" + i).c_str(), pos_[b]);
            v.trips(("vehicles/speed" + i).c_str(), speed_[b]);
            v.trips(("vehicles/next_link" + i).c_str(), next_link_[b]);
            v.trips(("vehicles/wait" + i).c_str(), wait_[b]);
        }
        v.trips("vehicles/insert_time", insert_time_);
        v.trips("vehicles/arrival_time", arrival_time_);
        v.trips("vehicles/link_enter_time", link_enter_time_);
        v.trips("vehicles/route_length", route_length_);
        v.trips("vehicles/time_loss", time_loss_);
        v.trips("vehicles/blinker", blinker_);
        v.trips("vehicles/route_lanes", route_lanes_);
        v.trips("vehicles/via_conn", via_conn_);
        v.trips("vehicles/active", active_);
        v.trips("vehicles/type", type_);
        v.trips("stops/next_stop", stops_.next_stop);
        v.trips("stops/dwell_left", stops_.dwell_left);
        v.array("stats/lane_vehicle_steps", lane_veh_steps_);
        v.array("stats/lane_speed_mm", lane_speed_mm_);
        v.array("stats/route_vehicle_steps", route_veh_steps_);
        v.array("stats/route_speed_mm", route_speed_mm_);
        v.array("stats/link_entered", link_entered_);
        v.array("stats/link_left", link_left_);
        v.array("stats/link_travel_time_ms", link_tt_ms_);
        v.array("stats/counters", counters_);
        v.array("routing/travel_time", routing_.travel_time);
        v.array("network/link_closed", net_.link_closed);
        v.array("network/link_speed", net_.link_speed);
        v.array("network/lane_allow", net_.lane_allow);
        v.array("routing/movement_open", net_.pred_open);
        v.array("routing/type_block", type_block_);
        v.array("network/connection_state", net_.conn_state);
        if (routes_ && with_routes) {
            routes_->trim();
            v.buffer("routes/link", routes_->pool);
            v.trips("routes/begin", routes_->begin);
            v.trips("routes/length", routes_->len);
            v.trips("routes/position", routes_->pos);
            v.trips("routes/request", routes_->flag);
            v.trips("routes/own", routes_->own);
            v.trips("routes/turn", routes_->turn);
            v.trips("routes/turn_lane", routes_->turn_lane);
            v.array("routes/requests", routes_->requests);
        }
    }

    // Vehicles take their next link from the tables as they are now: those heading into a
    // closed link, or (type_moved non-null) every vehicle of a type whose rows changed.
    std::int64_t reroute_now(const std::uint8_t* type_moved) {
        dvec<unsigned long long> rerouted(1, 0ull);
        parallel_for("traffic.avoid_closed_links", n_active_,
                     k::AvoidClosedLinks{net_view(), raw(active_), raw(status_), raw(lane_), raw(dest_), raw(dest_index_), raw(type_),
                                         type_moved, raw(net_.pred_begin), raw(net_.pred_link), raw(net_.pred_open),
                                         raw(next_link_[cur_]), raw(route_lanes_), raw(rerouted)});
        return static_cast<std::int64_t>(state_download(rerouted)[0]);
    }

    void assign_route_blocks() {
        if (routing_.blocks > 1 && !routes_)
            parallel_for("traffic.route_blocks", static_cast<std::int64_t>(n_trips_),
                         k::AssignRouteBlocks{raw(base_dest_index_), raw(type_), raw(type_block_),
                                              static_cast<std::int64_t>(routing_.n_dest), raw(dest_index_)});
    }

    // Which trips interventions cancelled, before insertion (counted as released when their
    // time comes, never as waiting) or on the way.
    void note_cancelled() {
        cancelled_unstarted_.clear();
        cancelled_running_ = 0;
        const std::vector<std::uint8_t> status = down(status_, n_trips_);
        if (std::find(status.begin(), status.end(), k::kCancelled) == status.end()) return;
        const std::vector<double> insert = down(insert_time_, n_trips_);
        for (std::size_t i = 0; i < n_trips_; ++i) {
            if (status[i] != k::kCancelled) continue;
            if (insert[i] < 0.0) cancelled_unstarted_.push_back(static_cast<std::int32_t>(i));
            else ++cancelled_running_;
        }
    }

    void compute_routes(bool first) {
        routing_.update(net_, route_veh_steps_, route_speed_mm_, first);
        if (routes_) routes_->landmark_costs(net_, routing_.cost);
    }

    void release(double t) {
        const std::size_t before = n_released_;
        while (n_released_ < n_trips_ && depart_h_[n_released_] <= t + 1e-9) {
            unroutable_released_ += unroutable_[n_released_];
            ++n_released_;
        }
        if (n_released_ > before && routes_) {
            const ScopedWallTime timed(times_.request_s);
            requests().route_released(before, n_released_);
        }
        if (n_released_ > before) {
            thrust::sequence(active_.begin() + n_active_, active_.begin() + n_active_ + (n_released_ - before),
                             static_cast<std::int32_t>(before));
            n_active_ += static_cast<std::int64_t>(n_released_ - before);
        }
    }

    void sort_active() {
        parallel_for("traffic.sort_keys", n_active_,
                     k::BuildKeys{raw(active_), raw(key_), raw(order_), n_lanes_, raw(status_), raw(lane_),
                                  raw(pos_[cur_]), raw(origin_)});
#if !CT_DEVICE_CODE
        if (n_active_ < 16384) {  // a parallel sort costs more than it saves on few keys
            thrust::stable_sort_by_key(thrust::seq, raw(key_), raw(key_) + n_active_, raw(order_));
        } else
#endif
            thrust::stable_sort_by_key(thrust::device, key_.begin(), key_.begin() + n_active_, order_.begin());
        std::swap(active_, order_);
        parallel_for("traffic.reset_segments", std::max<std::int64_t>(n_lanes_, n_links_),
                     k::ResetSegments{order_view(), raw(lane_claim_), n_lanes_, n_links_, k::kUnclaimed});
        parallel_for("traffic.segments", n_active_, k::IndexSegments{order_view(), n_lanes_, n_links_});
    }

    std::vector<TripRow> collect(bool arrived_only, double t_end) {
        return trip_rows(TripRecords{status_, insert_time_, arrival_time_, route_length_, time_loss_, origin_, dest_, type_},
                         depart_h_, n_released_, reported_, arrived_only, t_end);
    }

    RouteRequests requests() {
        return RouteRequests{*routes_, net_, routing_.cost, n_trips_, active_, n_active_, status_, lane_, type_, type_block_,
                             next_link_[cur_], wait_[cur_], speed_[cur_], arrival_time_, counters_};
    }

    k::NetView net_view() {
        return k::NetView{n_lanes_, n_links_, n_conns_, raw(net_.lane_link), raw(net_.lane_index), raw(net_.lane_conn_begin),
                          raw(net_.lane_in_begin), raw(net_.in_conn), raw(net_.link_first_lane), raw(net_.link_lanes),
                          raw(net_.link_length), raw(net_.link_speed), raw(net_.link_closed), raw(net_.conn_from_lane),
                          raw(net_.conn_to_lane), raw(net_.conn_to_link), raw(net_.conn_speed), raw(net_.conn_via_length), raw(net_.conn_via_after_wait),
                          raw(net_.conn_keep_clear), raw(net_.conn_cross_begin), raw(net_.cross_conn), raw(net_.conn_foe_begin),
                          raw(net_.foe_conn), raw(net_.foe_always), raw(net_.link_succ_begin), raw(net_.succ_link),
                          raw(net_.succ_lane_mask), raw(net_.conn_state), routes_ ? nullptr : raw(routing_.next_hop),
                          raw(net_.lane_allow), routes_ ? routes_->view() : k::RouteView{}};
    }
    k::TypeView type_view() {
        return k::TypeView{raw(ty_length_), raw(ty_min_gap_), raw(ty_accel_), raw(ty_decel_),
                           raw(ty_emergency_), raw(ty_headway_), raw(ty_delta_), raw(ty_max_speed_),
                           raw(ty_lane_class_), raw(ty_model_), raw(ty_sigma_), static_cast<float>(settings_.step_s)};
    }
    k::VehicleView vehicle_view() {
        const int c = cur_, n = cur_ ^ 1;
        return k::VehicleView{raw(depart_), raw(origin_), raw(dest_), raw(dest_index_), raw(type_),
                              raw(speed_factor_), raw(depart_lane_), raw(depart_pos_), raw(depart_speed_), raw(pos_[c]), raw(speed_[c]), raw(next_link_[c]),
                              raw(pos_[n]), raw(speed_[n]), raw(next_link_[n]), raw(wait_[c]), raw(wait_[n]),
                              raw(status_), raw(lane_), raw(insert_time_), raw(arrival_time_),
                              raw(link_enter_time_), raw(route_length_), raw(time_loss_), raw(blinker_),
                              raw(route_lanes_), raw(via_conn_)};
    }
    k::OrderView order_view() {
        return k::OrderView{n_active_, raw(key_), raw(active_), raw(lane_begin_), raw(lane_end_),
                            raw(lane_tail_), raw(lane_head_), raw(queue_head_), raw(lane_claim_), raw(lane_inside_),
                            raw(lane_wanted_)};
    }
    k::StatsView stats_view() {
        return k::StatsView{raw(lane_veh_steps_), raw(lane_speed_mm_), raw(route_veh_steps_), raw(route_speed_mm_),
                            raw(link_entered_), raw(link_left_), raw(link_tt_ms_), raw(counters_)};
    }

    TrafficSettings settings_;
    std::size_t n_trips_;
    std::int32_t n_lanes_ = 0, n_links_ = 0, n_conns_ = 0;
    std::size_t bytes_ = 0;
    RoutingTimes times_;
    DeviceNetwork net_;
    // types
    dvec<float> ty_length_, ty_min_gap_, ty_accel_, ty_decel_, ty_emergency_, ty_headway_, ty_delta_, ty_max_speed_;
    dvec<std::uint8_t> ty_lane_class_, ty_model_;
    dvec<float> ty_sigma_;
    std::uint64_t seed_ = 1;
    DeviceStops stops_;
    // vehicles
    std::vector<double> depart_h_;
    dvec<double> depart_;
    dvec<std::int32_t> origin_, dest_, dest_index_, base_dest_index_, type_;
    dvec<std::int32_t> type_block_;                    // next-hop block per type (bans)
    std::vector<std::int32_t> cancelled_unstarted_;    // trip indices, ascending
    std::int64_t cancelled_running_ = 0;
    dvec<float> speed_factor_, depart_pos_, depart_speed_;
    dvec<std::int32_t> depart_lane_;
    dvec<std::uint8_t> status_;
    dvec<std::int32_t> lane_;
    dvec<float> pos_[2], speed_[2], wait_[2];
    dvec<std::int32_t> next_link_[2];
    int cur_ = 0;
    dvec<double> insert_time_, arrival_time_, link_enter_time_, route_length_, time_loss_;
    dvec<std::int32_t> blinker_;
    dvec<std::uint32_t> route_lanes_;
    dvec<std::int32_t> via_conn_;
    // ordering
    dvec<std::int32_t> active_, order_;
    dvec<std::uint64_t> key_;
    dvec<std::int32_t> lane_begin_, lane_end_, lane_tail_, lane_head_, queue_head_, lane_claim_;
    dvec<std::int32_t> link_changed_;   // lane changes per link this step; zero between steps
    dvec<std::int32_t> lane_wanted_;    // vehicles blinking into each lane this step
    dvec<std::int32_t> lane_inside_;   // junction occupancy (only where junctions have lengths)
    bool junction_lengths_ = false;
    std::int64_t n_active_ = 0;
    std::size_t n_released_ = 0;
    std::int64_t unroutable_released_ = 0;
    int steps_since_compact_ = 0;
    std::vector<std::uint8_t> unroutable_, reported_;
    // statistics
    dvec<unsigned long long> lane_veh_steps_, lane_speed_mm_, route_veh_steps_, route_speed_mm_;
    dvec<unsigned long long> link_entered_, link_left_, link_tt_ms_, counters_;
    DeviceRouting routing_;
    std::unique_ptr<DeviceRoutes> routes_;   // per-vehicle routes; null with next-hop tables
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS

#define CT_CAT2(a, b) a##b
#define CT_CAT(a, b) CT_CAT2(a, b)

std::unique_ptr<TrafficBackend> CT_CAT(make_traffic_backend_, CITYTWIN_BACKEND_NS)(const TrafficSetup& setup,
                                                                                    int threads) {
#if !CT_DEVICE_CODE
    if (threads > 0) omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    return std::make_unique<CITYTWIN_BACKEND_NS::DeviceTraffic>(setup, threads);
}

}  // namespace citytwin::sim
