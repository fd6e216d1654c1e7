// Insertion as SUMO's departLane, departPos and departSpeed say (kernels/traffic/insertion.hpp):
// a platoon inserted at the lane's speed enters at the headway the safe speed allows, with no
// vehicle ever closer than that; lanes and positions as given; random ones the same every run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "kernels/traffic/traffic_view.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

namespace k = citytwin::kernels;

sim::NetworkSpec road(int lanes) {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("A", 0, 0), test::node("B", 2000, 0), test::node("C", 4000, 0)};
    spec.links = {test::link("A", "B", 2000, 13.89, lanes), test::link("B", "C", 2000, 13.89, lanes)};
    return spec;
}

std::vector<sim::TripSpec> platoon(int n, std::int32_t lane, float pos, float speed) {
    std::vector<sim::TripSpec> trips;
    for (int i = 0; i < n; ++i) {
        sim::TripSpec t = test::trip(0.0, "A-B", "B-C");
        t.depart_lane = lane;
        t.depart_pos = pos;
        t.depart_speed = speed;
        trips.push_back(t);
    }
    return trips;
}

// SUMO 1.15 on the same road (two 2000 m edges at 13.89 m/s, netconvert), 20 vehicles of a
// Krauss vType with sigma 0 departing at 0 s with departSpeed="max", departPos="base", step
// 0.5 s (`sumo -n n.net.xml -r p.rou.xml --step-length 0.5 --tripinfo-output ti.xml`): each
// enters as soon as a speed lowered to the safe one behind its leader allows, at these times.
TEST(Depart, AtMaxSpeedAPlatoonEntersAtTheSafeHeadwayWithNoVehicleCloser) {
    const double dt = 0.5;
    auto types = test::exact_car();
    types[0].speed_factor_mean = 1.0;
    types[0].car_following = "krauss";
    types[0].sigma = 0.0;
    auto s = test::setup_for(road(1), platoon(20, k::kDepartLaneBest, k::kDepartPosBase, k::kDepartSpeedMax), test::settings(dt), types);
    auto b = sim::make_traffic_backend_cpu(s, 1);
    std::vector<double> inserted_at;
    std::int64_t before = 0;
    for (int step = 0; step < 200; ++step) {
        b->step(step * dt, step);
        const std::int64_t now = b->counts().inserted;
        for (std::int64_t i = before; i < now; ++i) inserted_at.push_back(step * dt);
        before = now;
        // No two vehicles on the road closer than the minimum gap.
        const sim::VehicleSnapshot snap = b->snapshot();
        std::vector<std::pair<int, float>> on;
        for (std::size_t v = 0; v < snap.status.size(); ++v)
            if (snap.status[v] == k::kRunning) on.push_back({snap.lane[v], snap.pos[v]});
        std::sort(on.begin(), on.end());
        for (std::size_t i = 1; i < on.size(); ++i) {
            if (on[i].first == on[i - 1].first) {
                ASSERT_GE(on[i].second - on[i - 1].second, 5.0f + 2.5f - 1e-3f) << "step " << step;
            }
        }
    }
    const std::vector<double> sumo{0.0,  1.0,  2.0,  3.0,  4.0,  5.5,  7.0,  8.5,  10.0, 11.5,
                                   13.0, 14.5, 16.0, 17.5, 19.0, 20.5, 22.0, 23.5, 25.0, 26.5};
    ASSERT_EQ(inserted_at.size(), sumo.size());
    for (std::size_t i = 0; i < sumo.size(); ++i) EXPECT_DOUBLE_EQ(inserted_at[i], sumo[i]) << "vehicle " << i;
    EXPECT_EQ(b->counts().emergency_stops, 0);
    // Standing (SUMO's default) the same platoon enters far more slowly.
    auto s0 = test::setup_for(road(1), platoon(20, k::kDepartLaneBest, k::kDepartPosBase, 0.0f), test::settings(dt), types);
    auto b0 = sim::make_traffic_backend_cpu(s0, 1);
    int step = 0;
    for (; step < 1000 && b0->counts().inserted < 20; ++step) b0->step(step * dt, step);
    EXPECT_GT((step - 1) * dt, inserted_at.back() + 10.0);
}

TEST(Depart, LanesAndPositionsAreTheOnesGiven) {
    const double dt = 0.5;
    auto s = test::setup_for(road(3), platoon(1, 2, 500.0f, 10.0f), test::settings(dt));
    auto b = sim::make_traffic_backend_cpu(s, 1);
    b->step(0.0, 0);
    const sim::VehicleSnapshot snap = b->snapshot();
    ASSERT_EQ(snap.status[0], k::kRunning);
    EXPECT_EQ(s.net.lane_index[snap.lane[0]], 2);
    // Placed at 500 m at 10 m/s when the step began, it then drove the step (as SUMO moves a
    // vehicle from its departure): accelerating, the mean of its two speeds for dt.
    EXPECT_GT(snap.speed[0], 10.0f);
    EXPECT_NEAR(snap.pos[0], 500.0f + 0.5f * static_cast<float>(dt) * (10.0f + snap.speed[0]), 1e-3f);
    auto f = test::setup_for(road(3), platoon(1, k::kDepartLaneFirst, k::kDepartPosBase, 0.0f), test::settings(dt));
    auto bf = sim::make_traffic_backend_cpu(f, 1);
    bf->step(0.0, 0);
    EXPECT_EQ(f.net.lane_index[bf->snapshot().lane[0]], 0);
    // A lane the origin does not have is an error naming the trip's key.
    EXPECT_THROW(test::setup_for(road(2), platoon(1, 3, k::kDepartPosBase, 0.0f), test::settings(dt)), sim::ScenarioError);
}

// Trip ids number the trips in departure order; each keeps the source's name through the sort.
TEST(Depart, TripsKeepTheirSourceNamesInDepartureOrder) {
    std::vector<sim::TripSpec> trips = {test::trip(30.0, "A-B", "B-C"), test::trip(10.0, "A-B", "B-C"), test::trip(10.0, "A-B", "B-C"),
                                        test::trip(0.0, "A-B", "B-C")};
    trips[0].id = "late";
    trips[1].id = "tie.0";
    trips[3].id = "first";
    const auto s = test::setup_for(road(1), trips);
    EXPECT_EQ(s.trips.name, (std::vector<std::string>{"first", "tie.0", "", "late"}));
    for (auto& t : trips) t.id.clear();
    EXPECT_TRUE(test::setup_for(road(1), trips).trips.name.empty());  // no names, no column
}

TEST(Depart, RandomLanesPositionsAndSpeedsAreTheSameEveryRun) {
    const double dt = 0.5;
    auto once = [&] {
        auto s = test::setup_for(road(3), platoon(30, k::kDepartLaneRandom, k::kDepartPosRandom, k::kDepartSpeedRandom), test::settings(dt));
        auto b = sim::make_traffic_backend_cpu(s, 2);
        for (int step = 0; step < 40; ++step) b->step(step * dt, step);
        return b->snapshot();
    };
    const sim::VehicleSnapshot a = once(), c = once();
    EXPECT_EQ(a.lane, c.lane);
    EXPECT_EQ(a.pos, c.pos);
    EXPECT_EQ(a.speed, c.speed);
    std::vector<int> lanes(3, 0);
    for (std::size_t v = 0; v < a.status.size(); ++v)
        if (a.status[v] == k::kRunning) ++lanes[a.lane[v] % 3];
    EXPECT_GT(std::count_if(lanes.begin(), lanes.end(), [](int n) { return n > 0; }), 1) << "random lanes spread the vehicles";
}

}  // namespace
}  // namespace citytwin
