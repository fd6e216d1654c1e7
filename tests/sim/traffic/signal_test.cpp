// Signals: a vehicle reaching a red light stops before the stop line and goes on green.
#include <gtest/gtest.h>

#include "sim/traffic/traffic_backend.hpp"
#include "signal_state.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

sim::NetworkSpec signalised_line(double red_s) {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("A", 0, 0), test::node("B", 300, 0), test::node("C", 600, 0)};
    spec.links = {test::link("A", "B", 300, 13.89), test::link("B", "C", 300, 13.89)};
    sim::SignalPlanSpec plan;
    plan.node = "B";
    sim::SignalPhaseSpec red, green, yellow;
    red.duration_s = red_s;  // nothing listed: every movement red
    green.duration_s = 30;
    green.green.push_back({"A-B", "B-C", {}});
    yellow.duration_s = 4;
    yellow.yellow.push_back({"A-B", "B-C", {}});
    plan.phases = {red, green, yellow};
    spec.signals.push_back(plan);
    return spec;
}

TEST(Signals, VehicleStopsBeforeTheLineOnRedAndGoesOnGreen) {
    const double red_s = 80.0;
    auto s = test::setup_for(signalised_line(red_s), {test::trip(0.0, "A-B", "B-C")});
    auto b = sim::make_traffic_backend_cpu(s, 1);
    const float L = 300.0f;
    float closest = 1e9f;
    bool stopped = false, crossed_at = false;
    double crossed_time = -1;
    for (int k = 0; k < 400; ++k) {
        const double t = k * 0.5;
        b->step(t, k);
        const auto snap = b->snapshot();
        if (snap.status[0] != 2) continue;
        const bool on_approach = s.net.lane_link[snap.lane[0]] == 0;
        if (on_approach && t + 0.5 <= red_s) {
            closest = std::min(closest, L - snap.pos[0]);
            if (snap.speed[0] < 0.01f) stopped = true;
        }
        if (!on_approach && !crossed_at) {
            crossed_at = true;
            crossed_time = t + 0.5;
        }
    }
    EXPECT_TRUE(stopped) << "the vehicle never came to a stop at the red light";
    EXPECT_GT(closest, 0.0f) << "the vehicle's front passed the stop line on red";
    EXPECT_LT(closest, 3.0f) << "the vehicle stopped too far before the line";
    ASSERT_TRUE(crossed_at);
    EXPECT_GE(crossed_time, red_s);
    EXPECT_LT(crossed_time, red_s + 10.0) << "the vehicle should leave soon after the light turns green";
    EXPECT_EQ(b->counts().arrived, 1);
    EXPECT_EQ(b->counts().emergency_stops, 0);
}

TEST(Signals, PlanStatesFollowPhaseDurations) {
    auto s = test::setup_for(signalised_line(80.0), {});
    ASSERT_EQ(s.net.plans(), 1);
    ASSERT_EQ(s.net.plan_cycle[0], 114.0);
    std::int32_t c = -1;
    for (std::int32_t i = 0; i < s.net.connections(); ++i)
        if (s.net.conn_from_link[i] == 0 && s.net.conn_to_link[i] == 1) c = i;
    ASSERT_GE(c, 0);
    EXPECT_EQ(test::signal_state_at(s.net, c, 10.0), 'r');
    EXPECT_EQ(test::signal_state_at(s.net, c, 85.0), 'G');
    EXPECT_EQ(test::signal_state_at(s.net, c, 111.0), 'y');
    EXPECT_EQ(test::signal_state_at(s.net, c, 115.0), 'r');
}

}  // namespace
}  // namespace citytwin
