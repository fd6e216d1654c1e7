// Validation: on a single-lane ring, traffic settles to the car-following model's equilibrium
// speed for its density (the fundamental diagram at six densities).
// IDM: v_e solving 1 - (v/v0)^δ - ((s0 + v T)/s)² = 0 with s = L/N - l (Treiber, Hennecke &
// Helbing 2000, eq. 3). Krauss with sigma 0: v_e = min(v0, (s - s0)/τ), where the safe speed
// behind a leader at the same speed equals the speed (Krauß 1998).
#include <gtest/gtest.h>

#include <algorithm>
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

double krauss_equilibrium_speed(double gap, const sim::VehicleTypeSpec& t, double v0) {
    return std::min(v0, std::max(0.0, gap - t.min_gap_m) / t.headway_s);
}

// n vehicles on a 2 km ring, 20 minutes from standing, evenly spaced: the speeds at the end.
sim::VehicleSnapshot ring(int n, const std::vector<sim::VehicleTypeSpec>& types, std::int64_t* emergency_stops) {
    const double circumference = 2000.0, v0 = 20.0;
    const int segments = 16;
    sim::TrafficSetup s;
    s.settings = test::settings(0.5);
    s.net = sim::build_road_network(s.settings, test::ring(circumference, segments, v0));
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
    for (int k = 0; k < 2400; ++k) backend->step(k * 0.5, k);
    if (emergency_stops) *emergency_stops = backend->counts().emergency_stops;
    return backend->snapshot();
}

void expect_equilibrium(int n, const std::vector<sim::VehicleTypeSpec>& types, double ve) {
    std::int64_t emergency = -1;
    const sim::VehicleSnapshot snap = ring(n, types, &emergency);
    double mean = 0.0;
    for (float v : snap.speed) mean += v;
    mean /= n;
    EXPECT_NEAR(mean, ve, 0.01 * ve) << n << " vehicles";
    for (int i = 0; i < n; ++i) EXPECT_NEAR(snap.speed[i], ve, 0.01 * ve) << "vehicle " << i;
    EXPECT_EQ(emergency, 0);
}

class RingRoad : public ::testing::TestWithParam<int> {};

TEST_P(RingRoad, SettlesToIdmEquilibriumSpeed) {
    const int n = GetParam();
    const auto types = test::exact_car();
    const double gap = 2000.0 / n - types[0].length_m;
    expect_equilibrium(n, types, idm_equilibrium_speed(gap, types[0], 20.0));
}

TEST_P(RingRoad, SettlesToKraussEquilibriumSpeedWithoutDawdling) {
    const int n = GetParam();
    auto types = test::exact_car();
    types[0].car_following = "krauss";
    types[0].sigma = 0.0;
    const double gap = 2000.0 / n - types[0].length_m;
    expect_equilibrium(n, types, krauss_equilibrium_speed(gap, types[0], 20.0));
}

INSTANTIATE_TEST_SUITE_P(FundamentalDiagram, RingRoad, ::testing::Values(20, 40, 60, 90, 130, 180));

// Dawdling slows the flow below the sigma-0 equilibrium, differently for every vehicle, and the
// same way on every run and thread count (the draws are counter-based).
TEST(KraussRing, DawdlingSlowsTrafficDeterministically) {
    auto types = test::exact_car();
    types[0].car_following = "krauss";
    types[0].sigma = 0.5;
    const int n = 130;   // congested: 7.9 m/s without dawdling
    const sim::VehicleSnapshot a = ring(n, types, nullptr), b = ring(n, types, nullptr);
    EXPECT_EQ(a.speed, b.speed);
    EXPECT_EQ(a.pos, b.pos);
    double mean = 0.0, lo = 1e9, hi = 0.0;
    for (float v : a.speed) {
        mean += v;
        lo = std::min<double>(lo, v);
        hi = std::max<double>(hi, v);
    }
    mean /= n;
    const double ve = krauss_equilibrium_speed(2000.0 / n - types[0].length_m, types[0], 20.0);
    EXPECT_LT(mean, 0.98 * ve);
    EXPECT_GT(mean, 0.3 * ve);
    EXPECT_GT(hi - lo, 0.5) << "vehicles dawdle independently";
}

}  // namespace
}  // namespace citytwin
