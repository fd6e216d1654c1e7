// Junctions driven on their ways through (SUMO's internal lanes): the time and distance inside
// a junction, vehicles inside holding the movements they cross, no entering a junction that
// cannot be left (keepClear), stop signs, and very short joining edges.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "kernels/traffic/traffic_view.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

namespace k = citytwin::kernels;

// A junction J with arms from the west and south; W-J goes on to J-E, S-J to J-N. Built lane
// by lane, as an imported SUMO network is: the connection W-J -> J-E is index 0 (major), S-J ->
// J-N index 1 (it yields to 0), and their ways through cross.
struct Cross {
    double via_m = 20.0;
    double via_speed = 13.89;
    double exit_m = 300.0;      // length of J-E
    double west_m = 300.0;      // length of W-J
    char minor_state = 'm';     // SUMO's state of S-J -> J-N
    bool keep_clear = true;
    bool red_at_e = false;      // a signal at E's end of J-E, red for the first 150 s
    double on_via_m = 5.0;
};

sim::EdgeEntry edge(const std::string& id, std::int32_t from, std::int32_t to, double length) {
    sim::EdgeEntry e;
    e.id = id;
    e.from = from;
    e.to = to;
    e.priority = 1;
    sim::LaneEntry ln;
    ln.length_m = length;
    ln.speed_mps = 13.89;
    e.lanes = {ln};
    return e;
}

sim::JunctionEntry junction(const std::string& id, double x, double y) {
    sim::JunctionEntry j;
    j.id = id;
    j.x_m = x;
    j.y_m = y;
    return j;
}

sim::NetworkSpec cross_network(const Cross& c) {
    sim::LaneNetworkSpec n;
    n.junctions = {junction("W", -300, 0), junction("J", 0, 0), junction("E", c.exit_m, 0),
                   junction("S", 0, -300), junction("N", 0, 300), junction("F", c.exit_m + 300, 0)};
    n.edges = {edge("W-J", 0, 1, c.west_m), edge("J-E", 1, 2, c.exit_m), edge("S-J", 3, 1, 300), edge("J-N", 1, 4, 300),
               edge("E-F", 2, 5, 300)};
    sim::ConnectionEntry major;
    major.from_edge = 0;
    major.to_edge = 1;
    major.junction = 1;
    major.via_length_m = c.via_m;
    major.via_speed_mps = c.via_speed;
    major.keep_clear = c.keep_clear;
    major.crosses = {1};
    sim::ConnectionEntry minor = major;
    minor.from_edge = 2;
    minor.to_edge = 3;
    minor.state = c.minor_state;
    minor.yields_to = {0};
    minor.crosses = {0};
    sim::ConnectionEntry on;
    on.from_edge = 1;
    on.to_edge = 4;
    on.junction = 2;
    on.via_length_m = c.on_via_m;
    n.connections = {major, minor, on};
    if (c.red_at_e) {
        sim::SignalProgram p;
        p.id = "E";
        p.junction = 2;
        p.phases = {{150.0, "r"}, {1000.0, "G"}};
        n.programs = {p};
        n.connections[2].program = 0;
        n.connections[2].link_index = 0;
    }
    sim::NetworkSpec spec;
    spec.lanes = n;
    return spec;
}

sim::TrafficSettings lanes_settings(double dt) {
    sim::TrafficSettings st = test::settings(dt);
    st.junctions = "lanes";
    return st;
}

struct Sample {
    double t;
    sim::VehicleSnapshot snap;
};

std::vector<Sample> run(const sim::TrafficSetup& s, int steps, double dt, std::vector<sim::TripRow>* trips = nullptr) {
    auto b = sim::make_traffic_backend_cpu(s, 1);
    std::vector<Sample> out;
    for (int k = 0; k < steps; ++k) {
        b->step(k * dt, k);
        out.push_back({(k + 1) * dt, b->snapshot()});
    }
    if (trips) *trips = b->take_arrived_trips();
    return out;
}

std::int32_t lane_of(const sim::TrafficSetup& s, const std::string& link) {
    return s.net.link_first_lane[s.net.link_by_id.at(link)];
}

