// Reads SUMO demand in two passes: first every definition (types, distributions, named
// routes) from all files, then the vehicles, trips and flows, so order across files does not
// matter. Departures outside [begin, end) are left out, as SUMO leaves them out.
#include "io/sumo/sumo_demand_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <unordered_map>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/quantity.hpp"
#include "io/sumo/vehicle_classes.hpp"
#include "io/sumo/depart_attributes.hpp"
#include "io/sumo/sumo_draws.hpp"
#include "io/sumo/sumo_flow_departures.hpp"
#include "io/sumo/sumo_via_route.hpp"
#include "io/sumo/xml_tree.hpp"
#include "sim/core/scenario_limits.hpp"

namespace citytwin::io {

namespace {

struct Choice {
    std::vector<std::string> ids;
    std::vector<double> weights;
};

struct NamedRoute {
    std::vector<std::string> edges;
    std::vector<sim::TripStop> stops;
};

class DemandReader {
public:
    DemandReader(const sim::LaneNetworkSpec& net, const SumoDemandOptions& o, SumoNotes& notes)
        : net_(net), opt_(o), notes_(notes) {
        for (std::size_t i = 0; i < net.edges.size(); ++i) edge_.emplace(net.edges[i].id, static_cast<std::int32_t>(i));
        for (std::size_t i = 0; i < net.stops.size(); ++i) stop_.emplace(net.stops[i].id, static_cast<std::int32_t>(i));
    }

    void definitions(const XmlDocument& doc) {
        for (const auto& c : doc.root->children) {
            const XmlElement& e = *c;
            if (e.name == "vType") add_type(doc, e, nullptr);
            else if (e.name == "vTypeDistribution") add_type_distribution(doc, e);
            else if (e.name == "route") add_named_route(doc, e);
            else if (e.name == "routeDistribution") add_route_distribution(doc, e);
        }
    }

    void demand(const XmlDocument& doc) {
        for (const auto& c : doc.root->children) {
            const XmlElement& e = *c;
            if (e.name == "vehicle") vehicle(doc, e);
            else if (e.name == "trip") trip(doc, e);
            else if (e.name == "flow") flow(doc, e);
            else if (e.name == "person" || e.name == "personFlow") notes_.add("persons (pedestrians and public-transport riders)");
            else if (e.name == "container" || e.name == "containerFlow") notes_.add("containers");
            else if (e.name == "interval" || e.name == "include") notes_.add("<" + e.name + "> elements");
        }
    }

    SumoDemand take() {
        // A type named by vehicles but never defined: SUMO's default passenger car.
        if (type_index_.count("DEFAULT_VEHTYPE") == 0 && uses_default_) {
            sim::VehicleTypeSpec t = sumo_class_defaults("passenger");
            t.id = "DEFAULT_VEHTYPE";
            out_.types.push_back(t);
        }
        std::stable_sort(out_.trips.begin(), out_.trips.end(),
                         [](const sim::TripSpec& a, const sim::TripSpec& b) { return a.depart_s < b.depart_s; });
        if (out_.types.empty()) {
            sim::VehicleTypeSpec t = sumo_class_defaults("passenger");
            t.id = "DEFAULT_VEHTYPE";
            out_.types.push_back(t);
        }
        return std::move(out_);
    }

private:
    const sim::LaneNetworkSpec& net_;
    SumoDemandOptions opt_;
    SumoNotes& notes_;
    SumoDemand out_;
    std::unordered_map<std::string, std::int32_t> edge_, stop_;
    std::unordered_map<std::string, std::size_t> type_index_;
    std::unordered_map<std::string, Choice> type_dist_, route_dist_;
    std::unordered_map<std::string, NamedRoute> routes_;
    std::unordered_map<std::string, int> ids_;
    std::unordered_map<std::uint8_t, ViaRouter> routers_;                  // by vehicle class
    std::unordered_map<std::string, std::vector<std::string>> via_routes_;  // by from, via, to, class
    bool uses_default_ = false;
    std::size_t route_edges_ = 0;  // over every vehicle kept
    static constexpr std::size_t kMaxRouteEdges = 100'000'000;  // about 4 GB of edge ids
    std::uint64_t draws_ = 0;

    static double positive(const XmlDocument& doc, const XmlElement& e, const char* key, double fallback) {
        const double v = doc.number(e, key, fallback);
        if (!(v > 0.0)) doc.fail(e, key, "expected a value > 0, got '" + *e.attr(key) + "'");
        return v;
    }

