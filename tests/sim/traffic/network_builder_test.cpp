// The network compiler: lanes, connections, conflicts, right of way and signal plans.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/traffic/road_network.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

sim::RoadNetwork grid3(bool signals) {
    sim::NetworkSpec spec;
    sim::GridNetworkSpec g;
    g.rows = 3;
    g.cols = 3;
    g.spacing_m = 200;
    g.lanes = 2;
    g.signals = signals;
    spec.grid = g;
    return sim::build_road_network(test::settings(), spec);
}

std::int32_t conn(const sim::RoadNetwork& n, const std::string& from, const std::string& to) {
    const auto f = n.link_by_id.at(from), t = n.link_by_id.at(to);
    for (std::int32_t c = 0; c < n.connections(); ++c)
        if (n.conn_from_link[c] == f && n.conn_to_link[c] == t) return c;
    return -1;
}

bool has_foe(const sim::RoadNetwork& n, std::int32_t c, std::int32_t f) {
    for (auto i = n.conn_foe_begin[c]; i < n.conn_foe_begin[c + 1]; ++i)
        if (n.foe_conn[i] == f) return true;
    return false;
}

TEST(NetworkBuilder, GridHasLinksLanesAndSignals) {
    const auto n = grid3(true);
    EXPECT_EQ(n.nodes(), 9);
    EXPECT_EQ(n.links(), 24);
    EXPECT_EQ(n.lanes(), 48);
    EXPECT_EQ(n.plans(), 5);  // the junctions with three or four approaches
    EXPECT_EQ(n.node_plan[n.node_by_id.at("n0_0")], -1);
    EXPECT_GE(n.node_plan[n.node_by_id.at("n1_1")], 0);
}

TEST(NetworkBuilder, ArterialsHaveTheirLanesAndSpeedsAndTheOnlySignals) {
    sim::NetworkSpec spec;
    // Arterials every 3rd: rows 0 and 3, columns 0, 3 and 6.
    spec.grid = sim::GridNetworkSpec{.rows = 5, .cols = 7, .spacing_m = 100, .lanes = 1, .speed_mps = 30 / 3.6,
                                     .arterial_every = 3, .arterial_lanes = 3, .arterial_speed_mps = 70 / 3.6, .mark = {}};
    const auto n = sim::build_road_network(test::settings(), spec);
    EXPECT_EQ(n.links(), 2 * (5 * 6 + 4 * 7));   // both directions of 5 x 6 street pieces along rows, 4 x 7 along columns
    for (std::int32_t l = 0; l < n.links(); ++l) {
        const auto &a = n.node_id[n.link_from[l]], &b = n.node_id[n.link_to[l]];
        const int ra = std::stoi(a.substr(1)), ca = std::stoi(a.substr(a.find('_') + 1));
        const int rb = std::stoi(b.substr(1));
        const bool along_row = ra == rb;
        const bool major = along_row ? ra % 3 == 0 : ca % 3 == 0;
        EXPECT_EQ(n.link_lanes[l], major ? 3 : 1) << n.link_id[l];
        EXPECT_NEAR(n.link_speed[l], major ? 70 / 3.6 : 30 / 3.6, 1e-9) << n.link_id[l];
    }
    // Signals only where two arterials cross and three or more roads meet: n0_3, n3_0, n3_3,
    // n3_6 (corners have two approaches).
    EXPECT_EQ(n.plans(), 4);
    for (const char* id : {"n0_3", "n3_0", "n3_3", "n3_6"}) EXPECT_GE(n.node_plan[n.node_by_id.at(id)], 0) << id;
    for (const char* id : {"n1_1", "n1_3", "n3_1", "n0_1", "n0_0"}) EXPECT_EQ(n.node_plan[n.node_by_id.at(id)], -1) << id;
    // Where a local street crosses an arterial, the arterial goes first: the local through
    // movement yields to the arterial's, whichever side it comes from.
    const auto art_east = conn(n, "n3_0-n3_1", "n3_1-n3_2"), art_west = conn(n, "n3_2-n3_1", "n3_1-n3_0");
    const auto cross_north = conn(n, "n2_1-n3_1", "n3_1-n4_1"), cross_south = conn(n, "n4_1-n3_1", "n3_1-n2_1");
    ASSERT_GE(art_east, 0);
    ASSERT_GE(cross_north, 0);
    for (const auto minor : {cross_north, cross_south})
        for (const auto major : {art_east, art_west}) {
            EXPECT_TRUE(has_foe(n, minor, major));
            EXPECT_FALSE(has_foe(n, major, minor));
        }
}