TEST(JunctionLanes, AnEmptyJunctionTakesItsWayThroughAtItsSpeed) {
    const double dt = 0.5;
    double duration[2], length[2];
    for (int with = 0; with < 2; ++with) {
        Cross c;
        c.via_m = with ? 30.0 : 0.0;   // 0: a point
        c.via_speed = 5.0;
        auto s = test::setup_for(cross_network(c), {test::trip(0.0, "W-J", "J-E")}, lanes_settings(dt));
        std::vector<sim::TripRow> trips;
        const auto samples = run(s, 400, dt, &trips);
        ASSERT_EQ(trips.size(), 1u);
        duration[with] = trips[0].arrival_s - trips[0].insert_s;
        length[with] = trips[0].route_length_m;
        const std::int32_t exit_lane = lane_of(s, "J-E");
        int inside_steps = 0;
        for (const Sample& x : samples)
            if (x.snap.status[0] == k::kRunning && x.snap.lane[0] == exit_lane && x.snap.pos[0] < 0.0f) {
                ++inside_steps;
                EXPECT_LE(x.snap.speed[0], 5.0f + 1e-3f) << "inside the junction at t = " << x.t;
            }
        if (with) EXPECT_GE(inside_steps, 10);   // 30 m at 5 m/s: about 12 steps of 0.5 s
        else EXPECT_EQ(inside_steps, 0);
    }
    // The way through adds its length to the route, and its length at its speed to the trip.
    EXPECT_NEAR(length[1] - length[0], 30.0, 0.05);
    EXPECT_NEAR(duration[1] - duration[0], 30.0 / 5.0, dt + 1e-9);
}

TEST(JunctionLanes, AVehicleCrossingTheJunctionHoldsThePriorityMovementsItCrosses) {
    const double dt = 0.5;
    Cross c;
    c.via_m = 40.0;
    c.via_speed = 3.0;   // the minor movement stays about 15 s in the junction
    c.west_m = 40.0;
    // The minor vehicle enters (at 26 s) while the road from the west is empty; the major one
    // departs 40 m before the junction while it is still inside, too late to be foreseen.
    auto s = test::setup_for(cross_network(c), {test::trip(0.0, "S-J", "J-N"), test::trip(30.0, "W-J", "J-E")},
                             lanes_settings(dt));
    std::vector<sim::TripRow> trips;
    const auto samples = run(s, 400, dt, &trips);
    const std::int32_t north = lane_of(s, "J-N"), east = lane_of(s, "J-E"), west = lane_of(s, "W-J");
    bool major_waited = false, minor_was_inside = false;
    for (const Sample& x : samples) {
        const auto& v = x.snap;
        const bool minor_inside = v.status[0] == k::kRunning && v.lane[0] == north && v.pos[0] < 0.0f;
        const bool major_inside = v.status[1] == k::kRunning && v.lane[1] == east && v.pos[1] < 0.0f;
        minor_was_inside = minor_was_inside || minor_inside;
        EXPECT_FALSE(minor_inside && major_inside) << "both in the junction at t = " << x.t;
        if (v.status[1] == k::kRunning && v.lane[1] == west && v.speed[1] < 0.1f) major_waited = true;
    }
    EXPECT_TRUE(minor_was_inside);
    EXPECT_TRUE(major_waited) << "the major vehicle never stopped for the one inside the junction";
    EXPECT_EQ(trips.size(), 2u);
}

// SUMO's rule for a minor link: the time the vehicle spends at the junction, from reaching the
// line until its back has left its way through, may not overlap a foe's (plus 1 s). A major
// vehicle about 5 s behind the minor one's arrival at the line: a short, fast way (10 m at
// 13.89 m/s, clear in under 3 s) lets the minor vehicle go first; a long, slow one (40 m at
// 3 m/s, about 15 s) makes it wait for the major one, where a fixed 3 s gap would not.
TEST(JunctionLanes, AMinorMovementWaitsForAGapAsLongAsItsTimeInTheJunction) {
    const double dt = 0.5;
    for (const auto& [via_m, via_speed, minor_first] : {std::tuple{10.0, 13.89, true}, std::tuple{40.0, 3.0, false}}) {
        Cross c;
        c.via_m = via_m;
        c.via_speed = via_speed;
        auto s = test::setup_for(cross_network(c), {test::trip(0.0, "S-J", "J-N"), test::trip(6.0, "W-J", "J-E")},
                                 lanes_settings(dt));
        const auto samples = run(s, 400, dt);
        const std::int32_t north = lane_of(s, "J-N"), east = lane_of(s, "J-E");
        double minor_in = -1, major_in = -1;
        for (const Sample& x : samples) {
            const auto& v = x.snap;
            if (minor_in < 0 && v.status[0] == k::kRunning && v.lane[0] == north) minor_in = x.t;
            if (major_in < 0 && v.status[1] == k::kRunning && v.lane[1] == east) major_in = x.t;
        }
        ASSERT_GE(minor_in, 0.0);
        ASSERT_GE(major_in, 0.0);
        if (minor_first) {
            EXPECT_LT(minor_in, major_in) << "way " << via_m << " m";
        } else {
            EXPECT_GT(minor_in, major_in) << "way " << via_m << " m";
        }
        // The gap the short way took: far shorter than the long way's time in the junction.
        if (minor_first) {
            EXPECT_LT(major_in - minor_in, 8.0);
        }
    }
}