    // A vType attribute within citytwin's physical range (docs/scenario-format.md §6): the same
    // bound as the scenario's vehicle_types key it becomes.
    // Types of classes citytwin does not simulate (rail, bicycles, pedestrians: lane_class 0)
    // are not checked: a freight train is longer than any road vehicle, and is left out anyway.
    static double bounded(const XmlDocument& doc, const XmlElement& e, const char* key, double value, double max,
                          const char* unit, bool road = true) {
        // Only a value the file gives is checked (and quoted): SUMO's class defaults are in range.
        if (road && value > max && e.attr(key))
            doc.fail(e, key, "expected at most " + format_limit(max) + " " + unit + ", got '" + *e.attr(key) + "'");
        return value;
    }

    void add_type(const XmlDocument& doc, const XmlElement& e, Choice* into) {
        const std::string id = doc.required(e, "id");
        const std::string vclass = e.attr("vClass") ? *e.attr("vClass") : "passenger";
        sim::VehicleTypeSpec t = sumo_class_defaults(vclass);
        t.lane_class = sumo_vclass_bit(vclass);  // 0: bicycle, pedestrian, rail... not simulated
        t.id = id;
        t.mark = doc.mark(e);
        const bool road = t.lane_class != 0;
        t.length_m = bounded(doc, e, "length", positive(doc, e, "length", t.length_m), ranges::kVehicleLengthMaxM, "m", road);
        t.min_gap_m = doc.number(e, "minGap", t.min_gap_m);
        if (t.min_gap_m < 0) doc.fail(e, "minGap", "expected a value >= 0");
        bounded(doc, e, "minGap", t.min_gap_m, ranges::kMinGapMaxM, "m", road);
        t.accel_mps2 = bounded(doc, e, "accel", positive(doc, e, "accel", t.accel_mps2), ranges::kAccelMaxMps2, "m/s^2", road);
        t.decel_mps2 = bounded(doc, e, "decel", positive(doc, e, "decel", t.decel_mps2), ranges::kDecelMaxMps2, "m/s^2", road);
        const double emergency = positive(doc, e, "emergencyDecel", t.emergency_decel_mps2);
        t.emergency_decel_mps2 = std::max(t.decel_mps2, bounded(doc, e, "emergencyDecel", emergency, ranges::kDecelMaxMps2, "m/s^2", road));
        t.headway_s = bounded(doc, e, "tau", positive(doc, e, "tau", t.headway_s), ranges::kHeadwayMaxS, "s", road);
        // SUMO's maxSpeed defaults (and some files) exceed any road; only a given value is checked.
        t.max_speed_mps = positive(doc, e, "maxSpeed", t.max_speed_mps);
        if (e.attr("maxSpeed")) bounded(doc, e, "maxSpeed", t.max_speed_mps, ranges::kSpeedMaxMps, "m/s", road);
        read_speed_factor(doc, e, t);
        const double top = ranges::kSpeedFactorMax;
        if (road && (t.speed_factor_mean > top || t.speed_factor_dev > top || t.speed_factor_max > top ||
                     !(t.speed_factor_mean > 0.0) || t.speed_factor_dev < 0.0 || t.speed_factor_min < 0.0)) {
            const char* key = e.attr("speedFactor") ? "speedFactor" : "speedDev";
            doc.fail(e, key, std::string("expected a mean above 0 and a spread and bounds from 0 to 5, got '") +
                                 (e.attr(key) ? *e.attr(key) : std::string()) + "'");
        }
        if (const std::string* ec = e.attr("emissionClass")) t.emission_class = *ec;
        // SUMO's Krauss where the type names none (the imported scenario's traffic.model), IDM
        // where it says IDM; other models run with traffic.model and are noted.
        if (const std::string* cf = e.attr("carFollowModel")) {
            if (*cf == "IDM") t.car_following = "idm";
            else if (*cf == "Krauss") t.car_following = "krauss";
            else notes_.add("vehicle types with car-following model " + *cf + " (run with traffic.model)");
        }
        t.sigma = doc.number(e, "sigma", t.sigma);
        if (road && (t.sigma < 0.0 || t.sigma > 1.0)) doc.fail(e, "sigma", "expected a driver imperfection between 0 and 1");
        if (type_index_.count(id) || type_dist_.count(id)) doc.fail(e, "id", "duplicate vehicle type id '" + id + "'");
        type_index_[id] = out_.types.size();
        out_.types.push_back(t);
        if (into) {
            into->ids.push_back(id);
            into->weights.push_back(doc.number(e, "probability", 1.0));
        }
    }

