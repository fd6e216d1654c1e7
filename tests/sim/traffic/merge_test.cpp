// Two movements that both have priority green and merge into one lane: vehicles arriving at
// the same moment must not end up on the same spot of the merged lane.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/traffic/traffic_backend.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

TEST(Merge, SimultaneousPriorityMergeKeepsVehiclesApart) {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("A", -300, 0), test::node("B", 0, -300), test::node("M", 0, 0), test::node("C", 300, 0)};
    spec.links = {test::link("A", "M", 300, 13.89), test::link("B", "M", 300, 13.89), test::link("M", "C", 300, 13.89)};
    sim::SignalPlanSpec plan;
    plan.node = "M";
    sim::SignalPhaseSpec both;
    both.duration_s = 100;
    both.green = {{"A-M", "M-C", {}}, {"B-M", "M-C", {}}};
    plan.phases = {both};
    spec.signals = {plan};
    std::vector<sim::TripSpec> trips;
    for (int i = 0; i < 6; ++i) {
        trips.push_back(test::trip(i * 2.0, "A-M", "M-C"));
        trips.push_back(test::trip(i * 2.0, "B-M", "M-C"));
    }
    sim::TrafficSettings st = test::settings();
    st.turn_lateral_accel_mps2 = 100.0;  // no slowing for the turn: both streams arrive together
    auto s = test::setup_for(spec, trips, st);
    auto b = sim::make_traffic_backend_cpu(s, 1);
    const std::int32_t merged = s.net.link_first_lane[s.net.link_by_id.at("M-C")];
    for (int k = 0; k < 240; ++k) {
        b->step(k * 0.5, k);
        const auto snap = b->snapshot();
        std::vector<float> fronts;
        for (std::size_t v = 0; v < snap.status.size(); ++v)
            if (snap.status[v] == 2 && snap.lane[v] == merged) fronts.push_back(snap.pos[v]);
        std::sort(fronts.begin(), fronts.end());
        for (std::size_t i = 1; i < fronts.size(); ++i)
            ASSERT_GE(fronts[i] - 5.0f, fronts[i - 1] - 1e-3f) << "overlap on the merged lane at step " << k;
    }
    EXPECT_EQ(b->counts().arrived, 12);
}

}  // namespace
}  // namespace citytwin
