#pragma once
// What a scenario file becomes: plain structs in SI units (m, s, m/s, m/s², kWh, kW), each
// carrying the SourceMark of the YAML key it came from so later checks can point at the file.
// io/scenario fills these; sim/ compiles them into device state.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/air/air_spec.hpp"
#include "sim/core/georeference.hpp"
#include "sim/core/lane_network.hpp"
#include "sim/core/scenario_error.hpp"
#include "sim/core/intervention.hpp"
#include "sim/core/weather.hpp"
#include "sim/power/power_spec.hpp"

namespace citytwin::sim {

// ---- network -------------------------------------------------------------------------------

// A generated rows×cols grid of junctions `spacing` apart, two-way links between neighbours.
struct GridNetworkSpec {
    int rows = 0;
    int cols = 0;
    double spacing_m = 0.0;
    int lanes = 1;            // per direction
    double speed_mps = 13.89; // speed limit
    bool signals = true;      // fixed-time signals at junctions with 3+ approaches
    double green_s = 31.0;    // per direction pair (N-S, then E-W); SUMO netconvert default
    double yellow_s = 4.0;
    // Every `arterial_every`-th row and column (from row and column 0) an arterial of its own
    // lanes and speed; 0: none. With arterials, signals stand only where two arterials cross.
    int arterial_every = 0;
    int arterial_lanes = 2;
    double arterial_speed_mps = 60.0 / 3.6;
    SourceMark mark;
};

enum class JunctionControl { Auto, Signal, Priority };

struct NodeSpec {
    std::string id;
    double x_m = 0.0;
    double y_m = 0.0;
    JunctionControl control = JunctionControl::Auto;  // Auto: Signal if a plan names it, else Priority
    SourceMark mark;
};

struct LinkSpec {
    std::string id;
    std::string from;          // node id
    std::string to;            // node id
    int lanes = 1;
    double speed_mps = 13.89;
    double length_m = 0.0;     // 0: straight-line distance between the nodes
    int priority = -1;         // higher wins at priority junctions; -1: derived from speed and lanes
    bool closed = false;       // no vehicle may enter it; routing avoids it
    // Where the road bends between its two nodes, in order (m); empty: a straight line. Drawn
    // in the run file's link shapes only; the model uses length_m.
    std::vector<double> shape_x_m, shape_y_m;
    SourceMark mark;
};

// One movement through a junction, named by the incoming and outgoing link ids.
struct MovementRef {
    std::string from_link;
    std::string to_link;
    SourceMark mark;
};

struct SignalPhaseSpec {
    double duration_s = 0.0;
    std::vector<MovementRef> green;   // movements with priority ("G")
    std::vector<MovementRef> minor;   // green but yielding to conflicting traffic ("g")
    std::vector<MovementRef> yellow;  // amber: stop if you can
    SourceMark mark;                  // movements of the node listed nowhere are red
};

struct SignalPlanSpec {
    std::string node;
    double offset_s = 0.0;
    std::vector<SignalPhaseSpec> phases;
    SourceMark mark;
};

struct NetworkSpec {
    std::string sumo_net_file;            // the SUMO network read, when network.sumo
    std::optional<GridNetworkSpec> grid;  // either grid, or nodes + links (+ signals), or lanes
    std::optional<LaneNetworkSpec> lanes; // lane by lane, from a SUMO network
    std::vector<std::string> sumo_additional;  // its additional files (also read for demand)
    std::map<std::string, long long> sumo_not_represented;  // what its files hold that is not simulated, counted
    std::vector<NodeSpec> nodes;
    std::vector<LinkSpec> links;
    std::vector<SignalPlanSpec> signals;
    Georeference georeference;            // network.crs, or the SUMO net's <location>
    SourceMark mark;
};

// ---- zones ---------------------------------------------------------------------------------

// Land-use areas that produce and attract trips. A zone owns the links whose midpoint lies in
// its rectangle (or those listed).
struct ZoneSpec {
    std::string id;
    double x_min_m = 0.0, y_min_m = 0.0, x_max_m = 0.0, y_max_m = 0.0;
    double population = 0.0;
    double jobs = 0.0;
    std::vector<std::string> links;  // optional explicit list of link ids
    SourceMark mark;
};

// Split the network's bounding box into bx × by equal blocks; population and jobs spread over
// them with a centre-weighted pattern (jobs concentrated in the centre, homes outside).
struct ZoneGenerateSpec {
    int blocks_x = 0;
    int blocks_y = 0;
    double population = 0.0;
    double jobs = 0.0;
    SourceMark mark;
};

struct ZonesSpec {
    std::optional<ZoneGenerateSpec> generate;
    std::vector<ZoneSpec> list;
    SourceMark mark;
};

// ---- vehicles ------------------------------------------------------------------------------

struct VehicleTypeSpec {
    std::string id;
    double share = 1.0;              // of generated demand; normalised over all types
    // IDM (Treiber et al. 2000) with SUMO's passenger-car defaults.
    double length_m = 5.0;
    double min_gap_m = 2.5;          // s0
    double accel_mps2 = 2.6;         // a
    double decel_mps2 = 4.5;         // b, comfortable
    double emergency_decel_mps2 = 9.0;
    double headway_s = 1.0;          // T (SUMO's tau)
    double delta = 4.0;              // acceleration exponent
    double max_speed_mps = 55.56;
    // Desired speed = speed limit × factor, factor ~ Normal(mean, dev) clipped to [min, max].
    double speed_factor_mean = 1.0;
    double speed_factor_dev = 0.1;
    double speed_factor_min = 0.2;
    double speed_factor_max = 2.0;
    // Electric vehicles, for coupling to the power model.
    bool ev = false;
    double battery_kwh = 0.0;
    double kwh_per_km = 0.0;
    double charger_kw = 0.0;
    std::string emission_class;      // for the air model, kept as given
    std::string car_following;       // "idm", "krauss"; "": traffic.model
    double sigma = 0.5;              // Krauss's driver imperfection (SUMO's default)
    std::uint8_t lane_class = kClassCar;  // LaneClass bit: which lanes it may use
    SourceMark mark;
};

// ---- demand --------------------------------------------------------------------------------

// Time-of-day profile: relative trip rates for each hour 0..23 of the local day.
struct DemandProfile {
    std::string name;                 // "weekday", "morning_peak", "flat", or "custom"
    std::vector<double> hourly;       // 24 weights, filled for every named profile too
};

struct DemandGenerateSpec {
    double trips = 0.0;               // total trips within the simulated window; or
    double trips_per_person = 0.0;    // daily trips per resident, scaled by the profile
    DemandProfile profile;
    SourceMark mark;
};

// A stop on a trip's route (a bus at its stops): the vehicle halts with its front at pos_m
// on the link for duration_s, and not before until_s when that is given.
struct TripStop {
    std::string link;
    double pos_m = 0.0;
    double duration_s = 0.0;
    double until_s = -1.0;            // seconds since the scenario start; < 0: none
    SourceMark mark;
};

// One trip of a trip list: origin and destination are link ids, as SUMO trips are.
struct TripSpec {
    double depart_s = 0.0;            // seconds since the scenario start
    std::string from_link;
    std::string to_link;
    std::string type;                 // empty: drawn from the type shares
    std::string id;                   // the source's vehicle id (SUMO), for messages; may be empty
    std::vector<std::string> route;   // a fixed route of link ids (origin .. destination); empty:
                                      // routed by travel time
    std::vector<TripStop> stops;      // in route order
    // SUMO's departLane, departPos, departSpeed (kernels/traffic/traffic_view.hpp codes).
    std::int32_t depart_lane = -1;    // best
    float depart_pos = -1.0f;         // base
    bool depart_pos_from_end = false; // depart_pos metres back from the lane end (SUMO's negative departPos)
    float depart_speed = 0.0f;
    SourceMark mark;                  // file:line of the CSV row or XML element
};

struct DemandSpec {
    std::optional<DemandGenerateSpec> generate;
    std::string trips_file;           // resolved path of the CSV, for the record
    std::vector<std::string> sumo_route_files;  // SUMO route files read, when demand.sumo
    std::vector<TripSpec> trips;      // parsed rows of trips_file
    SourceMark mark;
};

// ---- traffic settings ----------------------------------------------------------------------

struct TrafficSettings {
    double step_s = 0.5;
    std::string model = "idm";        // car following of the types that name none: idm or krauss
    double reroute_every_s = 300.0;   // 0: route on free-flow times only
    // How routes are kept: "tables" (a next-hop row per destination), "routes" (a route per
    // vehicle, searched when it needs one) or "auto" (tables when they are small; docs/models.md §6).
    std::string routing = "auto";
    double gap_acceptance_s = 3.0;    // minor movements wait for this time gap in priority traffic
    double yield_lookahead_m = 50.0;  // vehicles further than this from the line need not yield yet
    double lane_change_patience_s = 20.0;  // stuck at a lane end this long: take another turn
    double turn_lateral_accel_mps2 = 5.5;  // caps speed through turns: v = sqrt(a_lat · r) (SUMO netconvert default)
    double teleport_after_s = 300.0;  // standing at a line this long: moved on (SUMO's time-to-teleport); 0: never
    // "points": a junction is crossed at its line; "lanes": on the internal lanes the network
    // has (SUMO's), with their lengths, speeds, crossings and keepClear (docs/models.md §3.9).
    std::string junctions = "lanes";
    SourceMark mark;
};

// ---- outputs -------------------------------------------------------------------------------

struct OutputSettings {
    std::string file = "out/run.h5";
    double every_s = 300.0;           // per-link time series interval
    double vehicles_every_s = 0.0;    // vehicle positions for replay; 0: off
    // outputs.checkpoint: times (seconds since start) and cadence of checkpoints, and their file
    // (empty: the output's name with .ckpt.h5).
    std::vector<double> checkpoint_at_s;
    double checkpoint_every_s = 0.0;
    std::string checkpoint_file;
    // outputs.overwrite: an existing complete output (or checkpoint) may be replaced.
    bool overwrite = false;
    SourceMark mark;
};

// ---- the whole scenario --------------------------------------------------------------------

struct Scenario {
    int format_version = 1;
    std::string name;
    std::uint64_t seed = 1;
    std::string start;                // ISO local time "YYYY-MM-DDTHH:MM[:SS]" as written
    double start_seconds_of_day = 0.0;
    int start_day_of_year = 1;        // 1..366
    double duration_s = 0.0;
    NetworkSpec network;
    ZonesSpec zones;
    std::vector<VehicleTypeSpec> vehicle_types;  // never empty after loading: default "car"
    DemandSpec demand;
    TrafficSettings traffic;
    WeatherSpec weather;
    std::optional<AirSpec> air;       // the air model runs when the scenario has an air: section
    std::optional<PowerSpec> power;   // no grid when absent
    OutputSettings outputs;
    std::vector<InterventionSpec> interventions;   // in the file's order

    std::string source_file;          // path of the YAML file
    std::vector<std::string> base_files;  // a variant's bases (base: ...), outermost first
    std::string source_text;          // the YAML as loaded, with --set overrides applied
    std::string original_text;        // the YAML as read, before overrides (checkpoints reload it)
    std::string base_dir;             // the folder relative input paths are read from
    std::vector<std::string> input_files;  // every other file the scenario read (trips, SUMO, feeders)
    std::vector<std::string> overrides;  // the --set arguments, in order
    std::vector<std::string> warnings;   // what the inputs hold that the run cannot represent
};

}  // namespace citytwin::sim
