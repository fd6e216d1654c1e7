// Routing: the fastest path by travel time, and a closed link avoided.
#include <gtest/gtest.h>

#include "sim/traffic/traffic_backend.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

// S -> A, then either A -> B -> D (2 × 300 m) or A -> C -> D (2 × 500 m), then D -> E.
sim::NetworkSpec diamond(double ab_speed = 13.89, bool close_ab = false) {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("S", -100, 0), test::node("A", 0, 0), test::node("B", 300, 100),
                  test::node("C", 300, -100), test::node("D", 600, 0), test::node("E", 700, 0)};
    spec.links = {test::link("S", "A", 100, 13.89), test::link("A", "B", 300, ab_speed), test::link("B", "D", 300, 13.89),
                  test::link("A", "C", 500, 13.89), test::link("C", "D", 500, 13.89), test::link("D", "E", 100, 13.89)};
    spec.links[1].closed = close_ab;
    return spec;
}

// `tables`: next-hop tables, else per-vehicle routes (the same routes).
sim::TripRow drive(const sim::NetworkSpec& spec, sim::LinkSeriesFrame* frame = nullptr, bool tables = true) {
    auto s = test::setup_for(spec, {test::trip(0.0, "S-A", "D-E")});
    s.use_tables = tables;
    auto b = sim::make_traffic_backend_cpu(s, 1);
    for (int k = 0; k < 2000 && b->counts().arrived == 0; ++k) b->step(k * 0.5, k);
    if (frame) b->link_frame(1000.0, 1000.0, *frame);
    const auto rows = b->take_arrived_trips();
    EXPECT_EQ(rows.size(), 1u);
    return rows.empty() ? sim::TripRow{} : rows[0];
}

TEST(Routing, TakesTheShortestPath) {
    sim::LinkSeriesFrame f;
    const auto row = drive(diamond(), &f);
    EXPECT_NEAR(row.route_length_m, 100 - 5 + 600 + 100, 1.0);
    EXPECT_EQ(f.entered[1], 1);  // A-B
    EXPECT_EQ(f.entered[3], 0);  // A-C
}

TEST(Routing, AvoidsAClosedLink) {
    sim::LinkSeriesFrame f;
    const auto row = drive(diamond(13.89, true), &f);
    EXPECT_NEAR(row.route_length_m, 100 - 5 + 1000 + 100, 1.0);
    EXPECT_EQ(f.entered[1], 0);
    EXPECT_EQ(f.entered[3], 1);
}

TEST(Routing, PerVehicleRoutesTakeTheShortestPathAndAvoidAClosedLink) {
    sim::LinkSeriesFrame f, g;
    const auto open = drive(diamond(), &f, false);
    EXPECT_NEAR(open.route_length_m, 100 - 5 + 600 + 100, 1.0);
    EXPECT_EQ(f.entered[1], 1);
    const auto closed = drive(diamond(13.89, true), &g, false);
    EXPECT_NEAR(closed.route_length_m, 100 - 5 + 1000 + 100, 1.0);
    EXPECT_EQ(g.entered[1], 0);
    EXPECT_EQ(g.entered[3], 1);
    EXPECT_NEAR(drive(diamond(5.0), nullptr, false).route_length_m, 100 - 5 + 1000 + 100, 1.0);
}

TEST(Routing, ChoosesByTravelTimeNotDistance) {
    // 600 m at 5 m/s (120 s) loses to 1000 m at 13.89 m/s (72 s).
    const auto row = drive(diamond(5.0));
    EXPECT_NEAR(row.route_length_m, 100 - 5 + 1000 + 100, 1.0);
}

TEST(Routing, TripsWithoutAPathAreCountedAndNeverInserted) {
    auto spec = diamond();
    spec.links[1].closed = true;
    spec.links[3].closed = true;
    auto s = test::setup_for(spec, {test::trip(0.0, "S-A", "D-E"), test::trip(0.0, "S-A", "A-C")});
    ASSERT_EQ(s.unroutable.size(), 2u);  // A-C is closed itself
    auto b = sim::make_traffic_backend_cpu(s, 1);
    for (int k = 0; k < 100; ++k) b->step(k * 0.5, k);
    EXPECT_EQ(b->counts().inserted, 0);
    const auto rows = b->remaining_trips(50.0);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].status, sim::TripStatus::Unroutable);
}

TEST(Routing, UnroutableFoundSearchingBackFromFewDestinations) {
    // Three origins, one destination: the search runs backwards from the destination.
    auto spec = diamond();
    spec.links[1].closed = true;
    spec.links[3].closed = true;
    auto s = test::setup_for(spec, {test::trip(0.0, "B-D", "D-E"), test::trip(1.0, "S-A", "D-E"),
                                    test::trip(2.0, "C-D", "D-E")});
    ASSERT_EQ(s.unroutable.size(), 1u);
    EXPECT_EQ(s.unroutable[0], 1);
}

}  // namespace
}  // namespace citytwin
