// A lone vehicle takes its free-flow time: insertion at rest at the start of its origin link,
// IDM free-road acceleration to the desired speed, arrival at the end of the destination link.
// The reference integrates the same ODE finely (RK4, 1 ms), so the check measures the
// simulation's own time stepping; it must agree within one step.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/traffic/traffic_backend.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

double free_flow_time(double distance, const sim::VehicleTypeSpec& t, double v0) {
    auto acc = [&](double v) { return t.accel_mps2 * (1.0 - std::pow(v / v0, t.delta)); };
    double x = 0, v = 0, time = 0;
    const double h = 1e-3;
    while (x < distance) {
        const double k1v = acc(v), k1x = v;
        const double k2v = acc(v + 0.5 * h * k1v), k2x = v + 0.5 * h * k1v;
        const double k3v = acc(v + 0.5 * h * k2v), k3x = v + 0.5 * h * k2v;
        const double k4v = acc(v + h * k3v), k4x = v + h * k3v;
        x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
        v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
        time += h;
    }
    return time;
}

TEST(FreeFlow, LoneTripTakesItsFreeFlowTime) {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("A", 0, 0), test::node("B", 400, 0), test::node("C", 800, 0), test::node("D", 1200, 0)};
    spec.links = {test::link("A", "B", 400, 13.89), test::link("B", "C", 400, 13.89), test::link("C", "D", 400, 13.89)};
    const double dt = 0.5;
    auto s = test::setup_for(spec, {test::trip(0.0, "A-B", "C-D")}, test::settings(dt));
    auto b = sim::make_traffic_backend_cpu(s, 1);
    int k = 0;
    for (; k < 1000 && b->counts().arrived == 0; ++k) b->step(k * dt, k);
    const auto rows = b->take_arrived_trips();
    ASSERT_EQ(rows.size(), 1u);
    const auto type = test::exact_car()[0];
    const double distance = 1200.0 - type.length_m;  // inserted with its back at the link start
    const double expected = free_flow_time(distance, type, 13.89);
    EXPECT_NEAR(rows[0].arrival_s - rows[0].insert_s, expected, dt);
    EXPECT_NEAR(rows[0].route_length_m, distance, 0.5);
    EXPECT_EQ(rows[0].insert_s, 0.0);
}

}  // namespace
}  // namespace citytwin
