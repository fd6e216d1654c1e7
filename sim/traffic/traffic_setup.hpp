#pragma once
// Everything the traffic state is built from: the compiled network, vehicle types as kernel
// parameters, and the trips resolved to link indices and sorted by departure.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/scenario.hpp"
#include "sim/traffic/ban_interventions.hpp"
#include "sim/traffic/demand_interventions.hpp"
#include "sim/traffic/link_interventions.hpp"
#include "sim/traffic/signal_interventions.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct VehicleTypeParams {
    std::vector<std::string> id;
    std::vector<float> length, min_gap, accel, decel, emergency_decel, headway, delta, max_speed;
    std::vector<std::uint8_t> lane_class;
    std::vector<std::uint8_t> model;            // kernels::kModelIdm, kModelKrauss
    std::vector<float> sigma;
    std::int32_t size() const { return static_cast<std::int32_t>(id.size()); }
};

// Trips in departure order; trip i is vehicle i on the device and row i of the trips table.
struct TripTable {
    std::vector<double> depart;
    std::vector<std::int32_t> origin, dest;     // link indices; dest -1: circulates
    std::vector<std::int32_t> dest_index;       // row of the next-hop table (-1 when dest < 0)
    // Stops, flattened: trip i owns [stop_begin[i], stop_begin[i+1]) (empty when stop_begin is).
    std::vector<std::int32_t> stop_begin, stop_link;
    std::vector<float> stop_pos, stop_duration;
    std::vector<double> stop_until;
    std::vector<std::int32_t> type;
    std::vector<float> speed_factor;
    // The source's id of each trip (a SUMO vehicle, trip or `flow.N` id; a trip CSV's `name`),
    // "" where it gave none; empty when no trip has one. Host only: the run file keeps it.
    std::vector<std::string> name;
    // How each trip enters (SUMO's departLane, departPos, departSpeed; traffic_view.hpp codes);
    // empty: every trip as SUMO's defaults best, base, 0.
    std::vector<std::int32_t> depart_lane;
    std::vector<float> depart_pos, depart_speed;
    // Fixed routes as given (SUMO vehicles with a route), for per-vehicle routing: trip i follows
    // route route_of[i] (-1: routed by travel time), links [fixed_route_begin[r], [r + 1]) of
    // fixed_route_link. Routes that visit a link twice are kept; ones with a step no connection
    // makes are not. Empty when no trip has one.
    std::vector<std::int32_t> route_of;
    std::vector<std::int64_t> fixed_route_begin;
    std::vector<std::int32_t> fixed_route_link;
    // Optional start state (tests, restarts): lane >= 0 places the vehicle running at t = 0.
    std::vector<std::int32_t> initial_lane;
    std::vector<float> initial_pos, initial_speed;
    std::int32_t size() const { return static_cast<std::int32_t>(depart.size()); }
};

// Fixed routes (SUMO vehicles with a route) as overlays on next-hop rows: a route has its own
// row, routed to its last link by travel time like any destination, then entry k sets
// next_hop[row[k]][link[k]] = next[k] along the route. A vehicle pushed off its route (a stuck
// reroute) so takes the fastest way to the destination until it meets a link of its route, and
// the route from there (per-vehicle routes take the fastest way to the destination).
struct FixedRoutes {
    std::vector<std::int32_t> row, link, next;
    std::int32_t routes = 0;                    // distinct fixed routes
    std::int32_t revisiting = 0;                // routes that visit a link twice: driven as given with
                                                // per-vehicle routes, by travel time with tables
    std::int32_t disconnected = 0;              // routes with a step no connection makes: same
};

struct TrafficSetup {
    RoadNetwork net;
    VehicleTypeParams types;
    TripTable trips;
    std::vector<std::int32_t> dest_links;       // distinct destination links, by dest_index
    FixedRoutes fixed;
    std::vector<std::int32_t> unroutable;       // trips with no path (never inserted)
    TrafficSettings settings;
    std::uint64_t seed = 1;
    double duration_s = 0.0;                            // of the run (how often the routes are recomputed)
    std::vector<LinkIntervention> link_interventions;   // closures, lanes and speed limits at times
    std::vector<SignalIntervention> signal_interventions;
    SignalPhases signal_phases;                         // the network's phases and each new plan's
    std::vector<BanIntervention> bans;                  // each with next-hop rows of its own
    bool use_tables = true;                             // false: per-vehicle routes (choose_routing)
};

// "auto" keeps next-hop tables up to this size.
inline constexpr std::size_t kAutoTableBytes = std::size_t{256} << 20;
// ... and while their searches over the run settle at most this many links per trip: what a
// trip's own searches with per-vehicle routes cost, measured (docs/models.md §6).
inline constexpr double kAutoSettlesPerTrip = 1000.0;

// Bytes of routing state: the next-hop tables or the per-vehicle routes (estimate).
std::size_t routing_bytes(const TrafficSetup& s);

// Next-hop tables or per-vehicle routes, as traffic.routing says; "auto" takes the tables while
// they are small and not much more work than routes (docs/models.md §6).
void choose_routing(TrafficSetup& s);

// Bytes of the next-hop tables the setup would have.
std::size_t next_hop_table_bytes(const TrafficSetup& s);

// `default_model`: the car following of types that name none (traffic.model).
VehicleTypeParams make_type_params(const std::vector<VehicleTypeSpec>& types, const std::string& default_model = "idm");

// Sorts trips by departure (stable), draws each vehicle's speed factor from its type's
// distribution with the counter-based generator, and collects the destination set.
// Trips with a fixed route get a next-hop row of their own (shared by equal routes) and
// entries in `fixed`.
// `fleet`: type shares that fleet interventions change for the departures in their windows.
TripTable make_trip_table(const RoadNetwork& net, const std::vector<VehicleTypeSpec>& types,
                          std::vector<TripSpec> trips, std::uint64_t seed,
                          std::vector<std::int32_t>& dest_links, FixedRoutes* fixed = nullptr,
                          const std::vector<FleetWindow>& fleet = {});

// Trips whose destination cannot be reached from their origin on the open network.
std::vector<std::int32_t> find_unroutable(const RoadNetwork& net, const TripTable& trips);

}  // namespace citytwin::sim
