// Properties of a congested run, checked after every step: no two vehicles on a lane overlap,
// vehicles are conserved (inserted = arrived + running), and no vehicle crosses a stop line
// whose signal is red.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "sim/core/engine.hpp"
#include "signal_state.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

sim::Scenario congested_grid() {
    sim::Scenario sc;
    sc.name = "congested";
    sc.seed = 3;
    sc.duration_s = 1200;
    sc.start_seconds_of_day = 8 * 3600;
    sim::GridNetworkSpec g;
    g.rows = 5;
    g.cols = 5;
    g.spacing_m = 150;
    g.lanes = 2;
    g.speed_mps = 13.89;
    sc.network.grid = g;
    sc.zones.generate = sim::ZoneGenerateSpec{2, 2, 10000, 10000, {}};
    sc.vehicle_types = {sim::VehicleTypeSpec{}};
    sc.vehicle_types[0].id = "car";
    sim::DemandGenerateSpec d;
    d.trips = 2500;
    d.profile.name = "flat";
    sc.demand.generate = d;
    return sc;
}

TEST(Properties, CongestedRunHasNoOverlapConservesVehiclesAndRespectsRed) {
    const sim::Scenario sc = congested_grid();
    sim::DeviceChoice dev = sim::choose_device("cpu", 2);
    sim::Engine engine(sc, dev);
    const auto& net = engine.setup().net;
    const auto& types = engine.setup().types;
    const auto& trips = engine.setup().trips;
    sim::VehicleSnapshot prev = engine.traffic().snapshot();
    std::int64_t max_running = 0, crossings = 0;
    for (std::int64_t k = 0; k < engine.total_steps(); ++k) {
        const double t = engine.time();
        engine.step();
        const sim::VehicleSnapshot snap = engine.traffic().snapshot();
        const sim::TrafficCounts c = engine.traffic().counts();
        // Conservation, from the counters and from the state itself.
        std::int64_t running = std::count(snap.status.begin(), snap.status.end(), std::uint8_t{2});
        std::int64_t arrived = std::count(snap.status.begin(), snap.status.end(), std::uint8_t{3});
        ASSERT_EQ(c.inserted, c.arrived + c.running) << "step " << k;
        ASSERT_EQ(running, c.running) << "step " << k;
        ASSERT_EQ(arrived, c.arrived) << "step " << k;
        max_running = std::max(max_running, running);
        // No overlap on any lane.
        std::map<std::int32_t, std::vector<std::pair<float, std::int32_t>>> by_lane;
        for (std::size_t v = 0; v < snap.status.size(); ++v)
            if (snap.status[v] == 2) by_lane[snap.lane[v]].push_back({snap.pos[v], static_cast<std::int32_t>(v)});
        for (auto& [lane, list] : by_lane) {
            std::sort(list.begin(), list.end());
            for (std::size_t i = 1; i < list.size(); ++i) {
                const float leader_back = list[i].first - types.length[trips.type[list[i].second]];
                ASSERT_GE(leader_back, list[i - 1].first - 1e-3f)
                    << "step " << k << " lane " << lane << ": vehicle " << list[i - 1].second << " overlaps " << list[i].second;
            }
        }
        // No crossing on red: a vehicle that changed link passed the connection from its old lane.
        for (std::size_t v = 0; v < snap.status.size(); ++v) {
            if (prev.status[v] != 2 || snap.status[v] != 2) continue;
            const auto l0 = net.lane_link[prev.lane[v]], l1 = net.lane_link[snap.lane[v]];
            if (l0 == l1) continue;
            ++crossings;
            std::int32_t conn = -1;
            for (auto cc = net.lane_conn_begin[prev.lane[v]]; cc < net.lane_conn_begin[prev.lane[v] + 1]; ++cc)
                if (net.conn_to_link[cc] == l1) conn = cc;
            // The vehicle may have changed lanes in the same step before crossing.
            if (conn < 0)
                for (auto cc = 0; cc < net.connections(); ++cc)
                    if (net.conn_from_link[cc] == l0 && net.conn_to_link[cc] == l1 && net.conn_to_lane[cc] == snap.lane[v] ) conn = cc;
            ASSERT_GE(conn, 0) << "vehicle " << v << " jumped from link " << l0 << " to " << l1;
            ASSERT_NE(test::signal_state_at(net, conn, t), 'r') << "vehicle " << v << " crossed on red at t=" << t;
        }
        prev = snap;
    }
    EXPECT_GT(max_running, 300) << "the run should be congested";
    EXPECT_GT(crossings, 5000);
    const auto c = engine.traffic().counts();
    EXPECT_GT(c.arrived, 1000);
    RecordProperty("emergency_stops", static_cast<int>(c.emergency_stops));
    EXPECT_LT(c.emergency_stops, c.vehicle_steps / 10000 + 1) << "the model had to force stops";
}

}  // namespace
}  // namespace citytwin
