#pragma once
// The traffic state on one backend, behind a host interface the engine drives. Each backend
// (cpu: Thrust's OpenMP system; cuda) implements it from the same source,
// sim/traffic/traffic_device.cpp, compiled once per backend.
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "kernels/traffic/vehicle_state_view.hpp"
#include "sim/core/state_archive.hpp"
#include "sim/core/run_records.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {

struct TrafficCounts {
    std::int64_t released = 0;        // trips whose departure time has come
    std::int64_t inserted = 0;
    std::int64_t arrived = 0;
    std::int64_t removed = 0;         // taken off: no path on to the destination
    std::int64_t cancelled = 0;       // by interventions
    std::int64_t running = 0;
    std::int64_t waiting = 0;
    std::int64_t vehicle_steps = 0;   // Σ running vehicles over steps
    std::int64_t emergency_stops = 0;
    std::int64_t lane_changes = 0;
    std::int64_t stuck_reroutes = 0;
    std::int64_t stops_served = 0;    // stops on routes (buses) served
    std::int64_t stops_missed = 0;    // stops a vehicle was already past when it reached them
    std::int64_t teleports = 0;       // vehicles moved on after standing teleport_after at a line
};

// Where the routing's wall time went, for the run's summary (never in the run file: wall time
// differs from run to run).
struct RoutingTimes {
    std::int64_t recomputations = 0;   // reroute periods, and the first routing at the start
    double recompute_s = 0.0;          // their wall time: travel times, tables or route searches
    std::int64_t searches = 0;         // per-vehicle route searches (traffic.routing: routes)
    double request_s = 0.0;            // wall time routing between them: released trips, vehicles off their route
};

// Adds the wall time of its scope to `into` (a RoutingTimes field).
class ScopedWallTime {
public:
    explicit ScopedWallTime(double& into) : into_(into), start_(std::chrono::steady_clock::now()) {}
    ~ScopedWallTime() { into_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    ScopedWallTime(const ScopedWallTime&) = delete;
    ScopedWallTime& operator=(const ScopedWallTime&) = delete;

private:
    double& into_;
    std::chrono::steady_clock::time_point start_;
};

// Per-vehicle state copied to the host, for tests and checks.
struct VehicleSnapshot {
    std::vector<std::uint8_t> status;   // kernels/traffic/traffic_view.hpp codes
    std::vector<std::int32_t> lane;
    std::vector<float> pos, speed;
    std::vector<std::int32_t> next_link;
    std::vector<std::int32_t> type;     // its vehicle type now (a ban may have switched it)
};

// See kernels/traffic/trip_rules.hpp.
struct TripRule {
    std::vector<std::uint8_t> links;     // per link: inside the zone / closed
    std::vector<std::uint8_t> types;     // per vehicle type: affected
    double window_end_s = -1.0;          // departures before it; < 0: all
    std::int32_t replace_with = -1;      // -1: cancel
    double t_s = 0.0;
};
struct TripRuleCounts {
    std::int64_t changed = 0, cancelled = 0;
};

class TrafficBackend {
public:
    virtual ~TrafficBackend() = default;
    virtual const char* backend_name() const = 0;
    // Advances one step from time t (seconds since start); step_index counts from 0.
    virtual void step(double t, std::int64_t step_index) = 0;
    // Recomputes next-hop tables from the travel times seen since the last call.
    virtual void reroute() = 0;
    virtual TrafficCounts counts() = 0;
    // Link series since the previous frame (interval_s long); resets the accumulators.
    virtual void link_frame(double t, double interval_s, LinkSeriesFrame& out) = 0;
    virtual void vehicle_frame(double t, VehicleFrame& out) = 0;
    // Trips that arrived since the previous call, in trip order.
    virtual std::vector<TripRow> take_arrived_trips() = 0;
    // Every trip that has not been returned yet, with its state at time t_end.
    virtual std::vector<TripRow> remaining_trips(double t_end) = 0;
    virtual VehicleSnapshot snapshot() = 0;
    // Estimated device bytes for this setup.
    virtual std::size_t device_bytes() const = 0;
    virtual RoutingTimes routing_times() const = 0;
    // Device pointers to the vehicles after the last step, for models on the same backend.
    virtual kernels::VehicleStateView vehicle_state() = 0;
    // Everything that outlives a step (checkpoints); restore rebuilds the next-hop tables
    // from the saved travel times. Throws StateMismatch when the checkpoint does not fit.
    virtual void save(StateWriter& w) = 0;
    virtual void restore(const StateReader& r, const RestorePlan& plan) = 0;
    // Settings that may change mid-run (not the step).
    virtual void apply(const TrafficSettings& settings) = 0;
    // Closures, open lanes and movements, and speed limits (LinkState; empty vectors:
    // unchanged). When they change, routes are recomputed at once, vehicles heading into a link
    // just closed turn away from it and vehicles work out their lanes again; returns how many
    // turned away.
    virtual std::int64_t set_links(const LinkState& links) = 0;
    // The next-hop block each vehicle type routes by (ban_blocks_at). When it changes, the bans'
    // rows are recomputed and the vehicles of the types whose block changed take their next
    // link from the new rows at once; returns how many took another.
    virtual std::int64_t set_route_blocks(const std::vector<std::int32_t>& type_block) = 0;
    // A ban's or a cancelling closure's change to the trips it touches (kernels/traffic/
    // trip_rules.hpp), now.
    virtual TripRuleCounts apply_trip_rule(const TripRule& rule) = 0;
    // Signal plans' offsets, cycles, phase durations and the phases each plan runs (taking
    // effect at once).
    virtual void set_signals(const SignalTiming& timing) = 0;
};

std::unique_ptr<TrafficBackend> make_traffic_backend_cpu(const TrafficSetup& setup, int threads);
#if defined(CITYTWIN_HAVE_CUDA)
std::unique_ptr<TrafficBackend> make_traffic_backend_cuda(const TrafficSetup& setup, int threads);
#endif

// Bytes the traffic state of a setup will need on a device, computed before allocating.
std::size_t estimate_traffic_bytes(const TrafficSetup& setup);

}  // namespace citytwin::sim