// Vehicles queue on a short exit before a red light. With keepClear (SUMO's default) the next
// ones wait at the line; with keepClear="0" they fill the junction.
TEST(JunctionLanes, NoVehicleEntersAJunctionWhoseExitIsFull) {
    const double dt = 0.5;
    int stood_inside[2] = {0, 0};
    for (int keep = 0; keep < 2; ++keep) {
        Cross c;
        c.via_m = 20.0;
        c.exit_m = 30.0;
        c.red_at_e = true;
        c.keep_clear = keep == 1;
        const std::vector<sim::TripSpec> trips = test::trips_every(10, 3.0, "W-J", "E-F");
        auto s = test::setup_for(cross_network(c), trips, lanes_settings(dt));
        std::vector<sim::TripRow> done;
        const auto samples = run(s, 600, dt, &done);
        const std::int32_t east = lane_of(s, "J-E");
        for (const Sample& x : samples)
            for (std::size_t v = 0; v < x.snap.status.size(); ++v)
                if (x.snap.status[v] == k::kRunning && x.snap.lane[v] == east && x.snap.pos[v] - 5.0f < 0.0f &&
                    x.snap.speed[v] < 0.1f && x.t < 150.0)
                    ++stood_inside[keep];
        EXPECT_EQ(done.size(), 10u) << "keepClear " << keep;
    }
    EXPECT_EQ(stood_inside[1], 0) << "a vehicle stood inside the junction with keepClear";
    EXPECT_GT(stood_inside[0], 0) << "without keepClear the queue should reach into the junction";
}

TEST(JunctionLanes, AStopSignStopsEveryVehicle) {
    const double dt = 0.5;
    for (char state : {'s', 'm'}) {
        Cross c;
        c.minor_state = state;
        const std::vector<sim::TripSpec> trips = test::trips_every(5, 20.0, "S-J", "J-N");
        auto s = test::setup_for(cross_network(c), trips, lanes_settings(dt));
        std::vector<sim::TripRow> done;
        const auto samples = run(s, 600, dt, &done);
        const std::int32_t south = lane_of(s, "S-J");
        std::vector<int> halted(5, 0);
        for (const Sample& x : samples)
            for (std::size_t v = 0; v < 5; ++v)
                if (x.snap.status[v] == k::kRunning && x.snap.lane[v] == south && x.snap.pos[v] > 290.0f &&
                    x.snap.speed[v] < 0.1f)
                    ++halted[v];
        EXPECT_EQ(done.size(), 5u);
        for (std::size_t v = 0; v < 5; ++v) {
            // At the sign: standing at least SUMO's jmStopSignWait (1 s); with no sign and no foe,
            // no vehicle stops.
            if (state == 's') EXPECT_GE(halted[v] * dt, 1.0) << "vehicle " << v;
            else EXPECT_EQ(halted[v], 0) << "vehicle " << v;
        }
    }
}

// On a movement that gives way a driver cannot see its foes from further than 4.5 m before the
// line (SUMO's default foe visibility), so it arrives there no faster than it can stop from; a
// movement with priority keeps its speed.
TEST(JunctionLanes, AMinorLinkIsApproachedAbleToStopAtItsVisibility) {
    const double dt = 0.5;
    const float b = 4.5f;   // the default car's comfortable deceleration
    Cross c;
    c.via_m = 20.0;
    // Each alone on the road: nothing to yield to, only the view of the junction.
    float nearest_speed[2] = {-1.0f, -1.0f};
    for (int major = 0; major < 2; ++major) {
        const std::string from = major ? "W-J" : "S-J", to = major ? "J-E" : "J-N";
        auto s = test::setup_for(cross_network(c), {test::trip(0.0, from, to)}, lanes_settings(dt));
        const std::int32_t lane = lane_of(s, from);
        for (const Sample& x : run(s, 200, dt)) {
            if (x.snap.status[0] != k::kRunning || x.snap.lane[0] != lane) continue;
            const float d = 300.0f - x.snap.pos[0];
            if (d < 4.5f || d >= 40.0f) continue;
            // Never faster than it could still brake (at b) to √(2·b·4.5 m) by 4.5 m before the
            // line; 0.3 m/s for the step's discretisation.
            const float v_max = std::sqrt(2.0f * b * 4.5f + 2.0f * b * (d - 4.5f));
            if (!major) {
                EXPECT_LE(x.snap.speed[0], v_max + 0.3f) << "minor vehicle " << d << " m before the line";
            }
            if (d < 20.0f) nearest_speed[major] = x.snap.speed[0];
        }
    }
    EXPECT_GT(nearest_speed[0], 0.0f);
    EXPECT_LT(nearest_speed[0], 9.0f);
    EXPECT_GT(nearest_speed[1], 12.0f);   // 13.89 m/s, the road's speed
}