TEST(NetworkBuilder, TurnsUseTheRightLanes) {
    const auto n = grid3(false);
    // From the south (n0_1 -> n1_1, heading north): right to the east, left to the west.
    const auto right = conn(n, "n0_1-n1_1", "n1_1-n1_2");
    const auto left = conn(n, "n0_1-n1_1", "n1_1-n1_0");
    const auto through = conn(n, "n0_1-n1_1", "n1_1-n2_1");
    ASSERT_GE(right, 0);
    ASSERT_GE(left, 0);
    ASSERT_GE(through, 0);
    EXPECT_EQ(n.conn_turn[right], sim::TurnKind::Right);
    EXPECT_EQ(n.conn_turn[left], sim::TurnKind::Left);
    EXPECT_EQ(n.lane_index[n.conn_from_lane[right]], 0);
    EXPECT_EQ(n.lane_index[n.conn_from_lane[left]], 1);
    EXPECT_LT(n.conn_speed[right], n.conn_speed[left]);  // tighter radius
    EXPECT_LT(n.conn_speed[left], 13.89f);
    // No U-turns where there is another way to go.
    EXPECT_EQ(conn(n, "n0_1-n1_1", "n1_1-n0_1"), -1);
}

TEST(NetworkBuilder, ConflictsAndRightOfWay) {
    const auto n = grid3(false);
    const auto s_through = conn(n, "n0_1-n1_1", "n1_1-n2_1");
    const auto w_through = conn(n, "n1_0-n1_1", "n1_1-n1_2");
    const auto n_left = conn(n, "n2_1-n1_1", "n1_1-n1_2");
    const auto n_through = conn(n, "n2_1-n1_1", "n1_1-n0_1");
    // Crossing straight movements: equal roads, so right before left: the vehicle from the
    // west has the one from the south on its right and yields to it.
    EXPECT_TRUE(has_foe(n, w_through, s_through));
    EXPECT_FALSE(has_foe(n, s_through, w_through));
    // A left turn yields to oncoming straight traffic; opposing straight movements do not conflict.
    EXPECT_TRUE(has_foe(n, n_left, s_through));
    EXPECT_FALSE(has_foe(n, s_through, n_left));
    EXPECT_FALSE(has_foe(n, s_through, n_through));
    EXPECT_FALSE(has_foe(n, n_through, s_through));
}

TEST(NetworkBuilder, SignalledLeftTurnsArePermissive) {
    const auto n = grid3(true);
    const auto p = n.node_plan[n.node_by_id.at("n1_1")];
    const auto n_left = conn(n, "n2_1-n1_1", "n1_1-n1_2");
    const auto s_through = conn(n, "n0_1-n1_1", "n1_1-n2_1");
    const auto first = n.plan_phase_begin[p];
    EXPECT_EQ(n.phase_state[n.phase_state_begin[first] + n.conn_plan_slot[n_left]], 'g');
    EXPECT_EQ(n.phase_state[n.phase_state_begin[first] + n.conn_plan_slot[s_through]], 'G');
    EXPECT_EQ(n.phase_state[n.phase_state_begin[first + 1] + n.conn_plan_slot[s_through]], 'y');
    EXPECT_EQ(n.phase_state[n.phase_state_begin[first + 2] + n.conn_plan_slot[s_through]], 'r');
    EXPECT_TRUE(has_foe(n, n_left, s_through));
}

TEST(NetworkBuilder, UnknownReferencesAreErrors) {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("A", 0, 0), test::node("B", 100, 0)};
    spec.links = {test::link("A", "X", 100, 10)};
    spec.links[0].mark = {"net.yaml", 7, 5};
    try {
        sim::build_road_network(test::settings(), spec);
        FAIL() << "expected an error";
    } catch (const sim::ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("net.yaml:7:5"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("no node with id 'X'"), std::string::npos) << e.what();
    }
    spec.links = {test::link("A", "B", 100, 10), test::link("B", "A", 100, 10)};
    sim::SignalPlanSpec plan;
    plan.node = "B";
    sim::SignalPhaseSpec ph;
    ph.duration_s = 10;
    ph.green.push_back({"B-A", "A-B", {"net.yaml", 12, 9}});
    plan.phases = {ph};
    spec.signals = {plan};
    EXPECT_THROW(sim::build_road_network(test::settings(), spec), sim::ScenarioError);
}

}  // namespace
}  // namespace citytwin
