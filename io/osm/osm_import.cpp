#include "io/osm/osm_import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "io/osm/local_projection.hpp"
#include "io/osm/scenario_yaml.hpp"
#include "sim/core/scenario_error.hpp"

namespace citytwin::io::osm {

namespace {

// The centre of the roads' bounding box, rounded to 1e-6 deg (about 0.1 m) so the origin
// written into the scenario is the one used. Longitudes are taken on whichever side of the
// globe gives the narrower box: an extract across the antimeridian (Fiji, Chukotka) spans
// 179.9 E to 179.9 W, 0.2 deg, not 359.8 deg, and is centred near 180 deg, where the
// transverse Mercator projection is accurate; centred on 0 deg it put points 20,000 km away.
std::pair<double, double> centre(const OsmRoads& roads) {
    constexpr double inf = std::numeric_limits<double>::max();
    double lon0 = inf, lon1 = -inf, lat0 = inf, lat1 = -inf;
    double east0 = inf, east1 = -inf;  // longitudes in [0, 360)
    for (const OsmRoad& r : roads.roads)
        for (const WayPoint& p : r.points)
            if (p.located) {
                lon0 = std::min(lon0, p.lon);
                lon1 = std::max(lon1, p.lon);
                const double east = p.lon < 0.0 ? p.lon + 360.0 : p.lon;
                east0 = std::min(east0, east);
                east1 = std::max(east1, east);
                lat0 = std::min(lat0, p.lat);
                lat1 = std::max(lat1, p.lat);
            }
    if (lon0 > lon1) return {0.0, 0.0};
    double lon = (lon0 + lon1) * 0.5;
    if (east1 - east0 < lon1 - lon0) {
        lon = (east0 + east1) * 0.5;
        if (lon > 180.0) lon -= 360.0;
    }
    return {std::round(lon * 1e6) / 1e6, std::round((lat0 + lat1) * 0.5e6) / 1e6};
}

// The largest extent of the roads, in degrees of longitude (the narrower way round) and of
// latitude: a city extract is a few tenths of a degree; one spanning continents is no city,
// and the local projection would distort it beyond use.
void check_extent(const OsmRoads& roads, double lon0, const std::string& path) {
    constexpr double kMaxSpanDeg = 5.0;  // about 550 km north-south: a metropolitan region
    double west = 0.0, east = 0.0, south = 90.0, north = -90.0;
    for (const OsmRoad& r : roads.roads)
        for (const WayPoint& p : r.points)
            if (p.located) {
                double d = p.lon - lon0;
                if (d > 180.0) d -= 360.0;
                if (d < -180.0) d += 360.0;
                west = std::min(west, d);
                east = std::max(east, d);
                south = std::min(south, p.lat);
                north = std::max(north, p.lat);
            }
    if (east - west > kMaxSpanDeg || north - south > kMaxSpanDeg) {
        char text[256];
        std::snprintf(text, sizeof text,
                      "the roads span %.2f deg of longitude and %.2f deg of latitude; citytwin imports extracts of at "
                      "most %.0f deg each way (a metropolitan region); cut the extract (osmium extract --bbox)",
                      east - west, north - south, kMaxSpanDeg);
        throw sim::ScenarioError(sim::SourceMark{path, 0, 0}, "", text);
    }
}

}  // namespace

std::string OsmImportResult::summary() const {
    std::ostringstream s;
    const ReadCounts& r = read;
    s << "read: " << r.nodes << " nodes, " << r.ways << " ways (" << r.highway_ways << " with a highway tag); "
      << r.roads << " roads for cars kept\n";
    s << "left out: " << r.not_for_cars << " ways of types cars do not use, " << r.no_access
      << " closed to cars (access), " << r.areas << " areas, " << r.reversible << " reversible, "
      << graph.ways_without_positions << " without two located nodes\n";
    s << "tags not understood (type defaults used): " << r.maxspeed_not_understood << " maxspeed, "
      << r.lanes_not_understood << " lanes, " << r.oneway_not_understood << " oneway; " << r.missing_nodes
      << " node references without a position in the file\n";
    s << "graph: " << graph.junctions << " junctions, " << graph.geometry_points << " shape points; signals: "
      << graph.signals_at_junctions << " on junctions, " << graph.signals_moved << " moved to the nearest junction within "
      << kSignalJoinRadius << " m, " << graph.signals_dropped << " further from any junction (crossings) dropped; "
      << graph.roads_cut_at_bends << " roads cut at a bend to keep links within 100 km, " << graph.overlong_pieces
      << " pieces of road over 100 km between two nodes left out\n";
    s << "cleaning: " << clean.junctions_joined << " junctions joined across links under 10 m (" << clean.short_links
      << " links inside them removed), " << clean.tiny_links << " links under 0.5 m dropped, " << clean.self_loops
      << " self-loops and " << clean.parallel_links << " parallel links dropped, " << clean.unreachable_links
      << " links and " << clean.unreachable_nodes << " nodes outside the largest strongly connected part dropped, "
      << clean.pass_through_nodes << " pass-through nodes removed\n";
    char km[32];
    std::snprintf(km, sizeof km, "%.1f", road_km);
    s << "result: " << nodes << " nodes, " << links << " links, " << lanes << " lanes, " << km << " km of road, "
      << signals.plans << " signal plans (" << signals.too_simple
      << " signal nodes with fewer than 3 arms or 2 approaches left unsignalised)\n";
    return s.str();
}

OsmImportResult import_osm(const std::string& path, const OsmImportSettings& settings) {
    OsmImportResult res;
    const OsmRoads roads = read_osm_roads(path);
    res.read = roads.counts;
    const auto [lon0, lat0] = centre(roads);
    check_extent(roads, lon0, path);
    const LocalProjection proj(lon0, lat0);
    res.origin_lon = lon0;
    res.origin_lat = lat0;
    res.projection = proj.definition();

    RoadGraph g = build_road_graph(roads, proj, res.graph);
    place_signals(g, res.graph);
    clean_road_graph(g, res.clean);
    if (g.links.size() < 2)
        throw sim::ScenarioError(sim::SourceMark{path, 0, 0}, "",
                                 "the roads for cars in the file do not connect into a network: no two links "
                                 "reach each other (" + std::to_string(res.read.roads) + " roads read)");
    const std::vector<sim::SignalPlanSpec> plans = generate_signal_plans(g, res.signals);
    res.nodes = g.nodes.size();
    res.links = g.links.size();
    for (const GraphLink& l : g.links) {
        res.lanes += static_cast<std::size_t>(l.lanes);
        res.road_km += l.length_m / 1000.0;
    }

    std::ostringstream header;
    char origin[128];
    std::snprintf(origin, sizeof origin, "longitude %.6f deg, latitude %.6f deg", lon0, lat0);
    header << "Imported from OpenStreetMap by `citytwin import osm " << settings.source_label << "`.\n"
           << "Map data (c) OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).\n"
           << "x, y in metres: " << res.projection << " (from WGS 84 lon/lat);\n"
           << "origin x = 0, y = 0 at " << origin << ".\n"
           << res.summary();
    res.yaml = scenario_yaml(g, plans, settings, res, header.str());
    return res;
}

}  // namespace citytwin::io::osm
