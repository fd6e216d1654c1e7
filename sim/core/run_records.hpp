#pragma once
// What a run hands to its output writer: plain host-side records, copied out of device state
// at output intervals. io/output writes them to HDF5; nothing here knows about HDF5.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace citytwin::sim {

struct RunMetadata {
    std::string scenario_name;
    std::string scenario_yaml;        // full text as run (overrides applied)
    std::string scenario_file;
    std::vector<std::string> scenario_bases;   // a variant's base files, outermost first
    std::vector<std::string> overrides;
    std::uint64_t seed = 0;
    std::string version;              // citytwin version
    std::string backend;              // "cpu" or "cuda"
    std::string device_name;          // e.g. "2 OpenMP threads on <cpu model>" or the GPU name
    int threads = 0;                  // CPU threads (cpu backend)
    std::string start;                // scenario start, ISO local time
    double duration_s = 0.0;
    double step_s = 0.0;
    double output_every_s = 0.0;
    double vehicles_every_s = 0.0;
    std::string created_utc;          // ISO 8601 time the file was created
};

// Static geometry, written once under /network.
struct NetworkGeometry {
    std::vector<std::string> node_ids;
    std::vector<double> node_x_m, node_y_m;
    std::vector<std::int32_t> node_signalised;   // 1 if the junction has a signal plan
    std::vector<std::string> link_ids;
    std::vector<std::int32_t> link_from_node, link_to_node;  // indices into node arrays
    std::vector<std::int32_t> link_lanes;
    std::vector<double> link_length_m;
    std::vector<double> link_speed_limit_mps;
    // Link polyline as the source draws it (straight from node to node for generated grids),
    // flattened: link i owns points [link_shape_offset[i], link_shape_offset[i+1]).
    std::vector<std::int32_t> link_shape_offset;
    std::vector<double> shape_x_m, shape_y_m;
    // Coordinate reference system of x, y and the lon/lat of the origin (none: synthetic).
    std::string crs;
    double crs_offset_x_m = 0.0, crs_offset_y_m = 0.0;
    double origin_lon_deg = std::numeric_limits<double>::quiet_NaN();
    double origin_lat_deg = std::numeric_limits<double>::quiet_NaN();
};

// Per-link time series for one output interval ending at time_s (seconds since start).
struct LinkSeriesFrame {
    double time_s = 0.0;
    std::vector<std::int32_t> entered;        // vehicles that entered the link in the interval
    std::vector<std::int32_t> left;           // vehicles that left it (moved on or arrived)
    std::vector<float> mean_speed_mps;        // over vehicle-steps on the link; NaN if none
    std::vector<float> density_veh_per_km;    // mean vehicles on the link / length (all lanes)
    std::vector<float> mean_travel_time_s;    // of vehicles that left; NaN if none
};

// Positions of every running vehicle at time_s, for replay.
struct VehicleFrame {
    double time_s = 0.0;
    std::vector<std::int32_t> id;             // trip id
    std::vector<float> x_m, y_m, speed_mps;
    std::vector<std::int32_t> link;           // link index
    // Empty in frames from elsewhere (tests, older producers): the writer fills -1 / NaN.
    std::vector<std::int32_t> lane;           // lane index within the link, 0 = rightmost
    std::vector<float> heading_deg;           // direction of travel, degrees clockwise from north
    std::vector<std::int32_t> type;           // vehicle type index (the scenario's types, in order)
};

// Removed: left the network where it stood, because no path led on to its destination (it
// had been pushed off its route); SUMO would teleport it.
// Cancelled: an intervention cancelled it (a ban's trip with no replacement, a closure with
// on_closed_end: cancel); a running one left the network where it was.
enum class TripStatus : std::int8_t { Pending = 0, Waiting = 1, Running = 2, Arrived = 3, Unroutable = 4, Removed = 5, Cancelled = 6 };

struct TripRow {
    std::int32_t id = 0;
    std::int32_t type = 0;                    // index into vehicle type names
    std::int32_t origin_link = 0;
    std::int32_t destination_link = 0;
    double depart_s = 0.0;                    // scheduled
    double insert_s = -1.0;                   // actual insertion; -1 if never inserted
    double arrival_s = -1.0;                  // -1 if not arrived
    float route_length_m = 0.0f;              // distance driven
    float time_loss_s = 0.0f;                 // time below the desired speed (SUMO's timeLoss)
    float depart_delay_s = 0.0f;              // insert_s - depart_s (or up to now if waiting)
    TripStatus status = TripStatus::Pending;
    // Emitted mass over the trip so far (air model; NaN when the scenario has no air section):
    // exhaust CO2 and NOx, PM10 and PM2.5 exhaust plus non-exhaust.
    float co2_g = std::numeric_limits<float>::quiet_NaN();
    float nox_g = std::numeric_limits<float>::quiet_NaN();
    float pm10_g = std::numeric_limits<float>::quiet_NaN();
    float pm25_g = std::numeric_limits<float>::quiet_NaN();
};

// Names the run file keeps beside the indices its records use, written once at the start.
struct TrafficNames {
    std::vector<std::string> types;   // vehicle type ids, by type index (SUMO vType ids when imported)
    std::vector<std::string> trips;   // the source's id of each trip, by trip id; empty: none given
};

// The scenario's interventions, written once; then a row each time one is applied or reverted.
struct InterventionTable {
    std::vector<std::string> ids, actions;
};

struct InterventionRow {
    double time_s = 0.0;
    std::int32_t intervention = 0;   // index into InterventionTable
    std::int8_t applied = 1;         // 1 applied at time_s, 0 reverted (its `until`)
    std::int32_t links = 0;          // links (and lanes) it closes, narrows, limits or bans (0 for other actions)
    std::int64_t rerouted = 0;       // vehicles that turned away from a link closed or a zone banned then
    std::int64_t cancelled = 0;      // trips it cancelled then
    std::int64_t changed = 0;        // trips it switched to another vehicle type then
};

struct Kpi {
    std::string name;
    double value = 0.0;
    std::string units;                        // "1" for counts
    std::string long_name;
};

}  // namespace citytwin::sim
