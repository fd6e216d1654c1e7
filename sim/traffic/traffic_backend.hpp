#pragma once
// The traffic state on one backend, behind a host interface the engine drives. Each backend
// (cpu: Thrust's OpenMP system; cuda) implements it from the same source,
// sim/traffic/traffic_device.cpp, compiled once per backend.
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

// Per-vehicle state copied to the host, for tests and checks.
struct VehicleSnapshot {
    std::vector<std::uint8_t> status;   // 0 pending, 1 waiting, 2 running, 3 arrived
    std::vector<std::int32_t> lane;
    std::vector<float> pos, speed;
    std::vector<std::int32_t> next_link;
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
    // Device pointers to the vehicles after the last step, for models on the same backend.
    virtual kernels::VehicleStateView vehicle_state() = 0;
    // Everything that outlives a step (checkpoints); restore rebuilds the next-hop tables
    // from the saved travel times. Throws StateMismatch when the checkpoint does not fit.
    virtual void save(StateWriter& w) = 0;
    virtual void restore(const StateReader& r, const RestorePlan& plan) = 0;
    // Settings that may change mid-run (not the step).
    virtual void apply(const TrafficSettings& settings) = 0;
    // Closures and speed limits per link (empty: unchanged). When they change, routes are
    // recomputed at once and vehicles heading into a link just closed turn away from it; returns
    // how many did.
    virtual std::int64_t set_links(const std::vector<std::uint8_t>& closed, const std::vector<double>& speed_mps) = 0;
    // Signal plans' offsets, phase durations and cycles (taking effect at once).
    virtual void set_signals(const std::vector<double>& offset, const std::vector<double>& duration,
                             const std::vector<double>& cycle) = 0;
};

std::unique_ptr<TrafficBackend> make_traffic_backend_cpu(const TrafficSetup& setup, int threads);
#if defined(CITYTWIN_HAVE_CUDA)
std::unique_ptr<TrafficBackend> make_traffic_backend_cuda(const TrafficSetup& setup, int threads);
#endif

// Bytes the traffic state of a setup will need on a device, computed before allocating.
std::size_t estimate_traffic_bytes(const TrafficSetup& setup);

}  // namespace citytwin::sim
