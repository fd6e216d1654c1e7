#pragma once
// The directed road graph an OpenStreetMap file becomes: junctions (in metres) and one-way links
// between them, each link carrying the length of the polyline it replaces.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/osm/local_projection.hpp"
#include "io/osm/osm_roads.hpp"

namespace citytwin::io::osm {

struct GraphNode {
    std::string id;    // "n<OSM node id>"
    double x = 0.0, y = 0.0;
    bool signal = false;
};

struct GraphLink {
    std::string id;    // "<way id>#<segment>", "-<way id>#<segment>" against the way (as netconvert names edges)
    int from = 0, to = 0;
    int lanes = 1;
    double speed_kmh = 50.0;
    double length_m = 0.0;  // along the OSM polyline
    int priority = 0;
    std::string_view highway;
    // Where the way bends between the two junctions, in driving order (m): the link's shape.
    std::vector<double> bend_x, bend_y;
};

// Where a highway=traffic_signals node lies: on junction a (a == b), or on the road between
// junctions a and b, at these distances along it.
struct SignalPoint {
    int a = 0, b = 0;
    double from_a = 0.0, from_b = 0.0;
};

struct RoadGraph {
    std::vector<GraphNode> nodes;
    std::vector<GraphLink> links;
    std::vector<SignalPoint> signal_points;  // as read; place_signals() turns them into GraphNode::signal
};

// How the graph came out of the ways.
struct GraphCounts {
    std::size_t junctions = 0;          // graph nodes
    std::size_t geometry_points = 0;    // way nodes that only shape a polyline
    std::size_t signals_at_junctions = 0;  // signal nodes on a junction of three or more arms
    std::size_t signals_moved = 0;      // within kSignalJoinRadius of one (along the roads): moved there
    std::size_t signals_dropped = 0;    // further from any such junction (pedestrian crossings)
    std::size_t ways_without_positions = 0;  // fewer than two located nodes
    std::size_t roads_cut_at_bends = 0;  // links that would pass kLinkLengthMaxM, ended at a bend instead
    std::size_t overlong_pieces = 0;     // two consecutive way nodes further apart than that: left out
};

// Signal nodes this close, along the roads, to a junction of three or more arms control that
// junction, as netconvert's --tls.guess-signals has it (its tls.guess-signals.dist default).
inline constexpr double kSignalJoinRadius = 25.0;

// Keeps the links with keep[i] != 0 and the nodes some kept link touches, in their order;
// returns how many nodes went.
std::size_t keep_links(RoadGraph& g, const std::vector<char>& keep);

// Splits the ways at junctions (nodes shared by ways, way ends) into links, one per direction
// cars may drive, and records where the signal nodes are.
RoadGraph build_road_graph(const OsmRoads& roads, const LocalProjection& proj, GraphCounts& counts);

// Marks as signalised each junction of three or more arms (distinct neighbours) that has a
// signal point on it or within kSignalJoinRadius along the roads (the nearest such junction).
void place_signals(RoadGraph& g, GraphCounts& counts);

}  // namespace citytwin::io::osm
