#include "io/osm/scenario_yaml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "io/scenario/quantity.hpp"

namespace citytwin::io::osm {

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

void movements(std::ostringstream& y, const char* key, const std::vector<sim::MovementRef>& refs) {
    if (refs.empty()) return;
    y << ", " << key << ": [";
    for (std::size_t i = 0; i < refs.size(); ++i)
        y << (i ? ", " : "") << quoted(refs[i].from_link + ">" + refs[i].to_link);
    y << "]";
}

// The way's bends between the link's nodes, as network.links[].shape reads them.
std::string shape(const GraphLink& l) {
    if (l.bend_x.empty()) return "";
    std::string s = ", shape: \"";
    for (std::size_t i = 0; i < l.bend_x.size(); ++i)
        s += (i ? " " : "") + fixed(l.bend_x[i], 2) + "," + fixed(l.bend_y[i], 2);
    return s + "\"";
}

// About one zone per 500 m along each side of the network's bounding box, 1 ... 20.
int blocks_along(double extent_m) {
    return static_cast<int>(std::clamp(std::lround(extent_m / 500.0), 1L, 20L));
}

}  // namespace

std::string scenario_yaml(const RoadGraph& g, const std::vector<sim::SignalPlanSpec>& plans,
                          const OsmImportSettings& s, const OsmImportResult& record, const std::string& header) {
    std::ostringstream y;
    std::istringstream lines(header);
    for (std::string line; std::getline(lines, line);) y << "# " << line << "\n";
    y << "citytwin: 1\n";
    y << "name: " << quoted(s.name) << "\n";
    y << "seed: " << s.seed << "\n";
    if (!s.start.empty()) y << "start: " << s.start << "\n";
    y << "duration: " << s.duration << "\n";
    y << "weather:\n  location: {latitude: " << fixed(record.origin_lat, 7)
      << " deg, longitude: " << fixed(record.origin_lon, 7) << " deg}\n";

    double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const GraphNode& n : g.nodes) {
        x0 = std::min(x0, n.x);
        x1 = std::max(x1, n.x);
        y0 = std::min(y0, n.y);
        y1 = std::max(y1, n.y);
    }
    y << "zones:   # population and jobs weigh the zones; demand.generate.trips sets the number of trips\n";
    y << "  generate: {blocks: " << blocks_along(x1 - x0) << "x" << blocks_along(y1 - y0)
      << ", population: 10000, jobs: 10000}\n";
    y << "demand:\n  generate: {trips: " << format_number(s.trips) << "}\n";

    y << "network:\n  crs: {proj: " << quoted(record.projection) << ", longitude: " << fixed(record.origin_lon, 7)
      << " deg, latitude: " << fixed(record.origin_lat, 7) << " deg}\n  nodes:\n";
    for (const GraphNode& n : g.nodes)
        y << "    - {id: " << quoted(n.id) << ", x: " << fixed(n.x, 2) << ", y: " << fixed(n.y, 2) << "}\n";
    y << "  links:\n";
    for (const GraphLink& l : g.links)
        y << "    - {id: " << quoted(l.id) << ", from: " << quoted(g.nodes[static_cast<std::size_t>(l.from)].id)
          << ", to: " << quoted(g.nodes[static_cast<std::size_t>(l.to)].id) << ", lanes: " << l.lanes
          << ", speed: " << fixed(l.speed_kmh, 2) << " km/h, length: " << fixed(l.length_m, 2)
          << " m, priority: " << l.priority << shape(l) << "}   # " << l.highway << "\n";
    if (!plans.empty()) {
        y << "  signals:\n";
        for (const sim::SignalPlanSpec& p : plans) {
            y << "    - node: " << quoted(p.node) << "\n      phases:\n";
            for (const sim::SignalPhaseSpec& ph : p.phases) {
                y << "        - {duration: " << format_number(ph.duration_s) << " s";
                movements(y, "green", ph.green);
                movements(y, "minor", ph.minor);
                movements(y, "yellow", ph.yellow);
                y << "}\n";
            }
        }
    }
    return y.str();
}

}  // namespace citytwin::io::osm
