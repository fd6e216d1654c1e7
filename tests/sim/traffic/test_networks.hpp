#pragma once
// Small networks and setups built in code for the traffic tests.
#include <cmath>
#include <string>
#include <vector>

#include "sim/traffic/road_network.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::test {

inline sim::LinkSpec link(const std::string& from, const std::string& to, double length, double speed,
                          int lanes = 1) {
    sim::LinkSpec l;
    l.id = from + "-" + to;
    l.from = from;
    l.to = to;
    l.length_m = length;
    l.speed_mps = speed;
    l.lanes = lanes;
    return l;
}

inline sim::NodeSpec node(const std::string& id, double x, double y) {
    sim::NodeSpec n;
    n.id = id;
    n.x_m = x;
    n.y_m = y;
    return n;
}

// A one-lane ring of `segments` links on a circle of the given circumference.
inline sim::NetworkSpec ring(double circumference, int segments, double speed) {
    sim::NetworkSpec spec;
    const double r = circumference / (2 * M_PI);
    for (int i = 0; i < segments; ++i) {
        const double a = 2 * M_PI * i / segments;
        spec.nodes.push_back(node("r" + std::to_string(i), r * std::cos(a), r * std::sin(a)));
    }
    for (int i = 0; i < segments; ++i)
        spec.links.push_back(link("r" + std::to_string(i), "r" + std::to_string((i + 1) % segments),
                                  circumference / segments, speed));
    return spec;
}

// Vehicle types with no speed spread, so runs are exactly predictable.
inline std::vector<sim::VehicleTypeSpec> exact_car() {
    sim::VehicleTypeSpec t;
    t.id = "car";
    t.speed_factor_dev = 0.0;
    return {t};
}

inline sim::TrafficSettings settings(double step = 0.5) {
    sim::TrafficSettings s;
    s.step_s = step;
    return s;
}

// A setup from a network and a list of trips (link ids), routed like a scenario run.
inline sim::TrafficSetup setup_for(const sim::NetworkSpec& spec, std::vector<sim::TripSpec> trips,
                                   const sim::TrafficSettings& st = settings(),
                                   std::vector<sim::VehicleTypeSpec> types = exact_car()) {
    sim::TrafficSetup s;
    s.net = sim::build_road_network(st, spec);
    s.types = sim::make_type_params(types);
    s.trips = sim::make_trip_table(s.net, types, std::move(trips), 7, s.dest_links);
    s.unroutable = sim::find_unroutable(s.net, s.trips);
    s.settings = st;
    return s;
}

inline sim::TripSpec trip(double depart, const std::string& from, const std::string& to) {
    sim::TripSpec t;
    t.depart_s = depart;
    t.from_link = from;
    t.to_link = to;
    return t;
}

// n trips from `from` to `to`, departing every `every_s` from 0.
inline std::vector<sim::TripSpec> trips_every(int n, double every_s, const std::string& from, const std::string& to) {
    std::vector<sim::TripSpec> trips;
    for (int i = 0; i < n; ++i) trips.push_back(trip(i * every_s, from, to));
    return trips;
}

}  // namespace citytwin::test
