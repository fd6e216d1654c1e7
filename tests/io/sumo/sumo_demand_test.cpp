// SUMO demand: vehicles with routes and stops, type distributions, trips, flows, time window.
#include <algorithm>
#include <fstream>
#include <map>
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