// SUMO networks join two junctions by edges of 0.2 m: vehicles drive over
// them, neither trapped nor skipping the ways through on either side.
TEST(JunctionLanes, AVeryShortEdgeBetweenTwoJunctionsIsDrivenThrough) {
    const double dt = 0.5;
    sim::LaneNetworkSpec n;
    n.junctions = {junction("A", -300, 0), junction("B", 0, 0), junction("C", 6.2, 0), junction("D", 306.2, 0)};
    n.edges = {edge("A-B", 0, 1, 300), edge("B-C", 1, 2, 0.2), edge("C-D", 2, 3, 300)};
    sim::ConnectionEntry c1;
    c1.from_edge = 0;
    c1.to_edge = 1;
    c1.junction = 1;
    c1.via_length_m = 3.0;
    sim::ConnectionEntry c2 = c1;
    c2.from_edge = 1;
    c2.to_edge = 2;
    c2.junction = 2;
    n.connections = {c1, c2};
    sim::NetworkSpec spec;
    spec.lanes = n;
    const std::vector<sim::TripSpec> trips = test::trips_every(40, 1.0, "A-B", "C-D");
    auto s = test::setup_for(spec, trips, lanes_settings(dt));
    std::vector<sim::TripRow> done;
    run(s, 600, dt, &done);
    ASSERT_EQ(done.size(), 40u);
    for (const sim::TripRow& r : done) {
        // From the insertion point (the front at 5 m) to the end: 295 + 3 + 0.2 + 3 + 300 m.
        EXPECT_NEAR(r.route_length_m, 601.2f, 0.05f) << "trip " << r.id;
        EXPECT_EQ(r.status, sim::TripStatus::Arrived);
    }
}

// A queue released by a signal leaves through a junction with a way through as fast as through
// one without: the vehicles follow each other through it, nothing waits for the one ahead to
// clear the junction first.
TEST(JunctionLanes, AQueueDischargesThroughTheWayAsThroughAPoint) {
    double last[2];
    for (int with = 0; with < 2; ++with) {
        Cross c;
        c.exit_m = 500.0;
        c.red_at_e = true;
        c.on_via_m = with ? 20.0 : 0.0;
        const std::vector<sim::TripSpec> trips = test::trips_every(30, 2.0, "W-J", "E-F");
        auto s = test::setup_for(cross_network(c), trips, lanes_settings(1.0));
        std::vector<sim::TripRow> done;
        run(s, 600, 1.0, &done);
        ASSERT_EQ(done.size(), 30u);
        last[with] = 0.0;
        for (const auto& r : done) last[with] = std::max(last[with], r.arrival_s);
    }
    // The last vehicle also drives the 20 m (at most 2 s more at 13.89 m/s, plus a step).
    EXPECT_LE(last[1] - last[0], 4.0);
}

// With traffic.junctions: points the same network is crossed at the line.
TEST(JunctionLanes, PointsIgnoreTheWaysThrough) {
    Cross c;
    c.via_m = 30.0;
    sim::TrafficSettings points = test::settings(0.5);
    points.junctions = "points";
    auto s = test::setup_for(cross_network(c), {test::trip(0.0, "W-J", "J-E")}, points);
    for (float l : s.net.conn_via_length) EXPECT_EQ(l, 0.0f);
    auto lanes = test::setup_for(cross_network(c), {test::trip(0.0, "W-J", "J-E")}, lanes_settings(0.5));
    EXPECT_EQ(lanes.net.conn_via_length[0], 30.0f);
}

}  // namespace
}  // namespace citytwin