    // speedFactor="1.1", or "normc(mean,dev,min,max)"; speedDev sets the spread.
    static void read_speed_factor(const XmlDocument& doc, const XmlElement& e, sim::VehicleTypeSpec& t) {
        t.speed_factor_dev = doc.number(e, "speedDev", t.speed_factor_dev);
        const std::string* f = e.attr("speedFactor");
        if (!f) return;
        if (f->rfind("norm", 0) == 0) {
            const auto open = f->find('('), close = f->find(')');
            if (open == std::string::npos || close == std::string::npos) doc.fail(e, "speedFactor", "expected normc(mean,dev,min,max)");
            const auto parts = split_list(f->substr(open + 1, close - open - 1));
            std::vector<double> v;
            for (const auto& p : parts) {
                try {
                    v.push_back(std::stod(p));
                } catch (...) {
                    doc.fail(e, "speedFactor", "expected numbers in '" + *f + "'");
                }
            }
            if (v.size() < 2) doc.fail(e, "speedFactor", "expected normc(mean,dev[,min,max]), got '" + *f + "'");
            t.speed_factor_mean = v[0];
            t.speed_factor_dev = v[1];
            if (v.size() >= 4) {
                t.speed_factor_min = v[2];
                t.speed_factor_max = v[3];
            }
        } else {
            t.speed_factor_mean = positive(doc, e, "speedFactor", 1.0);
        }
        t.speed_factor_min = std::min(t.speed_factor_min, t.speed_factor_mean);
        t.speed_factor_max = std::max(t.speed_factor_max, t.speed_factor_mean);
    }

    void add_type_distribution(const XmlDocument& doc, const XmlElement& e) {
        const std::string id = doc.required(e, "id");
        Choice c;
        for (const XmlElement* t : e.all("vType")) add_type(doc, *t, &c);
        if (const std::string* list = e.attr("vTypes")) {
            const auto ids = split_list(*list);
            const auto probs = e.attr("probabilities") ? split_list(*e.attr("probabilities")) : std::vector<std::string>{};
            for (std::size_t i = 0; i < ids.size(); ++i) {
                if (!type_index_.count(ids[i])) doc.fail(e, "vTypes", "no vehicle type '" + ids[i] + "'");
                c.ids.push_back(ids[i]);
                c.weights.push_back(i < probs.size() ? std::stod(probs[i]) : 1.0);
            }
        }
        if (c.ids.empty()) doc.fail(e, "", "vehicle type distribution '" + id + "' has no types");
        type_dist_[id] = std::move(c);
    }

    std::vector<std::string> edges_of(const XmlDocument& doc, const XmlElement& route) {
        const auto edges = split_list(doc.required(route, "edges"));
        if (edges.empty()) doc.fail(route, "edges", "a route needs at least one edge");
        for (const auto& id : edges)
            if (!edge_.count(id)) doc.fail(route, "edges", "no road edge '" + id + "' in the network");
        return edges;
    }

    void add_named_route(const XmlDocument& doc, const XmlElement& e) {
        const std::string id = doc.required(e, "id");
        NamedRoute r;
        r.edges = edges_of(doc, e);
        r.stops = stops_of(doc, e, r.edges);
        if (routes_.count(id)) doc.fail(e, "id", "duplicate route id '" + id + "'");
        routes_[id] = std::move(r);
    }

    void add_route_distribution(const XmlDocument& doc, const XmlElement& e) {
        const std::string id = doc.required(e, "id");
        Choice c;
        for (const XmlElement* r : e.all("route")) {
            std::string rid;
            if (const std::string* ref = r->attr("refId")) {
                rid = *ref;
                if (!routes_.count(rid)) doc.fail(*r, "refId", "no route '" + rid + "'");
            } else {
                rid = doc.required(*r, "id");
                add_named_route(doc, *r);
            }
            c.ids.push_back(rid);
            c.weights.push_back(doc.number(*r, "probability", 1.0));
        }
        if (c.ids.empty()) doc.fail(e, "", "route distribution '" + id + "' has no routes");
        route_dist_[id] = std::move(c);
    }

    static const std::string& pick(const Choice& c, double u) {
        double total = 0.0;
        for (double w : c.weights) total += std::max(0.0, w);
        double x = u * total;
        for (std::size_t i = 0; i < c.ids.size(); ++i) {
            x -= std::max(0.0, c.weights[i]);
            if (x < 0.0) return c.ids[i];
        }
        return c.ids.back();
    }

