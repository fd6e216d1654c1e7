// Per-vehicle routes (traffic.routing: routes) against the next-hop tables: the same run bit for
// bit, through reroutes, closures and bans, on any thread count; and closures avoided.
#include <gtest/gtest.h>

#include <filesystem>

#include "io/output/run_compare.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "run_to_file.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "route-modes";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

void expect_same_run(sim::Scenario sc, const std::string& name, int threads_routes = 2) {
    const auto a = scratch(name + "-tables.h5"), b = scratch(name + "-routes.h5");
    sc.traffic.routing = "tables";
    const auto ka = test::run_to_file(sc, "cpu", 2, a);
    sc.traffic.routing = "routes";
    const auto kb = test::run_to_file(sc, "cpu", threads_routes, b);
    ASSERT_GT(test::kpi(ka, "trips_arrived"), 500) << "the run should be busy enough to mean something";
    EXPECT_EQ(test::kpi(ka, "trips_arrived"), test::kpi(kb, "trips_arrived"));
    EXPECT_EQ(test::kpi(ka, "mean_trip_duration_s"), test::kpi(kb, "mean_trip_duration_s"));
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
}

TEST(RouteModes, RoutesGiveTheTablesRunBitForBit) {
    expect_same_run(test::busy_grid(), "busy");
}

// Reroutes every few steps: some come between a stuck vehicle's question (which turn leads on,
// asked the step before it takes one) and its answer, which the reroute must not drop.
TEST(RouteModes, ARerouteBetweenAQuestionAndItsAnswerGivesTheTablesRun) {
    sim::Scenario sc = test::busy_grid(900, 8000);
    sc.traffic.reroute_every_s = 2;
    sc.outputs.vehicles_every_s = 1;
    const auto a = scratch("asked-tables.h5");
    sc.traffic.routing = "tables";
    const auto k = test::run_to_file(sc, "cpu", 2, a);
    ASSERT_GT(test::kpi(k, "stuck_reroutes"), 20) << "vehicles should take other turns often enough to meet reroutes";
    expect_same_run(sc, "asked");
}

TEST(RouteModes, OneThreadGivesTheTwoThreadRun) {
    sim::Scenario sc = test::busy_grid(600, 4000);
    sc.traffic.routing = "routes";
    const auto a = scratch("t1.h5"), b = scratch("t2.h5");
    test::run_to_file(sc, "cpu", 1, a);
    test::run_to_file(sc, "cpu", 2, b);
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
}

TEST(RouteModes, AClosureGivesTheTablesRunBitForBit) {
    sim::Scenario sc = io::load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/whatif-closure.yaml");
    sc.duration_s = 2 * 3600;   // 06:00-08:00: the closure begins at 07:30
    sc.demand.generate->trips = 12000;
    sc.outputs.vehicles_every_s = 0;
    sc.power.reset();
    sc.air.reset();
    expect_same_run(sc, "closure");
}

TEST(RouteModes, ABanGivesTheTablesRunBitForBit) {
    sim::Scenario sc = io::load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/whatif-lez.yaml");
    sc.power.reset();
    sc.air.reset();
    expect_same_run(sc, "ban");
}

TEST(RouteModes, AutoKeepsSmallTablesAndRoutesLargeOnes) {
    sim::Scenario sc = test::busy_grid(60, 100);
    sim::TrafficSetup small = sim::build_traffic_setup(sc);
    EXPECT_TRUE(small.use_tables);
    sc.network.grid->rows = sc.network.grid->cols = 90;   // 32,040 links x thousands of destinations
    sc.demand.generate->trips = 20000;
    sim::TrafficSetup large = sim::build_traffic_setup(sc);
    EXPECT_GT(sim::next_hop_table_bytes(large), sim::kAutoTableBytes);
    EXPECT_FALSE(large.use_tables);
    sc.traffic.routing = "tables";
    EXPECT_TRUE(sim::build_traffic_setup(sc).use_tables);
}

// Tables that fit are still dropped when recomputing them would cost more than the trips' own
// searches: every row settles the whole network at each reroute, whoever uses it.
TEST(RouteModes, AutoTakesRoutesWhenTheTablesWouldSearchMoreThanTheTripsDo) {
    sim::Scenario sc = test::busy_grid(7200, 20000);
    sc.traffic.reroute_every_s = 60;   // 121 computations
    const sim::TrafficSetup busy = sim::build_traffic_setup(sc);
    ASSERT_GT(busy.dest_links.size(), 50u);
    EXPECT_TRUE(busy.use_tables);
    sc.demand.generate->trips = 400;   // the same rows for a few vehicles each
    const sim::TrafficSetup sparse = sim::build_traffic_setup(sc);
    EXPECT_LT(sim::next_hop_table_bytes(sparse), sim::kAutoTableBytes);
    EXPECT_FALSE(sparse.use_tables);
    sc.traffic.reroute_every_s = 0;    // free flow: the tables are searched once
    EXPECT_TRUE(sim::build_traffic_setup(sc).use_tables);
}

// A route with a loop (a SUMO route that goes round a block twice) is driven as given: `auto`
// takes per-vehicle routes for it, and the trip drives the extra lap. Forced onto tables, the
// vehicle drives the fastest path to the route's end instead.
TEST(RouteModes, ARouteThatVisitsALinkTwiceIsDrivenAsGiven) {
    auto scenario = [](std::vector<std::string> route) {
        sim::Scenario sc;
        sc.name = "loop";
        sc.duration_s = 900;
        sc.network = test::ring(2000, 4, 15.0);
        sc.vehicle_types = test::exact_car();
        sim::TripSpec t = test::trip(0, route.front(), route.back());
        t.route = std::move(route);
        sc.demand.trips = {t};
        sc.outputs.every_s = 60;
        return sc;
    };
    const std::vector<std::string> once{"r0-r1", "r1-r2", "r2-r3"};
    std::vector<std::string> twice = once;
    twice.insert(twice.end(), {"r3-r0", "r0-r1", "r1-r2", "r2-r3"});
    const sim::Scenario direct = scenario(once), loop = scenario(twice);
    EXPECT_TRUE(sim::build_traffic_setup(direct).use_tables);
    EXPECT_FALSE(sim::build_traffic_setup(loop).use_tables);
    const auto kd = test::run_to_file(direct, "cpu", 2, scratch("loop-direct.h5"));
    const auto kl = test::run_to_file(loop, "cpu", 2, scratch("loop-twice.h5"));
    ASSERT_EQ(test::kpi(kd, "trips_arrived"), 1);
    ASSERT_EQ(test::kpi(kl, "trips_arrived"), 1);
    EXPECT_NEAR(test::kpi(kl, "mean_route_length_m") - test::kpi(kd, "mean_route_length_m"), 2000.0, 1.0);
    // The lap at the limit takes 133 s, and a little more for slowing into its four turns.
    const double lap = test::kpi(kl, "mean_trip_duration_s") - test::kpi(kd, "mean_trip_duration_s");
    EXPECT_GE(lap, 2000.0 / 15.0);
    EXPECT_LE(lap, 1.1 * 2000.0 / 15.0);
    sim::Scenario tables = loop;
    tables.traffic.routing = "tables";
    EXPECT_TRUE(sim::build_traffic_setup(tables).use_tables);
    const auto kt = test::run_to_file(tables, "cpu", 2, scratch("loop-tables.h5"));
    EXPECT_NEAR(test::kpi(kt, "mean_route_length_m"), test::kpi(kd, "mean_route_length_m"), 1.0);
}

}  // namespace
}  // namespace citytwin
