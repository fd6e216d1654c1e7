// network: a generated grid, or nodes + links (+ signal plans, in signal_section.cpp).
#include <climits>
#include <unordered_map>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"
#include "sim/core/scenario_limits.hpp"

namespace citytwin::io {

namespace {

constexpr int kMaxLanes = 16;
constexpr int kMaxGridSide = 10000;

sim::GridNetworkSpec read_grid(const Field& field) {
    const MapReader m(field, {"rows", "cols", "spacing", "lanes", "speed", "signals", "green", "yellow", "arterials"});
    sim::GridNetworkSpec g;
    g.mark = field.mark();
    g.rows = static_cast<int>(m.required("rows").integer(2, kMaxGridSide));
    const Field cols = m.required("cols");
    g.cols = static_cast<int>(cols.integer(2, kMaxGridSide));
    // Checked before anything is built: the network, its routing tables and every per-link
    // output grow with the junctions.
    if (static_cast<std::int64_t>(g.rows) * g.cols > sim::kMaxGridJunctions)
        cols.fail("a grid of " + std::to_string(g.rows) + " x " + std::to_string(g.cols) + " = " +
                  std::to_string(static_cast<std::int64_t>(g.rows) * g.cols) + " junctions is too large; rows x cols may be at most " +
                  std::to_string(sim::kMaxGridJunctions));
    g.spacing_m = m.required("spacing").quantity_in(Dimension::Length, ranges::kGridSpacingMinM, ranges::kLinkLengthMaxM);
    if (auto f = m.get("lanes")) g.lanes = static_cast<int>(f->integer(1, kMaxLanes));
    if (auto f = m.get("speed")) g.speed_mps = f->positive_quantity(Dimension::Speed, ranges::kSpeedMaxMps);
    if (auto f = m.get("signals")) g.signals = f->boolean();
    if (auto f = m.get("green")) g.green_s = f->positive_quantity(Dimension::Time, ranges::kPhaseMaxS);
    if (auto f = m.get("yellow")) g.yellow_s = f->positive_quantity(Dimension::Time, ranges::kPhaseMaxS);
    if (auto f = m.get("arterials")) {
        const MapReader a(*f, {"every", "lanes", "speed"});
        g.arterial_every = static_cast<int>(a.required("every").integer(2, kMaxGridSide));
        if (auto l = a.get("lanes")) g.arterial_lanes = static_cast<int>(l->integer(1, kMaxLanes));
        if (auto v = a.get("speed")) g.arterial_speed_mps = v->positive_quantity(Dimension::Speed, ranges::kSpeedMaxMps);
    }
    return g;
}

sim::JunctionControl read_control(const Field& f) {
    const std::string s = f.text();
    if (s == "auto") return sim::JunctionControl::Auto;
    if (s == "signal") return sim::JunctionControl::Signal;
    if (s == "priority") return sim::JunctionControl::Priority;
    f.fail("expected one of auto, signal, priority, got " + f.describe());
}

std::vector<sim::NodeSpec> read_nodes(const Field& field) {
    std::vector<sim::NodeSpec> nodes;
    std::unordered_map<std::string, std::size_t> index;
    for (const Field& item : field.items()) {
        const MapReader m(item, {"id", "x", "y", "control"});
        sim::NodeSpec n;
        n.mark = item.mark();
        const Field id = m.required("id");
        n.id = id.text();
        if (auto [it, fresh] = index.emplace(n.id, nodes.size()); !fresh)
            id.fail("duplicate node id '" + n.id + "' (" + first_place(nodes[it->second].mark) + ")");
        n.x_m = m.required("x").quantity_in(Dimension::Length, -ranges::kCoordinateMaxM, ranges::kCoordinateMaxM);
        n.y_m = m.required("y").quantity_in(Dimension::Length, -ranges::kCoordinateMaxM, ranges::kCoordinateMaxM);
        if (auto f = m.get("control")) n.control = read_control(*f);
        nodes.push_back(std::move(n));
    }
    if (nodes.size() < 2) field.fail("the network needs at least two nodes, got " + std::to_string(nodes.size()));
    return nodes;
}

std::vector<std::string> node_ids(const std::vector<sim::NodeSpec>& nodes) {
    std::vector<std::string> ids;
    for (const sim::NodeSpec& n : nodes) ids.push_back(n.id);
    return ids;
}

std::string node_ref(const Field& f, const std::unordered_map<std::string, std::size_t>& nodes,
                     const std::vector<std::string>& all_ids) {
    const std::string id = f.text();
    if (nodes.contains(id)) return id;
    const std::string guess = closest_key(id, all_ids);
    f.fail("no node '" + id + "' in network.nodes" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
}

std::vector<sim::LinkSpec> read_links(const Field& field, const std::vector<sim::NodeSpec>& nodes) {
    std::unordered_map<std::string, std::size_t> node_index;
    for (std::size_t i = 0; i < nodes.size(); ++i) node_index.emplace(nodes[i].id, i);
    const std::vector<std::string> all_ids = node_ids(nodes);

    std::vector<sim::LinkSpec> links;
    std::unordered_map<std::string, std::size_t> index;
    for (const Field& item : field.items()) {
        const MapReader m(item, {"id", "from", "to", "lanes", "speed", "length", "priority", "closed", "shape"});
        sim::LinkSpec l;
        l.mark = item.mark();
        const Field id = m.required("id");
        l.id = id.text();
        if (auto [it, fresh] = index.emplace(l.id, links.size()); !fresh)
            id.fail("duplicate link id '" + l.id + "' (" + first_place(links[it->second].mark) + ")");
        l.from = node_ref(m.required("from"), node_index, all_ids);
        const Field to = m.required("to");
        l.to = node_ref(to, node_index, all_ids);
        if (l.from == l.to) to.fail("a link cannot start and end at the same node '" + l.to + "'");
        if (auto f = m.get("lanes")) l.lanes = static_cast<int>(f->integer(1, kMaxLanes));
        if (auto f = m.get("speed")) l.speed_mps = f->positive_quantity(Dimension::Speed, ranges::kSpeedMaxMps);
        if (auto f = m.get("length")) l.length_m = f->positive_quantity(Dimension::Length, ranges::kLinkLengthMaxM);
        if (auto f = m.get("priority")) l.priority = static_cast<int>(f->integer(0, INT_MAX));
        if (auto f = m.get("closed")) l.closed = f->boolean();
        if (auto f = m.get("shape")) read_link_shape(*f, l.shape_x_m, l.shape_y_m);
        links.push_back(std::move(l));
    }
    if (links.empty()) field.fail("the network needs at least one link");
    return links;
}

}  // namespace

std::string first_place(const sim::SourceMark& mark) {
    if (mark.line > 0) return "first defined at line " + std::to_string(mark.line);
    return "first defined in " + mark.str();
}

NetworkIds network_ids(const sim::NetworkSpec& net) {
    NetworkIds ids;
    ids.checkable = !net.grid.has_value();
    for (const sim::LinkSpec& l : net.links) ids.links.insert(l.id);
    if (net.lanes)
        for (const sim::EdgeEntry& e : net.lanes->edges) ids.links.insert(e.id);
    return ids;
}

sim::NetworkSpec read_network(const Field& field, const std::string& base_dir, std::vector<std::string>& warnings) {
    const MapReader m(field, {"grid", "nodes", "links", "signals", "sumo", "crs"},
                      {{"osm", "an OpenStreetMap file is imported first: citytwin import osm FILE -o SCENARIO.yaml"}});
    sim::NetworkSpec net;
    net.mark = field.mark();
    if (const auto crs = m.get("crs")) net.georeference = read_crs(*crs);
    if (const auto sumo = m.get("sumo")) {
        for (const char* other : {"grid", "nodes", "links", "signals"})
            if (const auto f = m.get(other)) f->fail_at_key("give either 'sumo' or '" + std::string(other) + "', not both");
        read_sumo_network(*sumo, base_dir, net, warnings);
        return net;
    }
    const auto grid = m.get("grid");
    const auto nodes = m.get("nodes");
    const auto links = m.get("links");
    const auto signals = m.get("signals");
    if (grid) {
        if (nodes || links) grid->fail_at_key("give either 'grid' or 'nodes' and 'links', not both");
        if (signals)
            signals->fail_at_key("signal plans need an inline network (nodes and links); a grid's "
                                 "signals are switched with grid.signals: true or false");
        net.grid = read_grid(*grid);
        return net;
    }
    if (!nodes && !links)
        field.fail("the network needs either 'grid', 'nodes' and 'links', or 'sumo'");
    net.nodes = read_nodes(m.required("nodes"));
    net.links = read_links(m.required("links"), net.nodes);
    read_signal_plans(signals, net);
    return net;
}

}  // namespace citytwin::io