    // The concrete type of a vehicle: its type, or a draw from the distribution it names.
    std::string type_of(const XmlDocument& doc, const XmlElement& e, const std::string& vid) {
        const std::string* t = e.attr("type");
        if (!t || *t == "DEFAULT_VEHTYPE") {
            if (!type_index_.count("DEFAULT_VEHTYPE")) uses_default_ = true;
            return "DEFAULT_VEHTYPE";
        }
        if (type_index_.count(*t)) return *t;
        const auto d = type_dist_.find(*t);
        if (d == type_dist_.end()) doc.fail(e, "type", "no vehicle type or type distribution '" + *t + "'");
        return pick(d->second, demand_uniform(opt_.seed, demand_hash(vid), 1));
    }

    std::vector<sim::TripStop> stops_of(const XmlDocument& doc, const XmlElement& e, const std::vector<std::string>& route) {
        std::vector<sim::TripStop> stops;
        std::size_t from = 0;  // stops follow the route in order
        for (const XmlElement* s : e.all("stop")) {
            sim::TripStop st;
            st.mark = doc.mark(*s);
            std::int32_t edge = -1;
            if (const std::string* b = s->attr("busStop")) {
                const auto it = stop_.find(*b);
                if (it == stop_.end()) doc.fail(*s, "busStop", "no bus stop '" + *b + "' in the additional files");
                const sim::StopPlace& p = net_.stops[it->second];
                edge = p.edge;
                st.pos_m = p.end_m;
            } else if (const std::string* l = s->attr("lane")) {
                const auto us = l->rfind('_');
                const auto it = us == std::string::npos ? edge_.end() : edge_.find(l->substr(0, us));
                if (it == edge_.end()) doc.fail(*s, "lane", "no road lane '" + *l + "'");
                edge = it->second;
                const double len = net_.edges[edge].lanes.front().length_m;
                st.pos_m = doc.number(*s, "endPos", len);
                if (st.pos_m < 0) st.pos_m += len;
                st.pos_m = std::clamp(st.pos_m, 0.0, len);
            } else {
                if (s->attr("containerStop") || s->attr("chargingStation") || s->attr("parkingArea"))
                    notes_.add("stops at container stops, charging stations or parking areas");
                else
                    doc.fail(*s, "", "a stop needs busStop or lane");
                continue;
            }
            st.duration_s = doc.number(*s, "duration", -1.0);
            const double until = doc.number(*s, "until", -1.0);
            if (st.duration_s < 0 && until < 0) doc.fail(*s, "duration", "a stop needs a duration or an until time");
            st.duration_s = std::max(0.0, st.duration_s);
            st.until_s = until >= 0 ? until - opt_.begin_s : -1.0;
            st.link = net_.edges[edge].id;
            const auto on = std::find(route.begin() + static_cast<std::ptrdiff_t>(std::min(from, route.size())), route.end(), st.link);
            if (on == route.end())
                doc.fail(*s, "", "the stop is on edge '" + st.link + "', which the route does not take (after its earlier stops)");
            from = static_cast<std::size_t>(on - route.begin());
            stops.push_back(st);
        }
        return stops;
    }

    double depart_of(const XmlDocument& doc, const XmlElement& e) {
        const std::string d = doc.required(e, "depart");
        if (d == "triggered" || d == "containerTriggered" || d == "split" || d == "begin") {
            if (d == "begin") return opt_.begin_s;
            notes_.add("vehicles with depart='" + d + "'");
            return std::nan("");
        }
        return doc.required_number(e, "depart");
    }

    bool keep(double depart) {
        if (std::isnan(depart)) return false;
        if (depart < opt_.begin_s || (opt_.end_s >= 0 && depart >= opt_.end_s)) {
            notes_.add("vehicles departing outside the simulated period (as in SUMO)");
            return false;
        }
        out_.last_depart_s = std::max(out_.last_depart_s, depart);
        return true;
    }

    void check_id(const XmlDocument& doc, const XmlElement& e, const std::string& id) {
        if (ids_[id]++) doc.fail(e, "id", "duplicate vehicle id '" + id + "'");
    }

