#pragma once
// A network given lane by lane, as SUMO's .net.xml describes it: edges with their lanes,
// junctions, every lane-to-lane connection with its right-of-way (which other connections it
// yields to) and signal link, fixed-time programs and stops. io/sumo fills it; the network
// builder compiles it without inventing turn lanes or priorities of its own.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/scenario_error.hpp"

namespace citytwin::sim {

// Vehicle classes a lane admits, as bits (SUMO's vClass groups that matter on roads).
enum LaneClass : std::uint8_t {
    kClassCar = 1,     // passenger, private, taxi, evehicle, hov, vip, emergency, authority, army, custom
    kClassBus = 2,     // bus, coach
    kClassTruck = 4,   // truck, trailer, delivery
    kClassMoto = 8,    // motorcycle, moped
};
constexpr std::uint8_t kClassAllRoad = kClassCar | kClassBus | kClassTruck | kClassMoto;

struct LaneEntry {
    double speed_mps = 13.89;
    double length_m = 0.0;
    std::uint8_t allow = kClassAllRoad;
};

struct EdgeEntry {
    std::string id;
    std::int32_t from = -1, to = -1;   // junction indices
    std::int32_t priority = -1;
    std::vector<LaneEntry> lanes;       // road lanes only, rightmost first
    std::vector<double> shape_x, shape_y;  // centre line (m)
    SourceMark mark;
};

struct JunctionEntry {
    std::string id;
    double x_m = 0.0, y_m = 0.0;
    bool signalised = false;
    SourceMark mark;
};

struct ConnectionEntry {
    std::int32_t from_edge = -1, to_edge = -1;   // edge indices
    std::int32_t from_lane = 0, to_lane = 0;     // indices among the edges' road lanes
    std::int32_t junction = -1;
    char dir = 's';                              // SUMO: s, r, l, t, R, L (partly right/left)
    char state = 'M';                            // SUMO's unsignalised state: M, m, =, s, w, Z, o, O
    std::int32_t program = -1;                   // signal program index, -1 if none
    std::int32_t link_index = -1;                // column of the program's state strings
    double via_speed_mps = 0.0;                  // speed of the internal lane; 0: none given
    double via_length_m = 0.0;                   // through the junction (all its internal lanes)
    double via_after_wait_m = 0.0;               // of that, beyond a left turn's waiting point; 0: none
    bool keep_clear = true;                      // SUMO's keepClear: false lets it stop inside
    std::vector<std::int32_t> yields_to;         // connection indices this one yields to
    std::vector<std::int32_t> crosses;           // connections whose way through meets this one's
    SourceMark mark;
};

struct ProgramPhase {
    double duration_s = 0.0;
    std::string state;                           // one letter per link index
};

struct SignalProgram {
    std::string id;                              // tlLogic id
    std::string program_id;
    double offset_s = 0.0;
    std::vector<ProgramPhase> phases;
    std::int32_t junction = -1;                  // junction it controls (the first one that names it)
    SourceMark mark;
};

struct StopPlace {
    std::string id;
    std::int32_t edge = -1;
    std::int32_t lane = 0;
    double start_m = 0.0, end_m = 0.0;
    SourceMark mark;
};

struct LaneNetworkSpec {
    std::string file;                            // the .net.xml
    std::string projection;                      // SUMO's projParameter, kept for the record
    double net_offset_x = 0.0, net_offset_y = 0.0;
    double origin_lon_deg = std::numeric_limits<double>::quiet_NaN();   // of x = y = 0, when projected
    double origin_lat_deg = std::numeric_limits<double>::quiet_NaN();
    std::vector<JunctionEntry> junctions;
    std::vector<EdgeEntry> edges;
    std::vector<ConnectionEntry> connections;
    std::vector<SignalProgram> programs;
    std::vector<StopPlace> stops;
};

}  // namespace citytwin::sim
