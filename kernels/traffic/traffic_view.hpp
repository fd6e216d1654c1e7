#pragma once
// Plain-pointer views of the traffic state that kernels read and write. The state owner
// (sim/traffic/traffic_device.cpp) fills them from its device vectors each step.
#include <cstdint>

#include "kernels/core/qualifiers.hpp"

namespace citytwin::kernels {

// Vehicle status codes, as stored in VehicleView::status.
enum : std::uint8_t { kPending = 0, kWaiting = 1, kRunning = 2, kArrived = 3, kUnroutable = 4, kRemoved = 5, kCancelled = 6 };

// How a trip enters (SUMO's departLane, departPos, departSpeed); values >= 0 are a lane index,
// a front position (m) and a speed (m/s).
inline constexpr std::int32_t kDepartLaneBest = -1, kDepartLaneFree = -2, kDepartLaneRandom = -3,
                              kDepartLaneAllowed = -4, kDepartLaneFirst = -5;
inline constexpr float kDepartPosBase = -1.0f, kDepartPosRandom = -2.0f, kDepartPosLast = -3.0f, kDepartPosFree = -4.0f;
inline constexpr float kDepartSpeedMax = -1.0f, kDepartSpeedDesired = -2.0f, kDepartSpeedRandom = -3.0f,
                       kDepartSpeedAvg = -4.0f, kDepartSpeedLast = -5.0f;

// Car-following models of vehicle types (kernels/traffic/car_following.hpp).
enum : std::uint8_t { kModelIdm = 0, kModelKrauss = 1 };

// Sort keys: running vehicles by (lane, position); vehicles waiting to enter by (origin link,
// trip order) in a key range above all lanes; arrived vehicles last.
constexpr std::uint64_t kKeyArrived = ~0ull;

// Per-vehicle routes (traffic.routing: routes; all null with next-hop tables): vehicle v's route
// is link[begin[v] .. begin[v] + len[v]), its current link (or origin) first when it was found;
// pos[v] is where the vehicle is on it, written only by its own thread. A vehicle that finds
// itself off its route sets flag[v] and counts itself in *requests; it gets a new route before
// the next step (sim/traffic/device_routes.hpp).
// What a vehicle asks for: a route from the link it is on (it entered a link off its route), one
// on from its next link (it took another turn), its stuck turn now (one of its lane's turns that
// leads to its destination, taking it), or that turn for the next step (turn[v], for turn_lane[v];
// -1: none leads there).
enum : std::uint8_t { kRouteOk = 0, kRouteFromTurns = 1, kRouteFromCurrent = 2, kRouteFromNext = 3, kRouteTurnAhead = 4 };

struct RouteView {
    const std::int64_t* begin;
    const std::int32_t* len;
    std::int32_t* pos;
    const std::int32_t* link;
    std::uint8_t* flag;
    unsigned long long* requests;
    const std::int32_t* turn;
    const std::int32_t* turn_lane;
};

struct NetView {
    std::int32_t n_lanes, n_links, n_conns;
    const std::int32_t* lane_link;
    const std::int32_t* lane_index;
    const std::int32_t* lane_conn_begin;
    const std::int32_t* lane_in_begin;     // connections into a lane: [lane_in_begin[l], +1)
    const std::int32_t* in_conn;           // connection ids, grouped by to-lane
    const std::int32_t* link_first_lane;
    const std::int32_t* link_lanes;
    const float* link_length;
    const float* link_speed;
    const std::uint8_t* link_closed;
    const std::int32_t* conn_from_lane;
    const std::int32_t* conn_to_lane;
    const std::int32_t* conn_to_link;
    const float* conn_speed;
    const float* conn_via_length;          // the way through the junction (m); 0: a point
    const float* conn_via_after_wait;      // of it, beyond a split left turn's waiting point; 0: none
    const std::uint8_t* conn_keep_clear;   // 1: enter only with room to leave the junction
    const std::int32_t* conn_cross_begin;  // crossings of c: cross_conn[conn_cross_begin[c], +1)
    const std::int32_t* cross_conn;
    const std::int32_t* conn_foe_begin;
    const std::int32_t* foe_conn;
    const std::uint8_t* foe_always;
    const std::int32_t* link_succ_begin;
    const std::int32_t* succ_link;
    const std::uint32_t* succ_lane_mask;
    const std::uint8_t* conn_state;        // this step's signal state of each connection
    const std::int32_t* next_hop;          // [dest_index * n_links + link] -> next link, -1 none;
                                           // null: per-vehicle routes (dest_index = the vehicle)
    const std::uint8_t* lane_allow;        // LaneClass bits of the vehicles a lane admits
    RouteView routes;
};

struct TypeView {
    const float* length;
    const float* min_gap;
    const float* accel;
    const float* decel;
    const float* emergency_decel;
    const float* headway;
    const float* delta;
    const float* max_speed;
    const std::uint8_t* lane_class;        // LaneClass bit of the type
    const std::uint8_t* model;             // car-following model (kModelIdm, kModelKrauss)
    const float* sigma;                    // Krauss's dawdling, 0 … 1
    float step_s;                          // the traffic step (Krauss is a per-step model)
};

// Sorted order of the active vehicles and the lane segments within it.
struct OrderView {
    std::int64_t n_active;
    const std::uint64_t* key;       // sorted keys
    const std::int32_t* vid;        // vehicle at each sorted position
    std::int32_t* lane_begin;       // [lane] first sorted position on the lane, -1 if empty
    std::int32_t* lane_end;         // one past the last
    std::int32_t* lane_tail;        // [lane] vehicle nearest the lane start, -1 if empty
    std::int32_t* lane_head;        // [lane] vehicle nearest the lane end
    std::int32_t* queue_head;       // [link] first vehicle waiting to enter there, -1 if none
    const std::int32_t* lane_claim; // [lane] the one vehicle that may cross into it this step
    std::int32_t* lane_inside;      // [lane] connection on whose way through the lane's last vehicle
                                    // still is, -1 none (junction_occupancy.hpp)
    std::int32_t* lane_wanted;      // [lane] vehicles blinking to change into it this step
                                    // (lane_change.hpp); 0: nobody to let in (move.hpp)
};

struct VehicleView {
    // static per trip
    const double* depart;
    const std::int32_t* origin;
    const std::int32_t* dest;        // destination link, -1: circulates (never arrives)
    const std::int32_t* dest_index;  // row of the next-hop table
    const std::int32_t* type;
    const float* speed_factor;
    const std::int32_t* depart_lane; // kDepartLane* or an index
    const float* depart_pos;         // kDepartPos* or metres
    const float* depart_speed;       // kDepartSpeed* or m/s
    // dynamic, read-only this step (double-buffered: the step reads these, writes *_next)
    const float* pos;
    const float* speed;
    const std::int32_t* next_link;
    float* pos_next;
    float* speed_next;
    std::int32_t* next_link_next;
    const float* wait_time;          // time at standstill at the current lane end
    float* wait_time_next;
    // dynamic, written only by the vehicle's own thread
    std::uint8_t* status;
    std::int32_t* lane;
    double* insert_time;
    double* arrival_time;
    double* link_enter_time;
    double* route_length;
    double* time_loss;
    std::int32_t* blinker;           // lane a vehicle needs to change into (strategic), -1 none;
                                     // written by the lane-change kernel, read by the move kernel
    std::uint32_t* route_lanes;      // lanes_for_route of its link and next link, 0: not yet
                                     // known (reset whenever either changes; own thread only)
    std::int32_t* via_conn;          // connection it last crossed a junction by, -1 none; while
                                     // its position is negative its front is on that way through
};

// Stops on a vehicle's route (buses at their stops), flattened: vehicle v owns stops
// [stop_begin[v], stop_begin[v+1]); next_stop[v] is the first it has not served yet.
struct StopView {
    const std::int32_t* stop_begin;
    const std::int32_t* stop_link;
    const float* stop_pos;           // where the front halts (m from the link start)
    const float* stop_duration;      // s
    const double* stop_until;        // earliest departure, s since start; < 0: none
    std::int32_t* next_stop;         // written by the vehicle's own thread
    float* dwell_left;               // s of dwelling left; < 0: not at a stop
};

// Per-lane accumulators (integers: exact, order-free) and run-wide counters.
struct StatsView {
    unsigned long long* lane_veh_steps;     // output interval
    unsigned long long* lane_speed_mm;      // Σ speed in mm/s over vehicle-steps
    unsigned long long* route_veh_steps;    // since the last reroute
    unsigned long long* route_speed_mm;
    unsigned long long* link_entered;
    unsigned long long* link_left;
    unsigned long long* link_tt_ms;         // Σ travel time of vehicles that left, ms
    unsigned long long* counters;           // see Counter
};

enum Counter : int {
    kCountInserted = 0,
    kCountArrived = 1,
    kCountVehicleSteps = 2,
    kCountEmergencyStops = 3,
    kCountLaneChanges = 4,
    kCountRerouteStuck = 5,
    kCountStopsServed = 6,
    kCountStopsMissed = 7,
    kCountRemoved = 8,
    kCountTeleports = 9,
    kCountersSize = 10
};

}  // namespace citytwin::kernels