    void push(const XmlDocument& doc, const XmlElement& e, sim::TripSpec t) {
        read_depart(doc, e, t);
        const auto it = type_index_.find(t.type);
        if (it != type_index_.end() && out_.types[it->second].lane_class == 0) {
            notes_.add("vehicles of non-road classes (bicycles, pedestrians, rail)");
            return;
        }
        t.mark = doc.mark(e);
        // Every vehicle keeps its own copy of its route: a long route in a large flow multiplies.
        route_edges_ += t.route.size();
        if (route_edges_ > kMaxRouteEdges)
            doc.fail(e, "", "the vehicles' routes hold more than " + std::to_string(kMaxRouteEdges) +
                                " edges in all; a citytwin run may hold at most " + std::to_string(kMaxRouteEdges));
        if (out_.trips.size() == static_cast<std::size_t>(sim::kMaxTrips))
            doc.fail(e, "", "more than " + std::to_string(sim::kMaxTrips) +
                                " vehicles in the simulated period; a citytwin run may have at most " +
                                std::to_string(sim::kMaxTrips));
        out_.trips.push_back(std::move(t));
    }

    void vehicle(const XmlDocument& doc, const XmlElement& e) {
        const std::string id = doc.required(e, "id");
        check_id(doc, e, id);
        const double depart = depart_of(doc, e);
        if (!keep(depart)) return;
        sim::TripSpec t;
        t.id = id;
        t.depart_s = depart - opt_.begin_s;
        t.type = type_of(doc, e, id);
        NamedRoute r;
        if (const std::string* rid = e.attr("route")) {
            std::string name = *rid;
            if (const auto d = route_dist_.find(name); d != route_dist_.end())
                name = pick(d->second, demand_uniform(opt_.seed, demand_hash(id), 2));
            const auto it = routes_.find(name);
            if (it == routes_.end()) doc.fail(e, "route", "no route '" + *rid + "'");
            r = it->second;
        } else {
            const auto embedded = e.all("route");
            if (embedded.empty()) doc.fail(e, "", "vehicle '" + id + "' has neither a route attribute nor a <route>");
            r.edges = edges_of(doc, *embedded.front());
            r.stops = stops_of(doc, *embedded.front(), r.edges);
        }
        for (auto& s : stops_of(doc, e, r.edges)) r.stops.push_back(std::move(s));
        t.from_link = r.edges.front();
        t.to_link = r.edges.back();
        t.route = std::move(r.edges);
        t.stops = std::move(r.stops);
        push(doc, e, std::move(t));
    }

    // A trip: origin and destination edges, routed at insertion by travel time.
    sim::TripSpec trip_spec(const XmlDocument& doc, const XmlElement& e, const std::string& id) {
        sim::TripSpec t;
        t.id = id;
        t.type = type_of(doc, e, id);
        if (e.attr("fromJunction") || e.attr("toJunction") || e.attr("fromTaz") || e.attr("toTaz"))
            doc.fail(e, "from", "trips between junctions or TAZs are not supported; give from and to edges");
        t.from_link = doc.required(e, "from");
        t.to_link = doc.required(e, "to");
        if (!edge_.count(t.from_link)) doc.fail(e, "from", "no road edge '" + t.from_link + "' in the network");
        if (!edge_.count(t.to_link)) doc.fail(e, "to", "no road edge '" + t.to_link + "' in the network");
        if (const std::string* via = e.attr("via")) {
            t.route = via_route(doc, e, t, *via);
            t.stops = stops_of(doc, e, t.route);
        } else if (!e.all("stop").empty()) {
            notes_.add("stops on trips without a fixed route");
        }
        return t;
    }

    // A trip through via edges gets its route at import: the fastest path at free flow through
    // each in turn (sumo_via_route.hpp), the same for every vehicle of a flow.
    std::vector<std::string> via_route(const XmlDocument& doc, const XmlElement& e, const sim::TripSpec& t, const std::string& via) {
        const auto ti = type_index_.find(t.type);
        const std::uint8_t cls = ti != type_index_.end() ? out_.types[ti->second].lane_class : static_cast<std::uint8_t>(sim::kClassCar);
        const std::string key = t.from_link + '\n' + via + '\n' + t.to_link + '\n' + std::to_string(cls);
        if (const auto it = via_routes_.find(key); it != via_routes_.end()) return it->second;
        std::vector<std::int32_t> stops{edge_.at(t.from_link)};
        std::size_t b = 0;
        while ((b = via.find_first_not_of(" \t\r\n", b)) != std::string::npos) {
            const std::size_t end = std::min(via.find_first_of(" \t\r\n", b), via.size());
            const std::string id = via.substr(b, end - b);
            const auto it = edge_.find(id);
            if (it == edge_.end()) doc.fail(e, "via", "no road edge '" + id + "' in the network");
            stops.push_back(it->second);
            b = end;
        }
        stops.push_back(edge_.at(t.to_link));
        auto router = routers_.find(cls);
        if (router == routers_.end()) router = routers_.emplace(cls, ViaRouter(net_, cls)).first;
        const std::vector<std::int32_t> path = router->second.route(stops);
        if (path.empty())
            doc.fail(e, "via", "no path from '" + t.from_link + "' through '" + via + "' to '" + t.to_link +
                                   "' for the vehicle's class");
        std::vector<std::string> ids;
        for (std::int32_t k : path) ids.push_back(net_.edges[static_cast<std::size_t>(k)].id);
        return via_routes_.emplace(key, std::move(ids)).first->second;
    }

