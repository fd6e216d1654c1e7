// SUMO demand: vehicles with routes and stops, type distributions, trips, flows, time window.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "io/sumo/sumo_demand_reader.hpp"
#include "io/sumo/sumo_net_reader.hpp"
#include "kernels/traffic/traffic_view.hpp"
#include "tests/io/sumo/sumo_paths.hpp"

namespace citytwin::io {
namespace {

using test::bologna;

struct Bologna : ::testing::Test {
    static const sim::LaneNetworkSpec& net() {
        static const sim::LaneNetworkSpec n = [] {
            SumoNotes notes;
            return read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes);
        }();
        return n;
    }
};

TEST_F(Bologna, EveryVehicleWithItsRouteAndStops) {
    SumoNotes notes;
    const SumoDemand d = read_sumo_demand(test::bologna_routes(), test::bologna_additional(), net(), {}, notes);
    EXPECT_EQ(d.trips.size(), 8779u);
    EXPECT_EQ(d.types.size(), 13u);  // 6 + 6 in two distributions, and the bus
    std::size_t with_stops = 0, stops = 0;
    for (const auto& t : d.trips) {
        EXPECT_FALSE(t.route.empty());
        EXPECT_EQ(t.route.front(), t.from_link);
        EXPECT_EQ(t.route.back(), t.to_link);
        with_stops += !t.stops.empty();
        stops += t.stops.size();
    }
    EXPECT_EQ(with_stops, 157u);  // the buses
    EXPECT_EQ(stops, 542u);
    EXPECT_TRUE(notes.empty()) << notes.summary();
    // bus_130_0: <route edges="121 m2 54"/> with stops at busStop#37, #38, #40, 20 s each.
    const auto bus = std::find_if(d.trips.begin(), d.trips.end(), [](auto& t) { return t.id == "bus_130_0"; });
    ASSERT_NE(bus, d.trips.end());
    EXPECT_EQ(bus->type, "bus");
    ASSERT_EQ(bus->stops.size(), 3u);
    EXPECT_DOUBLE_EQ(bus->stops[0].duration_s, 20.0);
}

// Free-flow times as SUMO's router weighs them, by Bellman-Ford (the reference for the reader's
// Dijkstra): the time from the start of edge `from` to the start of every edge.
std::vector<double> times_from(const sim::LaneNetworkSpec& n, std::int32_t from) {
    const double inf = std::numeric_limits<double>::infinity();
    auto edge_time = [&](std::int32_t e) {
        double t = inf;
        for (const auto& l : n.edges[static_cast<std::size_t>(e)].lanes)
            if (l.allow & sim::kClassCar) t = std::min(t, l.length_m / l.speed_mps);
        return t;
    };
    std::vector<double> t(n.edges.size(), inf);
    t[static_cast<std::size_t>(from)] = 0.0;
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& c : n.connections) {
            const auto& fl = n.edges[static_cast<std::size_t>(c.from_edge)].lanes[static_cast<std::size_t>(c.from_lane)];
            const auto& tl = n.edges[static_cast<std::size_t>(c.to_edge)].lanes[static_cast<std::size_t>(c.to_lane)];
            if (!(fl.allow & sim::kClassCar) || !(tl.allow & sim::kClassCar)) continue;
            const double speed = c.via_speed_mps > 0 ? c.via_speed_mps : tl.speed_mps;
            const double via = c.via_length_m > 0 ? c.via_length_m / speed : 0.0;
            const double cand = t[static_cast<std::size_t>(c.from_edge)] + edge_time(c.from_edge) + via;
            if (cand < t[static_cast<std::size_t>(c.to_edge)] - 1e-12) t[static_cast<std::size_t>(c.to_edge)] = cand, changed = true;
        }
    }
    return t;
}

