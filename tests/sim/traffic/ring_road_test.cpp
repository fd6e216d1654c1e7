// Validation: on a single-lane ring, IDM traffic settles to the model's equilibrium speed for
// its density, v_e solving 1 - (v/v0)^δ - ((s0 + v T)/s)² = 0 with s = L/N - l
// (Treiber, Hennecke & Helbing 2000, eq. 3; the fundamental diagram at five densities).
#include <gtest/gtest.h>

#include <cmath>

#include "sim/traffic/traffic_backend.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

double idm_equilibrium_speed(double gap, const sim::VehicleTypeSpec& t, double v0) {
    double lo = 0.0, hi = v0;
    for (int i = 0; i < 200; ++i) {
        const double v = 0.5 * (lo + hi);
        const double s_star = t.min_gap_m + v * t.headway_s;
        const double f = 1.0 - std::pow(v / v0, t.delta) - (s_star / gap) * (s_star / gap);
        (f > 0 ? lo : hi) = v;
    }
    return 0.5 * (lo + hi);
}

class RingRoad : public ::testing::TestWithParam<int> {};

TEST_P(RingRoad, SettlesToIdmEquilibriumSpeed) {
    const int n = GetParam();
    const double circumference = 2000.0, v0 = 20.0;
    const int segments = 16;
    sim::TrafficSetup s;
    s.settings = test::settings(0.5);
    s.net = sim::build_road_network(s.settings, test::ring(circumference, segments, v0));
    const auto types = test::exact_car();
    s.types = sim::make_type_params(types);
    const double seg = circumference / segments;
    for (int i = 0; i < n; ++i) {
        const double p = circumference * i / n + types[0].length_m;  // front position on the ring
        const int l = static_cast<int>(p / seg) % segments;
        s.trips.depart.push_back(0.0);
        s.trips.origin.push_back(l);
        s.trips.dest.push_back(-1);  // circulates
        s.trips.dest_index.push_back(-1);
        s.trips.type.push_back(0);
        s.trips.speed_factor.push_back(1.0f);
        s.trips.initial_lane.push_back(s.net.link_first_lane[l]);
        s.trips.initial_pos.push_back(static_cast<float>(p - l * seg));
        s.trips.initial_speed.push_back(0.0f);
    }
    auto backend = sim::make_traffic_backend_cpu(s, 2);
    for (int k = 0; k < 2400; ++k) backend->step(k * 0.5, k);  // 20 minutes
    const sim::VehicleSnapshot snap = backend->snapshot();
    const double gap = circumference / n - types[0].length_m;
    const double ve = idm_equilibrium_speed(gap, types[0], v0);
    double mean = 0.0;
    for (float v : snap.speed) mean += v;
    mean /= n;
    EXPECT_NEAR(mean, ve, 0.01 * ve) << n << " vehicles, gap " << gap << " m";
    for (int i = 0; i < n; ++i) EXPECT_NEAR(snap.speed[i], ve, 0.01 * ve) << "vehicle " << i;
    EXPECT_EQ(backend->counts().emergency_stops, 0);
}

INSTANTIATE_TEST_SUITE_P(FundamentalDiagram, RingRoad, ::testing::Values(20, 40, 60, 90, 130, 180));

}  // namespace
}  // namespace citytwin