    void trip(const XmlDocument& doc, const XmlElement& e) {
        const std::string id = doc.required(e, "id");
        check_id(doc, e, id);
        const double depart = depart_of(doc, e);
        if (!keep(depart)) return;
        sim::TripSpec t = trip_spec(doc, e, id);
        t.depart_s = depart - opt_.begin_s;
        push(doc, e, std::move(t));
    }

    void flow(const XmlDocument& doc, const XmlElement& e) {
        const std::string id = doc.required(e, "id");
        check_id(doc, e, id);
        const FlowTimes times = flow_times(doc, e, opt_);
        NamedRoute r;
        bool fixed = false;
        if (const std::string* rid = e.attr("route")) {
            const auto it = routes_.find(*rid);
            if (it == routes_.end()) doc.fail(e, "route", "no route '" + *rid + "'");
            r = it->second;
            fixed = true;
        } else if (const auto embedded = e.all("route"); !embedded.empty()) {
            r.edges = edges_of(doc, *embedded.front());
            r.stops = stops_of(doc, *embedded.front(), r.edges);
            fixed = true;
        }
        if (fixed)
            for (auto& s : stops_of(doc, e, r.edges)) r.stops.push_back(std::move(s));
        // Each vehicle keeps a copy of a fixed route: counted before the vehicles are made.
        auto check_route_edges = [&](double vehicles) {
            if (fixed && static_cast<double>(route_edges_) + vehicles * static_cast<double>(r.edges.size()) >
                             static_cast<double>(kMaxRouteEdges))
                doc.fail(e, "", "the flow's " + format_limit(vehicles) + " vehicles on a route of " +
                                    std::to_string(r.edges.size()) + " edges would hold more than " +
                                    std::to_string(kMaxRouteEdges) + " route edges in all; a citytwin run may hold at most " +
                                    std::to_string(kMaxRouteEdges));
        };
        const std::vector<double> departs = flow_departures(doc, e, id, times, opt_, notes_, check_route_edges);
        check_route_edges(departs.size());
        for (std::size_t k = 0; k < departs.size(); ++k) {
            if (!keep(departs[k])) continue;
            const std::string vid = id + "." + std::to_string(k);
            sim::TripSpec t = fixed ? sim::TripSpec{} : trip_spec(doc, e, vid);
            t.id = vid;
            t.depart_s = departs[k] - opt_.begin_s;
            if (fixed) {
                t.type = type_of(doc, e, vid);
                t.from_link = r.edges.front();
                t.to_link = r.edges.back();
                t.route = r.edges;
                t.stops = r.stops;
                for (auto& s : t.stops)
                    if (s.until_s >= 0) s.until_s += departs[k] - times.begin;  // SUMO shifts a flow's stop times per vehicle
            }
            push(doc, e, std::move(t));
        }
        if (departs.empty()) notes_.add("flows without any vehicle in the simulated period");
    }
};

}  // namespace

SumoDemand read_sumo_demand(const std::vector<std::string>& route_files, const std::vector<std::string>& additional_files,
                            const sim::LaneNetworkSpec& net, const SumoDemandOptions& options, SumoNotes& notes) {
    std::vector<XmlDocument> docs;
    for (const auto& f : additional_files) docs.push_back(read_xml(f, {"additional", "add", "routes"}));
    const std::size_t first_route = docs.size();
    for (const auto& f : route_files) docs.push_back(read_xml(f, {"routes", "additional", "add"}));
    DemandReader r(net, options, notes);
    for (const auto& d : docs) r.definitions(d);
    for (std::size_t i = first_route; i < docs.size(); ++i) r.demand(docs[i]);
    // Vehicles in additional files are demand too (SUMO loads them from either).
    for (std::size_t i = 0; i < first_route; ++i) r.demand(docs[i]);
    return r.take();
}

}  // namespace citytwin::io
