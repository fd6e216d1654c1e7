// Reads an OpenStreetMap file with libosmium in one pass: node positions go into a location
// index, signal nodes into a set, and each drivable way is kept with its interpreted tags.
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

#include "io/osm/osm_roads.hpp"
#include "io/osm/tag_values.hpp"
#include "io/scenario/text_file.hpp"
#include "sim/core/scenario_error.hpp"

namespace citytwin::io::osm {

namespace {

bool is_one_of(const char* v, std::initializer_list<std::string_view> values) {
    return v && std::find(values.begin(), values.end(), std::string_view(v)) != values.end();
}

// access=no/private closes a way unless motor_vehicle or motorcar opens it again.
bool closed_to_cars(const osmium::TagList& tags) {
    const std::initializer_list<std::string_view> closed = {"no", "private"};
    const std::initializer_list<std::string_view> open = {"yes", "permissive", "destination", "designated"};
    const char* mv = tags["motor_vehicle"];
    const char* car = tags["motorcar"];
    if (is_one_of(car, closed) || (!car && is_one_of(mv, closed))) return true;
    if (is_one_of(tags["access"], closed)) return !(is_one_of(mv, open) || is_one_of(car, open));
    return false;
}

class RoadCollector : public osmium::handler::Handler {
public:
    explicit RoadCollector(OsmRoads& out) : out_(out) {}

    void node(const osmium::Node& n) {
        ++out_.counts.nodes;
        const char* hw = n.tags()["highway"];
        if (hw && std::strcmp(hw, "traffic_signals") == 0) {
            out_.signal_nodes.insert(n.id());
            ++out_.counts.signal_nodes;
        }
    }

    void way(const osmium::Way& w) {
        ReadCounts& c = out_.counts;
        ++c.ways;
        const osmium::TagList& tags = w.tags();
        const char* hw = tags["highway"];
        if (!hw) return;
        ++c.highway_ways;
        const HighwayType* type = find_highway_type(hw);
        if (!type) { ++c.not_for_cars; return; }
        if (is_one_of(tags["area"], {"yes"})) { ++c.areas; return; }
        if (closed_to_cars(tags)) { ++c.no_access; return; }

        OsmRoad r;
        r.way_id = w.id();
        r.type = type;
        Oneway ow = type->oneway ? Oneway::Forward : Oneway::No;
        if (is_one_of(tags["junction"], {"roundabout", "circular"})) ow = Oneway::Forward;
        if (const char* v = tags["oneway"]) {
            const Oneway parsed = parse_oneway(v);
            if (parsed == Oneway::Unknown) ++c.oneway_not_understood;  // the implied value stays
            else ow = parsed;
        }
        if (ow == Oneway::Reversible) { ++c.reversible; return; }
        r.forward = ow != Oneway::Backward;
        r.backward = ow == Oneway::No || ow == Oneway::Backward;

        read_lanes(tags, ow, r);
        read_speeds(tags, r);

        r.points.reserve(w.nodes().size());
        for (const osmium::NodeRef& nr : w.nodes()) {
            WayPoint p;
            p.node = nr.ref();
            p.located = nr.location().valid();
            if (p.located) {
                p.lon = nr.location().lon();
                p.lat = nr.location().lat();
            } else {
                ++c.missing_nodes;
            }
            r.points.push_back(p);
        }
        ++c.roads;
        out_.roads.push_back(std::move(r));
    }

private:
    std::optional<int> lanes_tag(const osmium::TagList& tags, const char* key) {
        const char* v = tags[key];
        if (!v) return std::nullopt;
        auto n = parse_lane_count(v);
        if (!n) lanes_bad_ = true;
        return n;
    }

    // lanes counts both directions of a two-way road; lanes:forward/backward split it.
    void read_lanes(const osmium::TagList& tags, Oneway ow, OsmRoad& r) {
        lanes_bad_ = false;
        const int def = r.type->lanes;
        const auto total = lanes_tag(tags, "lanes");
        const auto fwd = lanes_tag(tags, "lanes:forward");
        const auto bwd = lanes_tag(tags, "lanes:backward");
        if (ow == Oneway::Forward || ow == Oneway::Backward) {
            const auto dir = ow == Oneway::Forward ? fwd : bwd;
            r.lanes_forward = r.lanes_backward = dir ? *dir : total ? *total : def;
        } else if (fwd && bwd) {
            r.lanes_forward = *fwd;
            r.lanes_backward = *bwd;
        } else if (total && (fwd || bwd)) {
            const int given = fwd ? *fwd : *bwd;
            const int other = std::max(1, *total - given);
            r.lanes_forward = fwd ? given : other;
            r.lanes_backward = fwd ? other : given;
        } else if (total) {
            r.lanes_backward = std::max(1, *total / 2);
            r.lanes_forward = std::max(1, *total - r.lanes_backward);
        } else {
            r.lanes_forward = fwd ? *fwd : def;
            r.lanes_backward = bwd ? *bwd : def;
        }
        if (lanes_bad_) ++out_.counts.lanes_not_understood;
    }

    void read_speeds(const osmium::TagList& tags, OsmRoad& r) {
        bool bad = false;
        auto speed = [&](const char* key) -> std::optional<double> {
            const char* v = tags[key];
            if (!v) return std::nullopt;
            auto s = parse_maxspeed_kmh(v);
            if (!s) bad = true;
            return s;
        };
        const auto both = speed("maxspeed");
        const auto fwd = speed("maxspeed:forward");
        const auto bwd = speed("maxspeed:backward");
        const double def = both ? *both : r.type->speed_kmh;
        r.speed_forward_kmh = fwd ? *fwd : def;
        r.speed_backward_kmh = bwd ? *bwd : def;
        if (bad) ++out_.counts.maxspeed_not_understood;
    }

    OsmRoads& out_;
    bool lanes_bad_ = false;
};

sim::ScenarioError file_error(const std::string& path, const std::string& message) {
    return sim::ScenarioError(sim::SourceMark{path, 0, 0}, "", message);
}

}  // namespace

OsmRoads read_osm_roads(const std::string& path) {
    std::error_code ec;
    if (const std::optional<std::string> problem = input_file_problem(path, kMaxOsmBytes))
        throw file_error(path, "cannot read the OpenStreetMap file: " + *problem);
    if (std::filesystem::file_size(path, ec) == 0)
        throw file_error(path, "the OpenStreetMap file is empty");

    OsmRoads out;
    try {
        const osmium::io::File file{path};
        if (file.format() == osmium::io::file_format::unknown)
            throw file_error(path, "cannot tell the file's format from its name: expected .osm, .osm.pbf, "
                                   ".pbf, .osm.gz or .osm.bz2");
        osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
        using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
        Index index;
        osmium::handler::NodeLocationsForWays<Index> locations{index};
        locations.ignore_errors();  // a way may reach past the extract: those nodes are counted
        RoadCollector collector{out};
        osmium::apply(reader, locations, collector);
        reader.close();
    } catch (const sim::ScenarioError&) {
        throw;
    } catch (const std::exception& e) {
        throw file_error(path, std::string("not a readable OpenStreetMap file: ") + e.what());
    }
    const ReadCounts& c = out.counts;
    if (c.nodes == 0 && c.ways == 0)
        throw file_error(path, "the OpenStreetMap file holds no nodes and no ways");
    if (out.roads.empty())
        throw file_error(path, "no roads for cars in the file: " + std::to_string(c.ways) + " ways, " +
                                   std::to_string(c.highway_ways) + " with a highway tag, none of a drivable type "
                                   "(motorway ... living_street, see docs/import.md) open to cars");
    return out;
}

}  // namespace citytwin::io::osm