// A trip with via edges gets the fastest route at free flow through them in order, each leg as
// fast as any path; an unknown via edge and a via edge with no way on are located errors.
TEST_F(Bologna, TripsWithViaEdgesGetTheFastestRouteThroughThem) {
    const auto& n = net();
    std::map<std::string, std::int32_t> index;
    for (std::size_t i = 0; i < n.edges.size(); ++i) index[n.edges[i].id] = static_cast<std::int32_t>(i);
    // A route of the scenario's own, and a via edge off its fastest path that still leads on.
    const std::string from = "85", to = "209";
    const std::vector<double> direct = times_from(n, index.at(from));
    ASSERT_TRUE(std::isfinite(direct[static_cast<std::size_t>(index.at(to))]));
    std::string via;
    double best_detour = 0;
    for (const auto& e : n.edges) {
        const std::int32_t v = index.at(e.id);
        if (e.id == from || e.id == to || !std::isfinite(direct[static_cast<std::size_t>(v)])) continue;
        const double on = times_from(n, v)[static_cast<std::size_t>(index.at(to))];
        // A detour of at least 30 s: the edge is not on the direct fastest path.
        const double detour = direct[static_cast<std::size_t>(v)] + on - direct[static_cast<std::size_t>(index.at(to))];
        if (std::isfinite(on) && detour > 30 && (via.empty() || detour < best_detour)) via = e.id, best_detour = detour;
    }
    ASSERT_FALSE(via.empty());
    const std::string dir = test::scratch_dir("via");
    std::ofstream(dir + "/v.rou.xml") << "<routes>\n<trip id='t' depart='0' from='" << from << "' to='" << to << "' via='" << via
                                      << "'/>\n<flow id='f' begin='0' end='10' period='5' from='" << from << "' to='" << to
                                      << "' via=' " << via << " '/>\n</routes>\n";
    SumoNotes notes;
    const SumoDemand d = read_sumo_demand({dir + "/v.rou.xml"}, {}, n, {}, notes);
    ASSERT_EQ(d.trips.size(), 3u);
    EXPECT_TRUE(notes.empty()) << notes.summary();
    const std::vector<std::string>& r = d.trips[0].route;
    ASSERT_GE(r.size(), 3u);
    EXPECT_EQ(r.front(), from);
    EXPECT_EQ(r.back(), to);
    const auto at = std::find(r.begin(), r.end(), via);
    ASSERT_NE(at, r.end()) << "the via edge is on the route";
    for (const auto& t : d.trips) EXPECT_EQ(t.route, r) << t.id;   // the flow's vehicles too
    // Each step is a connection, and each leg takes the fastest time there is.
    std::set<std::pair<std::int32_t, std::int32_t>> steps;
    for (const auto& c : n.connections) steps.emplace(c.from_edge, c.to_edge);
    for (std::size_t k = 0; k + 1 < r.size(); ++k) EXPECT_TRUE(steps.contains({index.at(r[k]), index.at(r[k + 1])})) << r[k];
    auto leg_time = [&](std::vector<std::string>::const_iterator b, std::vector<std::string>::const_iterator e) {
        double t = 0;
        for (auto k = b; k + 1 != e; ++k) t += times_from(n, index.at(*k))[static_cast<std::size_t>(index.at(*(k + 1)))];
        return t;
    };
    EXPECT_NEAR(leg_time(r.begin(), at + 1), direct[static_cast<std::size_t>(index.at(via))], 1e-6);
    EXPECT_NEAR(leg_time(at, r.end()), times_from(n, index.at(via))[static_cast<std::size_t>(index.at(to))], 1e-6);

    auto error_of = [&](const std::string& via_text) {
        std::ofstream(dir + "/bad.rou.xml") << "<routes>\n<trip id='t' depart='0' from='" << from << "' to='" << to
                                            << "' via='" << via_text << "'/>\n</routes>\n";
        try {
            SumoNotes nn;
            read_sumo_demand({dir + "/bad.rou.xml"}, {}, n, {}, nn);
        } catch (const sim::ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string unknown = error_of("nosuchedge");
    EXPECT_NE(unknown.find("bad.rou.xml:2"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("no road edge 'nosuchedge'"), std::string::npos) << unknown;
    // An edge from which `to` cannot be reached.
    std::string dead;
    for (const auto& e : n.edges)
        if (!std::isfinite(times_from(n, index.at(e.id))[static_cast<std::size_t>(index.at(to))])) {
            dead = e.id;
            break;
        }
    ASSERT_FALSE(dead.empty());
    const std::string none = error_of(dead);
    EXPECT_NE(none.find("via"), std::string::npos) << none;
    EXPECT_NE(none.find("no path from '" + from + "'"), std::string::npos) << none;
}

TEST_F(Bologna, TypeDistributionsDrawEachTypeInProportion) {
    SumoNotes notes;
    const SumoDemand d = read_sumo_demand(test::bologna_routes(), test::bologna_additional(), net(), {}, notes);
    std::map<std::string, int> n;
    for (const auto& t : d.trips) n[t.type]++;
    // vTypeDistribution "private": passenger1 .4, 2a .2, 2b .2, 3 .2, 4 .1, 5 .05 (weights,
    // normalised by their sum 1.15); 8081 vehicles have type="private" (541 "ignoring").
    const double total = n["passenger1"] + n["passenger2a"] + n["passenger2b"] + n["passenger3"] + n["passenger4"] + n["passenger5"];
    EXPECT_EQ(total, 8081);
    EXPECT_NEAR(n["passenger1"] / total, 0.4 / 1.15, 0.02);
    EXPECT_NEAR(n["passenger5"] / total, 0.05 / 1.15, 0.01);
}

TEST_F(Bologna, DeparturesOutsideTheWindowAreLeftOutAndCounted) {
    SumoNotes notes;
    SumoDemandOptions o;
    o.begin_s = 600.0;
    o.end_s = 1200.0;
    const SumoDemand d = read_sumo_demand(test::bologna_routes(), test::bologna_additional(), net(), o, notes);
    ASSERT_FALSE(d.trips.empty());
    for (const auto& t : d.trips) {
        EXPECT_GE(t.depart_s, 0.0);
        EXPECT_LT(t.depart_s, 600.0);
    }
    EXPECT_EQ(notes.counts.at("vehicles departing outside the simulated period (as in SUMO)") +
                  static_cast<long long>(d.trips.size()),
              8779);
}

TEST_F(Bologna, FlowsExpandAsSumoDoes) {
    const std::string dir = test::scratch_dir("flows");
    std::ofstream(dir + "/f.rou.xml") << R"(<routes>
  <route id="r" edges="121 m2 54"/>
  <flow id="period" route="r" begin="0" end="100" period="10"/>
  <flow id="hourly" begin="0" end="3600" vehsPerHour="360" from="121" to="54"/>
  <flow id="number" route="r" begin="100" end="200" number="4"/>
  <flow id="prob" route="r" begin="0" end="1000" probability="0.25"/>
</routes>)";
    SumoNotes notes;
    const SumoDemand d = read_sumo_demand({dir + "/f.rou.xml"}, {}, net(), {}, notes);
    std::map<std::string, int> n;
    for (const auto& t : d.trips) n[t.id.substr(0, t.id.find('.'))]++;
    EXPECT_EQ(n["period"], 10);
    EXPECT_EQ(n["hourly"], 360);
    EXPECT_EQ(n["number"], 4);
    EXPECT_NEAR(n["prob"], 250, 50);  // Bernoulli(0.25) per 1 s step over 1000 s
    // SUMO names a flow's vehicles flowId.0, flowId.1, ... (they reach the run file by trip id).
    std::set<std::string> ids;
    for (const auto& t : d.trips) ids.insert(t.id);
    EXPECT_EQ(ids.size(), d.trips.size());
    for (int k = 0; k < 10; ++k) EXPECT_TRUE(ids.contains("period." + std::to_string(k))) << k;
    EXPECT_TRUE(ids.contains("number.3"));
    for (const auto& t : d.trips) {
        if (t.id.rfind("hourly", 0) == 0) {
            EXPECT_TRUE(t.route.empty());  // routed at insertion
        }
    }
}

TEST(SumoDemand, Cologne8Trips) {
    if (!test::have_cologne8()) GTEST_SKIP() << "cologne8 not found under " << CITYTWIN_SHARED_DATA << "/sumo";
    SumoNotes notes;
    const sim::LaneNetworkSpec net = read_sumo_net(test::cologne8("cologne8.net.xml"), {}, notes);
    SumoDemandOptions o;
    o.begin_s = 25200;
    o.end_s = 28800;
    const SumoDemand d = read_sumo_demand({test::cologne8("cologne8.rou.xml")}, {}, net, o, notes);
    EXPECT_EQ(d.trips.size(), 2046u);
    for (const auto& t : d.trips) EXPECT_TRUE(t.route.empty());
    EXPECT_DOUBLE_EQ(d.trips.front().depart_s, 0.0);  // depart 25200 = the begin
}

// departLane, departPos and departSpeed as SUMO writes them, from vehicles and flows; a value
// SUMO does not have is a located error.
TEST_F(Bologna, DepartAttributesAreRead) {
    const std::string edge = net().edges.front().id;
    const std::string dir = ::testing::TempDir();
    auto write = [&](const std::string& name, const std::string& body) {
        const std::string path = dir + "/" + name;
        std::ofstream(path) << "<routes>\n" << body << "</routes>\n";
        return path;
    };
    const std::string good = write("depart.rou.xml",
        "<trip id='a' depart='0' from='" + edge + "' to='" + edge + "' departLane='1' departPos='-20' departSpeed='max'/>\n"
        "<trip id='b' depart='1' from='" + edge + "' to='" + edge + "' departLane='random' departPos='random' departSpeed='7.5'/>\n"
        "<flow id='f' begin='2' end='4' period='1' from='" + edge + "' to='" + edge + "' departLane='first' departPos='last' departSpeed='desired'/>\n");
    SumoNotes notes;
    const SumoDemand d = read_sumo_demand({good}, {}, net(), {}, notes);
    ASSERT_EQ(d.trips.size(), 4u);
    EXPECT_EQ(d.trips[0].depart_lane, 1);
    EXPECT_FLOAT_EQ(d.trips[0].depart_pos, 20.0f);
    EXPECT_TRUE(d.trips[0].depart_pos_from_end);
    EXPECT_EQ(d.trips[0].depart_speed, kernels::kDepartSpeedMax);
    EXPECT_EQ(d.trips[1].depart_lane, kernels::kDepartLaneRandom);
    EXPECT_EQ(d.trips[1].depart_pos, kernels::kDepartPosRandom);
    EXPECT_FLOAT_EQ(d.trips[1].depart_speed, 7.5f);
    for (int i = 2; i < 4; ++i) {
        EXPECT_EQ(d.trips[i].depart_lane, kernels::kDepartLaneFirst);
        EXPECT_EQ(d.trips[i].depart_pos, kernels::kDepartPosLast);
        EXPECT_EQ(d.trips[i].depart_speed, kernels::kDepartSpeedDesired);
    }
    for (const auto& [attr, value, expected] :
         {std::tuple{"departLane", "middle", "expected best, free, random, allowed, first or a lane index"},
          std::tuple{"departPos", "front", "expected base, random, last, free or metres"},
          std::tuple{"departSpeed", "-3", "expected max, desired, random, avg, last or a speed 0 .. 100 m/s"}}) {
        const std::string bad = write("bad.rou.xml", "<trip id='x' depart='0' from='" + edge + "' to='" + edge + "' " + attr + "='" +
                                                         value + "'/>\n");
        try {
            read_sumo_demand({bad}, {}, net(), {}, notes);
            ADD_FAILURE() << attr << "=" << value << " was accepted";
        } catch (const sim::ScenarioError& e) {
            const std::string m = e.what();
            EXPECT_NE(m.find("bad.rou.xml:2"), std::string::npos) << m;
            EXPECT_NE(m.find(attr), std::string::npos) << m;
            EXPECT_NE(m.find(expected), std::string::npos) << m;
        }
    }
}

}  // namespace
}  // namespace citytwin::io
