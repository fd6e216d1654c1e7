// The cleaning steps one by one, on graphs made by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/osm/graph_cleaning.hpp"
#include "io/osm/signal_plans.hpp"

namespace {

using namespace citytwin::io::osm;

// Nodes "a", "b", ... at the given positions.
RoadGraph nodes(std::initializer_list<std::pair<double, double>> xy) {
    RoadGraph g;
    char c = 'a';
    for (auto [x, y] : xy) g.nodes.push_back(GraphNode{std::string(1, c++), x, y, false});
    return g;
}

void link(RoadGraph& g, const std::string& id, int from, int to, double length, int lanes = 1, double speed = 50) {
    g.links.push_back(GraphLink{id, from, to, lanes, speed, length, 3, "residential", {}, {}});
}

void two_way(RoadGraph& g, const std::string& id, int a, int b, double length) {
    link(g, id, a, b, length);
    link(g, "-" + id, b, a, length);
}

bool has(const RoadGraph& g, const std::string& id) {
    return std::any_of(g.links.begin(), g.links.end(), [&](const GraphLink& l) { return l.id == id; });
}

TEST(OsmCleaning, ShortLinksJoinTheirJunctionsWithinALimit) {
    // A chain a-b-c-d-e of 8 m links, and a 100 m link e-f: a joined junction may not span
    // more than 20 m, so the chain becomes two junctions (a+b+c, 16 m; d+e) and not one.
    RoadGraph g = nodes({{0, 0}, {8, 0}, {16, 0}, {24, 0}, {32, 0}, {132, 0}});
    for (int i = 0; i < 4; ++i) two_way(g, "s" + std::to_string(i), i, i + 1, 8);
    two_way(g, "long", 4, 5, 100);
    CleanCounts c;
    join_short_links(g, c, CleanOptions{});
    EXPECT_EQ(c.junctions_joined, 3u);
    EXPECT_EQ(g.nodes.size(), 3u);
    EXPECT_EQ(c.short_links, 6u);
    EXPECT_TRUE(has(g, "s2") && has(g, "-s2"));  // between the two joined junctions
    EXPECT_EQ(g.nodes[0].id, "a");
    EXPECT_DOUBLE_EQ(g.nodes[0].x, 8.0);  // mean of a, b, c
    EXPECT_TRUE(has(g, "long"));
    EXPECT_DOUBLE_EQ(g.links.back().length_m, 100.0);  // lengths are not changed by joining
}

TEST(OsmCleaning, SelfLoopsGo) {
    RoadGraph g = nodes({{0, 0}, {100, 0}});
    two_way(g, "ab", 0, 1, 100);
    link(g, "loop", 1, 1, 300);
    CleanCounts c;
    join_short_links(g, c, CleanOptions{});
    EXPECT_EQ(c.self_loops, 1u);
    EXPECT_FALSE(has(g, "loop"));
}

TEST(OsmCleaning, ParallelLinksKeepTheQuickest) {
    RoadGraph g = nodes({{0, 0}, {100, 0}});
    link(g, "slow", 0, 1, 100, 2, 30);
    link(g, "fast", 0, 1, 150, 1, 50);  // 10.8 s against 12 s
    link(g, "back", 1, 0, 100);
    CleanCounts c;
    merge_parallel_links(g, c);
    EXPECT_EQ(c.parallel_links, 1u);
    EXPECT_TRUE(has(g, "fast"));
    EXPECT_FALSE(has(g, "slow"));
    EXPECT_EQ(g.links.size(), 2u);
}

TEST(OsmCleaning, StrongComponentFollowsTheNoUTurnRule) {
    // a <-> b <-> c, b <-> e <-> f, and apart g <-> h. At the dead ends a and f a vehicle may
    // turn (their only way out is back), so all of a..f is one strongly connected part.
    RoadGraph g = nodes({{0, 0}, {100, 0}, {200, 0}, {300, 0}, {100, 100}, {100, 200}, {900, 900}, {1000, 900}});
    two_way(g, "ab", 0, 1, 100);
    two_way(g, "bc", 1, 2, 100);
    two_way(g, "be", 1, 4, 100);
    two_way(g, "ef", 4, 5, 100);
    two_way(g, "gh", 6, 7, 100);
    RoadGraph with_exit = g;
    CleanCounts c;
    keep_largest_strong_component(g, c);
    EXPECT_EQ(c.unreachable_links, 2u);  // gh, -gh
    EXPECT_EQ(c.unreachable_nodes, 3u);  // g, h, and d, which no link touches yet
    EXPECT_EQ(g.links.size(), 8u);

    // Add a one-way exit c -> d into a dead end. Now c has two ways out, so arriving on bc a
    // vehicle may not turn back: it must take cd and is stuck. bc, c -> b and cd all go.
    link(with_exit, "cd", 2, 3, 100);
    CleanCounts c2;
    keep_largest_strong_component(with_exit, c2);
    EXPECT_EQ(c2.unreachable_links, 5u);  // bc, -bc, cd, gh, -gh
    EXPECT_EQ(c2.unreachable_nodes, 4u);  // c, d, g, h
    EXPECT_FALSE(has(with_exit, "-bc"));
    EXPECT_TRUE(has(with_exit, "ab") && has(with_exit, "-ef"));
}

TEST(OsmCleaning, PassThroughNodesJoinAlikeLinksOnly) {
    // a - b - c straight, alike: b goes. c - d - e with different lanes: d stays. A signal at
    // e - f - g's f keeps f.
    RoadGraph g = nodes({{0, 0}, {100, 0}, {200, 0}, {300, 0}, {400, 0}, {500, 0}, {600, 0}});
    two_way(g, "ab", 0, 1, 100);
    two_way(g, "bc", 1, 2, 100);
    two_way(g, "cd", 2, 3, 100);
    link(g, "de", 3, 4, 100, 2);
    link(g, "-de", 4, 3, 100, 2);
    two_way(g, "ef", 4, 5, 100);
    two_way(g, "fg", 5, 6, 100);
    g.nodes[5].signal = true;
    CleanCounts c;
    remove_pass_through_nodes(g, c);
    // b and c both pass through alike links: a-b-c-d joins into one link each way.
    EXPECT_EQ(c.pass_through_nodes, 2u);
    EXPECT_TRUE(has(g, "ab") && has(g, "-cd"));
    EXPECT_FALSE(has(g, "bc") || has(g, "cd") || has(g, "-ab") || has(g, "-bc"));
    const auto ab = std::find_if(g.links.begin(), g.links.end(), [](const GraphLink& l) { return l.id == "ab"; });
    EXPECT_DOUBLE_EQ(ab->length_m, 300.0);
    EXPECT_EQ(g.nodes[static_cast<std::size_t>(ab->to)].id, "d");
    EXPECT_EQ(g.nodes.size(), 5u);  // a, d, e, f, g
}

TEST(OsmSignalPlans, TooSimpleJunctionsGetNoPlan) {
    // A signal where a road only bends (two arms) gets no plan.
    RoadGraph g = nodes({{0, 0}, {100, 0}, {100, 100}});
    two_way(g, "ab", 0, 1, 100);
    two_way(g, "bc", 1, 2, 100);
    g.nodes[1].signal = true;
    SignalPlanCounts c;
    EXPECT_TRUE(generate_signal_plans(g, c).empty());
    EXPECT_EQ(c.too_simple, 1u);
}

TEST(OsmSignalPlans, ApproachesOnOneAxisTakeTurns) {
    // A Y: three approaches, all within 45 degrees of the east-west axis: one stage each.
    RoadGraph g = nodes({{0, 0}, {-100, 0}, {100, 30}, {100, -30}});
    two_way(g, "w", 1, 0, 100);
    two_way(g, "ne", 2, 0, 100);
    two_way(g, "se", 3, 0, 100);
    g.nodes[0].signal = true;
    SignalPlanCounts c;
    const auto plans = generate_signal_plans(g, c);
    ASSERT_EQ(plans.size(), 1u);
    EXPECT_EQ(plans[0].phases.size(), 6u);
    for (std::size_t p = 0; p < 6; p += 2) {
        EXPECT_EQ(plans[0].phases[p].green.size(), 2u);  // each approach to the two other arms
        EXPECT_TRUE(plans[0].phases[p].minor.empty());
        EXPECT_EQ(plans[0].phases[p + 1].yellow.size(), 2u);
    }
}

}  // namespace
