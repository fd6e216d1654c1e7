// Bans, lane closures, lane reductions, cancelling closures, areas, priorities and new signal
// plans (docs/scenario-format.md §16), each checked step by step on the vehicles.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "io/scenario/scenario_loader.hpp"
#include "kernels/traffic/traffic_view.hpp"
#include "sim/core/engine.hpp"
#include "sim/traffic/link_interventions.hpp"

namespace citytwin::sim {
namespace {

// A 6 x 6 grid, 200 m blocks (x and y 0 .. 1000 m), two lanes, cars and evs.
const char* kGrid = R"(citytwin: 1
name: zones
seed: 9
start: 2026-06-01T07:00
duration: 24 min
network: {grid: {rows: 6, cols: 6, spacing: 200 m, lanes: 2, speed: 50 km/h, signals: true}}
zones: {generate: {blocks: 3x3, population: 20000, jobs: 10000}}
vehicle_types:
  car: {share: 0.6, emission_class: PC_D_EU4}
  ev: {share: 0.4, ev: true, battery: 60 kWh, consumption: 0.17 kWh/km}
demand: {generate: {trips: 2500, profile: flat}}
traffic: {reroute_every: 2 min}
outputs: {every: 60 s}
)";

// The four central blocks: links with their midpoint inside.
const char* kCentre = "{polygon: [[250, 250], [750, 250], [750, 750], [250, 750]]}";

Scenario grid(const std::string& interventions) {
    return io::load_scenario_text(kGrid, "zones.yaml", {"interventions=" + interventions});
}

class Recording final : public RunSink {
public:
    void links(LinkSeriesFrame&&) override {}
    void vehicles(VehicleFrame&&) override {}
    void trips(std::vector<TripRow>&& r) override { rows.insert(rows.end(), r.begin(), r.end()); }
    void intervention(const InterventionRow& r) override { ivs.push_back(r); }
    std::vector<TripRow> rows;
    std::vector<InterventionRow> ivs;
};

// Runs the scenario step by step, calling `each` with the step count and the vehicles after it.
void step_through(Engine& e, Recording& sink, const std::function<void(std::int64_t, const VehicleSnapshot&)>& each) {
    std::ostringstream quiet;
    ProgressReporter progress(quiet, ProgressReporter::Mode::Off);
    for (std::int64_t k = 0; k < e.total_steps(); ++k) {
        RunControl one;
        one.stop_step = e.steps_done() + 1;
        one.write_checkpoint = [] {};
        e.run(sink, progress, one);
        each(e.steps_done(), e.traffic().snapshot());   // the last step also ends the run: every trip is handed on
    }
}

std::int32_t link_of(const Engine& e, const std::string& id) { return e.setup().net.link_by_id.at(id); }

void check_ban(const std::string& action, bool replace) {
    const Scenario sc = grid("[{id: lez, at: 6 min, until: 18 min, ban: {area: " + std::string(kCentre) + ", " + action + "}}]");
    Engine e(sc, choose_device("cpu", 2));
    const RoadNetwork& net = e.setup().net;
    ASSERT_EQ(e.setup().bans.size(), 1u);
    const std::vector<std::uint8_t>& zone = e.setup().bans[0].zone;
    ASSERT_GT(std::count(zone.begin(), zone.end(), 1), 8);
    const std::int32_t car = 0;
    const std::int64_t at = 720, until = 2160;   // 0.5 s steps
    std::vector<std::int32_t> prev(e.setup().trips.size(), -1);
    int cars_in_before = 0, cars_entering_during = 0, cars_in_after_drive_off = 0, cars_entering_after = 0;
    Recording sink;
    step_through(e, sink, [&](std::int64_t step, const VehicleSnapshot& s) {
        for (std::size_t v = 0; v < s.status.size(); ++v) {
            const std::int32_t l = s.status[v] == kernels::kRunning ? net.lane_link[s.lane[v]] : -1;
            const bool in = l >= 0 && zone[l], entered = in && prev[v] != l && (prev[v] < 0 || !zone[prev[v]]);
            prev[v] = l;
            if (!in || s.type[v] != car) continue;
            if (step <= at) ++cars_in_before;
            if (entered && step > at && step <= until) ++cars_entering_during;
            if (step > at + 240 && step <= until) ++cars_in_after_drive_off;
            if (entered && step > until) ++cars_entering_after;
        }
    });
    EXPECT_GT(cars_in_before, 0) << "no car used the zone: the test proves nothing";
    EXPECT_EQ(cars_entering_during, 0) << "car entries into the zone while banned";
    EXPECT_EQ(cars_in_after_drive_off, 0) << "car-steps in the zone two minutes into the ban";
    EXPECT_GT(cars_entering_after, 0) << "cars came back after 'until'";
    ASSERT_EQ(sink.ivs.size(), 2u);
    const InterventionRow& row = sink.ivs[0];
    EXPECT_EQ(row.time_s, 360.0);
    EXPECT_GT(row.rerouted, 0);
    std::int64_t cancelled = 0;
    for (const TripRow& r : sink.rows) cancelled += r.status == TripStatus::Cancelled;
    if (replace) {
        EXPECT_GT(row.changed, 0) << "car trips to or from the zone become ev trips";
        EXPECT_EQ(row.cancelled, 0);
        EXPECT_EQ(cancelled, 0);
    } else {
        EXPECT_GT(row.cancelled, 0);
        EXPECT_EQ(row.changed, 0);
        EXPECT_EQ(cancelled, row.cancelled) << "every cancelled trip is in the trips table as cancelled";
        for (const TripRow& r : sink.rows) {
            if (r.status != TripStatus::Cancelled) continue;
            EXPECT_TRUE(zone[r.destination_link] || (zone[r.origin_link] && r.insert_s < 0)) << "trip " << r.id;
        }
    }
    const auto kpis = e.kpis();
    const auto k = std::find_if(kpis.begin(), kpis.end(), [](const Kpi& x) { return x.name == "trips_cancelled"; });
    ASSERT_NE(k, kpis.end());
    EXPECT_EQ(k->value, static_cast<double>(cancelled));
}

TEST(ZoneInterventions, ABannedTypeStaysOutOfTheZoneItsTripsThereSwitchType) { check_ban("types: [car], replace_with: ev", true); }

TEST(ZoneInterventions, ABanByEmissionClassCancelsTheTripsThatStartOrEndInside) { check_ban("classes: [PC_D_EU4]", false); }

// Vehicles on the closed lanes of `link` after the drive-off time; entries before.
void check_lane_closed(const std::string& interventions, const std::string& link_id, std::int32_t closed_lane_index) {
    Engine e(grid(interventions), choose_device("cpu", 2));
    const RoadNetwork& net = e.setup().net;
    const std::int32_t l = link_of(e, link_id), lane = net.link_first_lane[l] + closed_lane_index;
    int before = 0, after = 0, on_link_after = 0;
    Recording sink;
    step_through(e, sink, [&](std::int64_t step, const VehicleSnapshot& s) {
        for (std::size_t v = 0; v < s.status.size(); ++v) {
            if (s.status[v] != kernels::kRunning) continue;
            if (s.lane[v] == lane) (step <= 720 ? before : after) += step <= 720 || step > 720 + 240;
            if (net.lane_link[s.lane[v]] == l && step > 720 + 240) ++on_link_after;
        }
    });
    EXPECT_GT(before, 0) << "nobody used the lane: the test proves nothing";
    EXPECT_EQ(after, 0) << "vehicle-steps on the closed lane two minutes after the closure";
    EXPECT_GT(on_link_after, 0) << "the link's other lane still carries traffic";
}

TEST(ZoneInterventions, ALaneReductionEmptiesTheLanesItTakesAway) {
    check_lane_closed("[{id: diet, at: 6 min, lanes: {links: [n2_2-n2_3], lanes: 1}}]", "n2_2-n2_3", 1);
}

TEST(ZoneInterventions, AClosedLaneEmptiesWhileTheLinkStaysOpen) {
    check_lane_closed("[{id: works, at: 6 min, close: {lanes: [n2_2-n2_3_0]}}]", "n2_2-n2_3", 0);
}

TEST(ZoneInterventions, AClosureWithCancelCancelsTheTripsToAndFromIt) {
    const Scenario sc = grid("[{id: shut, at: 6 min, until: 18 min, close: {links: [n2_2-n2_3, n3_3-n3_2], on_closed_end: cancel}}]");
    Engine e(sc, choose_device("cpu", 2));
    const std::set<std::int32_t> closed = {link_of(e, "n2_2-n2_3"), link_of(e, "n3_3-n3_2")};
    Recording sink;
    step_through(e, sink, [](std::int64_t, const VehicleSnapshot&) {});
    std::int64_t cancelled = 0;
    for (const TripRow& r : sink.rows) {
        if (r.status != TripStatus::Cancelled) continue;
        ++cancelled;
        EXPECT_TRUE(closed.count(r.destination_link) || closed.count(r.origin_link)) << "trip " << r.id;
        EXPECT_LT(r.depart_s, 1080.0) << "a trip departing after the reopening is not cancelled";
        EXPECT_DOUBLE_EQ(r.arrival_s, 360.0);
    }
    ASSERT_FALSE(sink.ivs.empty());
    EXPECT_GT(sink.ivs[0].cancelled, 0);
    EXPECT_EQ(sink.ivs[0].cancelled, cancelled);
    // Waiting trips to or from the links without cancel still wait (and are never cancelled).
    Engine w(grid("[{id: shut, at: 6 min, until: 18 min, close: {links: [n2_2-n2_3, n3_3-n3_2]}}]"), choose_device("cpu", 2));
    Recording ws;
    step_through(w, ws, [](std::int64_t, const VehicleSnapshot&) {});
    for (const TripRow& r : ws.rows) EXPECT_NE(r.status, TripStatus::Cancelled);
}

TEST(ZoneInterventions, ASpeedLimitOverAnAreaLimitsEveryLinkInsideAndTheHigherPriorityWins) {
    const Scenario sc = grid("[{id: zone30, at: 6 min, until: 18 min, speed_limit: {area: " + std::string(kCentre) +
                             ", speed: 30 km/h}}, {id: calm, at: 10 min, until: 12 min, priority: 1, speed_limit: {links: "
                             "[n2_2-n2_3], speed: 10 km/h}}, {id: base, at: 8 min, until: 20 min, priority: -1, speed_limit: "
                             "{links: [n2_2-n2_3, n0_0-n0_1], speed: 40 km/h}}]");
    const TrafficSetup s = build_traffic_setup(sc);
    const RoadNetwork& net = s.net;
    const std::int32_t a = net.link_by_id.at("n2_2-n2_3"), out = net.link_by_id.at("n0_0-n0_1");
    const auto at = [&](double t) { return links_at(net, s.link_interventions, t).speed_mps; };
    EXPECT_DOUBLE_EQ(at(300)[a], 50 / 3.6);
    EXPECT_DOUBLE_EQ(at(420)[a], 30 / 3.6);
    EXPECT_DOUBLE_EQ(at(540)[a], 30 / 3.6) << "the area (priority 0) over the base limit (-1)";
    EXPECT_DOUBLE_EQ(at(540)[out], 40 / 3.6);
    EXPECT_DOUBLE_EQ(at(660)[a], 10 / 3.6) << "priority 1 over both";
    EXPECT_DOUBLE_EQ(at(1100)[a], 40 / 3.6) << "the area ended, the base limit remains";
    int inside = 0;
    for (std::int32_t l = 0; l < net.links(); ++l) {
        const double mx = 0.5 * (net.node_x[net.link_from[l]] + net.node_x[net.link_to[l]]);
        const double my = 0.5 * (net.node_y[net.link_from[l]] + net.node_y[net.link_to[l]]);
        const bool in = mx > 250 && mx < 750 && my > 250 && my < 750;
        inside += in;
        if (l == a) continue;
        EXPECT_DOUBLE_EQ(at(420)[l], in ? 30 / 3.6 : 50 / 3.6) << net.link_id[l];
    }
    EXPECT_GT(inside, 8);
}

TEST(ZoneInterventions, ADemandWindowOfItsOwnScalesOnlyItsDepartures) {
    const TrafficSetup base = build_traffic_setup(io::load_scenario_text(kGrid, "zones.yaml"));
    const TrafficSetup more = build_traffic_setup(grid("[{id: more, at: 1 min, demand: {scale: 1.5, from: 10 min, to: 16 min}}]"));
    auto departing = [](const TripTable& t, double from, double to) {
        return std::count_if(t.depart.begin(), t.depart.end(), [&](double d) { return d >= from && d < to; });
    };
    EXPECT_NEAR(static_cast<double>(departing(more.trips, 600, 960)), 1.5 * static_cast<double>(departing(base.trips, 600, 960)), 1.0);
    EXPECT_EQ(departing(more.trips, 0, 600), departing(base.trips, 0, 600));
    EXPECT_EQ(departing(more.trips, 960, 1e9), departing(base.trips, 960, 1e9));
}

TEST(ZoneInterventions, ANewSignalPlanTakesOverAtTheCycleEndAndHandsBack) {
    const Scenario sc = grid("[{id: plan, at: 5 min, until: 15 min, signal: {node: n2_2, phases: ["
                             "{duration: 40 s, green: [n1_2-n2_2>n2_2-n3_2, n3_2-n2_2>n2_2-n1_2]},"
                             "{duration: 20 s, green: [n2_1-n2_2>n2_2-n2_3, n2_3-n2_2>n2_2-n2_1]}]}}]");
    const TrafficSetup s = build_traffic_setup(sc);
    ASSERT_EQ(s.signal_interventions.size(), 1u);
    const SignalIntervention& si = s.signal_interventions[0];
    const std::int32_t p = si.plan;
    const double offset = s.net.plan_offset[p], cycle = s.net.plan_cycle[p];
    // The switch: the first start of the running plan's cycle at or after 5 min.
    const double expect_at = offset + std::ceil((300.0 - offset) / cycle - 1e-9) * cycle;
    EXPECT_DOUBLE_EQ(si.at_s, expect_at);
    EXPECT_GE(si.at_s, 300.0);
    EXPECT_LT(si.at_s, 300.0 + cycle);
    EXPECT_DOUBLE_EQ(std::fmod(si.until_s - si.at_s, 60.0), 0.0) << "back at the end of a 60 s cycle of the new plan";
    EXPECT_GE(si.until_s, 900.0);
    const SignalTiming before = signals_at(s.net, s.signal_phases, s.signal_interventions, si.at_s - 1);
    const SignalTiming during = signals_at(s.net, s.signal_phases, s.signal_interventions, si.at_s + 1);
    const SignalTiming after = signals_at(s.net, s.signal_phases, s.signal_interventions, si.until_s + 1);
    EXPECT_EQ(before.phase_begin[p], s.net.plan_phase_begin[p]);
    EXPECT_EQ(during.phase_begin[p], si.phase_begin);
    EXPECT_EQ(during.phase_end[p] - during.phase_begin[p], 2);
    EXPECT_DOUBLE_EQ(during.cycle[p], 60.0);
    EXPECT_DOUBLE_EQ(during.offset[p], si.at_s) << "the new plan starts its first phase at the switch";
    EXPECT_EQ(after.phase_begin[p], s.net.plan_phase_begin[p]);
    // The greens are the movements listed: one state per connection of the plan.
    for (std::int32_t c = 0; c < s.net.connections(); ++c) {
        if (s.net.conn_plan[c] != p) continue;
        const std::string from = s.net.link_id[s.net.conn_from_link[c]], to = s.net.link_id[s.net.conn_to_link[c]];
        const bool ns = (from == "n1_2-n2_2" && to == "n2_2-n3_2") || (from == "n3_2-n2_2" && to == "n2_2-n1_2");
        const std::uint8_t st = s.signal_phases.state[s.signal_phases.state_begin[si.phase_begin] + s.net.conn_plan_slot[c]];
        EXPECT_EQ(st, ns ? kGreenMajor : kRed) << from << ">" << to;
    }
    // In a run, the /interventions row is at the switch, not at 5 min.
    Engine e(sc, choose_device("cpu", 2));
    Recording sink;
    step_through(e, sink, [](std::int64_t, const VehicleSnapshot&) {});
    ASSERT_EQ(sink.ivs.size(), 2u);
    EXPECT_DOUBLE_EQ(sink.ivs[0].time_s, std::ceil(si.at_s / 0.5) * 0.5);
}

}  // namespace
}  // namespace citytwin::sim
