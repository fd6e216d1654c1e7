// Interventions (docs/scenario-format.md §16): closures take effect at once and are lifted at
// `until`; demand and fleet change only the departures in their window; managed charging
// moves the charging and keeps the energy.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>

#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"

namespace citytwin::sim {
namespace {

const char* kGrid = R"(citytwin: 1
name: iv
seed: 3
start: 2026-06-01T07:00
duration: 30 min
network: {grid: {rows: 6, cols: 6, spacing: 200 m, lanes: 1, speed: 50 km/h, signals: true}}
zones: {generate: {blocks: 3x3, population: 20000, jobs: 10000}}
vehicle_types:
  car: {share: 0.7}
  ev: {share: 0.3, ev: true, battery: 60 kWh, consumption: 0.17 kWh/km, charger: 7.2 kW}
demand: {generate: {trips: 3000, profile: flat}}
traffic: {reroute_every: 2 min}
outputs: {every: 60 s}
)";

Scenario grid(const std::vector<std::string>& overrides = {}) { return io::load_scenario_text(kGrid, "iv.yaml", overrides); }

class Recording final : public RunSink {
public:
    void links(LinkSeriesFrame&&) override {}
    void vehicles(VehicleFrame&&) override {}
    void trips(std::vector<TripRow>&&) override {}
    void intervention(const InterventionRow& r) override { rows.push_back(r); }
    std::vector<InterventionRow> rows;
};

std::int32_t link_index(const Engine& e, const std::string& id) {
    const RoadNetwork& n = e.setup().net;
    for (std::int32_t l = 0; l < n.links(); ++l)
        if (n.link_id[l] == id) return l;
    ADD_FAILURE() << "no link " << id;
    return -1;
}

TEST(Interventions, AClosureStopsEveryEntryFromItsStepTurnsVehiclesAwayAndUntilReopensIt) {
    const Scenario sc = grid({"interventions=[{id: shut, at: 10 min, until: 20 min, close: {links: [n2_2-n2_3, n3_2-n3_3]}}]"});
    Engine e(sc, choose_device("cpu", 2));
    const std::int32_t a = link_index(e, "n2_2-n2_3"), b = link_index(e, "n3_2-n3_3");
    const auto& lane_link = e.setup().net.lane_link;
    std::map<std::int32_t, std::int32_t> prev;   // vehicle -> link after the previous step
    int on_after_drive_off = 0, entered_after_reopening = 0, entered_before = 0;
    Recording sink;
    std::ostringstream quiet;
    ProgressReporter progress(quiet, ProgressReporter::Mode::Off);
    // Step by step through the schedule, the sink recording the interventions.
    const std::int64_t at = 1200, until = 2400, steps = e.total_steps();
    for (std::int64_t k = 0; k < steps; ++k) {
        RunControl one;
        one.stop_step = e.steps_done() + 1;
        one.write_checkpoint = [] {};
        e.run(sink, progress, one);
        const VehicleSnapshot s = e.traffic().snapshot();
        std::map<std::int32_t, std::int32_t> now;
        for (std::size_t v = 0; v < s.status.size(); ++v) {
            if (s.status[v] != 2) continue;
            const std::int32_t l = lane_link[s.lane[v]];
            now[static_cast<std::int32_t>(v)] = l;
            if (l != a && l != b) continue;
            const auto was = prev.find(static_cast<std::int32_t>(v));
            const bool entered = was == prev.end() || was->second != l;
            const std::int64_t step = e.steps_done();
            // Vehicles going to the link itself keep their access; nobody else goes through.
            const bool access = e.setup().trips.dest[v] == l;
            if (entered && !access && step > at && step <= until)
                ADD_FAILURE() << "vehicle " << v << " entered a closed link at step " << step;
            if (entered && step <= at) ++entered_before;
            if (entered && step > until) ++entered_after_reopening;
            if (!access && step > at + 240 && step <= until) ++on_after_drive_off;   // two minutes to drive off
        }
        prev = std::move(now);
    }
    EXPECT_GT(entered_before, 0) << "the links carried no traffic: the test proves nothing";
    EXPECT_EQ(on_after_drive_off, 0) << "vehicle-steps on the closed links after two minutes";
    EXPECT_GT(entered_after_reopening, 0) << "nobody used the links after 'until'";
    ASSERT_EQ(sink.rows.size(), 2u);
    EXPECT_EQ(sink.rows[0].time_s, 600.0);
    EXPECT_EQ(sink.rows[0].applied, 1);
    EXPECT_EQ(sink.rows[0].links, 2);
    EXPECT_GT(sink.rows[0].rerouted, 0) << "vehicles heading into the links turn away at once";
    EXPECT_EQ(sink.rows[1].time_s, 1200.0);
    EXPECT_EQ(sink.rows[1].applied, 0);
}

std::int64_t departing(const TripTable& t, double from, double to) {
    std::int64_t n = 0;
    for (double d : t.depart) n += d >= from && d < to;
    return n;
}

TEST(Interventions, DemandScaleGivesTheScaledDeparturesInItsWindowOnly) {
    for (const char* scale : {"1.2", "0.55", "2"}) {
        const TrafficSetup base = build_traffic_setup(grid());
        const TrafficSetup scaled =
            build_traffic_setup(grid({std::string("interventions=[{id: more, at: 10 min, until: 20 min, demand: {scale: ") + scale + "}}]"}));
        const std::int64_t n = departing(base.trips, 600, 1200), m = departing(scaled.trips, 600, 1200);
        EXPECT_NEAR(static_cast<double>(m), std::stod(scale) * static_cast<double>(n), 1.0) << scale;
        EXPECT_EQ(departing(base.trips, 0, 600), departing(scaled.trips, 0, 600)) << scale;
        EXPECT_EQ(departing(base.trips, 1200, 1e9), departing(scaled.trips, 1200, 1e9)) << scale;
    }
}

TEST(Interventions, FleetShareChangesOnlyLaterDepartures) {
    const TrafficSetup base = build_traffic_setup(grid());
    const TrafficSetup more = build_traffic_setup(grid({"interventions=[{id: ev60, at: 15 min, fleet: {type: ev, share: 0.6}}]"}));
    ASSERT_EQ(base.trips.size(), more.trips.size());
    std::int64_t later = 0, ev = 0;
    for (std::int32_t i = 0; i < base.trips.size(); ++i) {
        if (base.trips.depart[i] < 900) {
            EXPECT_EQ(base.trips.type[i], more.trips.type[i]) << "trip " << i << " departs before the intervention";
        } else {
            ++later;
            ev += more.trips.type[i] == 1;
        }
    }
    ASSERT_GT(later, 500);
    const double p = static_cast<double>(ev) / static_cast<double>(later);
    EXPECT_NEAR(p, 0.6, 4.0 * std::sqrt(0.24 / static_cast<double>(later)));
}

double kpi(const std::vector<Kpi>& k, const std::string& name) {
    for (const Kpi& x : k)
        if (x.name == name) return x.value;
    ADD_FAILURE() << "no KPI " << name;
    return NAN;
}

class Quiet final : public RunSink {
public:
    void links(LinkSeriesFrame&&) override {}
    void vehicles(VehicleFrame&&) override {}
    void trips(std::vector<TripRow>&&) override {}
};

TEST(Interventions, ManagedChargingMovesThePeakPast22AndKeepsTheEnergy) {
    auto run = [](const std::vector<std::string>& overrides) {
        const Scenario sc = io::load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/power-evening.yaml", overrides);
        Engine e(sc, choose_device("cpu", 2));
        Quiet sink;
        std::ostringstream quiet;
        ProgressReporter progress(quiet, ProgressReporter::Mode::Off);
        return e.run(sink, progress);
    };
    const std::vector<std::string> longer = {"duration=6.5 h", "demand.generate.trips=3000"};
    std::vector<std::string> managed = longer;
    managed.push_back("interventions=[{id: night, at: 0 s, charging: {start_after: \"22:00\", max_power: 3.7 kW}}]");
    const std::vector<Kpi> a = run(longer), b = run(managed);
    EXPECT_LT(kpi(a, "ev_charging_peak_local_hour"), 22.0);
    EXPECT_GE(kpi(b, "ev_charging_peak_local_hour"), 22.0);
    EXPECT_EQ(kpi(a, "ev_energy_drawn_kwh"), kpi(b, "ev_energy_drawn_kwh"));
    for (const auto* k : {&a, &b})
        EXPECT_NEAR(kpi(*k, "ev_energy_delivered_kwh") + kpi(*k, "ev_energy_unserved_kwh"), kpi(*k, "ev_energy_drawn_kwh"),
                    1e-9 * kpi(*k, "ev_energy_drawn_kwh"));
    // (Every car held to 22:00 starts then: the managed peak is higher than the unmanaged
    // one, the timer peak of simple off-peak charging.)
}

TEST(Interventions, WeatherAndStackInterventionsAreFunctionsOfTime) {
    WeatherSpec w;
    w.samples[0].state.temperature_c = 20.0;
    WeatherOverride o;
    o.from_s = 100.0;
    o.until_s = 200.0;
    o.temperature_c = 35.0;
    w.overrides.push_back(o);
    EXPECT_EQ(weather_at(w, 99.0).temperature_c, 20.0);
    EXPECT_EQ(weather_at(w, 100.0).temperature_c, 35.0);
    EXPECT_EQ(weather_at(w, 199.0).temperature_c, 35.0);
    EXPECT_EQ(weather_at(w, 200.0).temperature_c, 20.0);
    EXPECT_EQ(weather_at(w, 150.0).wind_speed_mps, weather_at(w, 50.0).wind_speed_mps) << "other fields untouched";
}

}  // namespace
}  // namespace citytwin::sim
