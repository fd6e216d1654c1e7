// The power model inside a run: EV charging from the traffic model's arrivals, energy
// bookkeeping, power balance per step, determinism, and the evening charging peak.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <optional>
#include <sstream>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_compare.hpp"
#include "io/output/run_reader.hpp"
#include "io/output/run_writer.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"
#include "tests/sim/power/power_test_data.hpp"
#include "tests/sim/traffic/run_to_file.hpp"

namespace citytwin {
namespace {

// Keeps the power records in memory and, given a writer, writes the run file as well.
class CaptureSink final : public sim::RunSink {
public:
    void links(sim::LinkSeriesFrame&& f) override {
        if (writer) writer->write_links(std::move(f));
    }
    void vehicles(sim::VehicleFrame&&) override {}
    void trips(std::vector<sim::TripRow>&& r) override {
        trips_.insert(trips_.end(), r.begin(), r.end());
        if (writer) writer->write_trips(std::move(r));
    }
    void power_grid(const sim::PowerGrid& g) override {
        grid = g;
        if (writer) writer->write_power_grid(g);
    }
    void power(sim::PowerFrame&& f) override {
        if (writer) writer->write_power(f);
        frames.push_back(std::move(f));
    }
    io::RunWriter* writer = nullptr;
    sim::PowerGrid grid;
    std::vector<sim::PowerFrame> frames;
    std::vector<sim::TripRow> trips_;
};

struct EveningRun {
    CaptureSink sink;
    std::vector<sim::Kpi> kpis;
    double kpi(const std::string& name) const {
        for (const auto& k : kpis)
            if (k.name == name) return k.value;
        return NAN;
    }
};

std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "power";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

std::unique_ptr<EveningRun> run_evening(int threads, const std::string& file = "") {
    const sim::Scenario sc = io::load_scenario(test::power_data("evening.yaml"));
    sim::Engine engine(sc, sim::choose_device("cpu", threads));
    auto r = std::make_unique<EveningRun>();
    std::optional<io::RunWriter> writer;
    if (!file.empty()) writer.emplace(file, engine.metadata(), engine.geometry());
    r->sink.writer = writer ? &*writer : nullptr;
    std::ostringstream quiet;
    sim::ProgressReporter progress(quiet, sim::ProgressReporter::Mode::Off);
    r->kpis = engine.run(r->sink, progress);
    if (writer) writer->finish(r->kpis);
    r->sink.writer = nullptr;
    return r;
}

// CTest runs each test in its own process, several at once: one file per process, removed
// when the process ends.
const std::string& evening_file() {
    struct Scratch {
        std::string path = scratch("evening-" + std::to_string(getpid()) + ".h5");
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove(path, ec);
        }
    };
    static const Scratch f;
    return f.path;
}

const EveningRun& evening() {
    static const std::unique_ptr<EveningRun> r = run_evening(2, evening_file());
    return *r;
}

// A (time, bus) dataset of the run file, row-major.
std::vector<double> read_2d(const std::string& file, const std::string& path, std::vector<hsize_t>& shape) {
    io::h5::LibraryLock lock;
    const io::h5::Handle f = io::h5::open_file_read_only(file);
    const io::h5::Handle d = io::h5::open_dataset(f, path);
    shape = io::h5::extent(d);
    std::vector<double> v(shape.empty() ? 0 : shape[0] * (shape.size() > 1 ? shape[1] : 1));
    io::h5::check_status(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "reading " + path);
    return v;
}

TEST(PowerRun, EvEnergyDeliveredPlusUnservedEqualsWhatTheTripsDrew) {
    const EveningRun& r = evening();
    // What the arrived electric trips drew, recomputed from the trip rows.
    double drawn = 0.0;
    std::int64_t sessions = 0;
    for (const sim::TripRow& t : r.sink.trips_)
        if (t.status == sim::TripStatus::Arrived && t.type == 1) {
            drawn += std::min(t.route_length_m * 1e-3 * 0.2, 50.0);
            ++sessions;
        }
    ASSERT_GT(sessions, 100);
    EXPECT_EQ(r.kpi("ev_charging_sessions"), static_cast<double>(sessions));
    EXPECT_NEAR(r.kpi("ev_energy_drawn_kwh"), drawn, 1e-9 * drawn);
    EXPECT_NEAR(r.kpi("ev_energy_delivered_kwh") + r.kpi("ev_energy_unserved_kwh"), drawn, 1e-9 * drawn);
    // The delivered energy is what the EV loads in the frames integrate to.
    double integrated = 0.0;
    for (const auto& f : r.sink.frames)
        integrated += std::accumulate(f.p_ev_kw.begin(), f.p_ev_kw.end(), 0.0) * f.interval_s / 3600.0;
    EXPECT_NEAR(integrated, r.kpi("ev_energy_delivered_kwh"), 1e-9 * integrated);
}

TEST(PowerRun, HeadPowerEqualsLoadsPlusLossesAtEveryStep) {
    const EveningRun& r = evening();
    const sim::PowerGrid& g = r.sink.grid;
    ASSERT_EQ(g.feeder_ids.size(), 4u);
    ASSERT_EQ(r.sink.frames.size(), 84u);  // 7 h in 5-minute steps
    for (const auto& f : r.sink.frames) {
        for (std::size_t k = 0; k < g.feeder_ids.size(); ++k) {
            ASSERT_EQ(f.converged[k], 1);
            double load = 0.0, loss = 0.0;
            for (std::int32_t b = g.feeder_bus_begin[k]; b < g.feeder_bus_begin[k + 1]; ++b) load += f.p_kw[b];
            for (std::size_t br = 0; br < g.branch_to_bus.size(); ++br)
                if (g.bus_feeder[g.branch_to_bus[br]] == static_cast<std::int32_t>(k)) loss += f.loss_kw[br];
            EXPECT_NEAR(f.head_p_kw[k], load + loss, 1e-9 * std::abs(f.head_p_kw[k])) << f.time_s;
        }
        // Net load is made of its parts.
        for (std::size_t b = 0; b < f.p_kw.size(); ++b)
            EXPECT_NEAR(f.p_kw[b], f.p_base_kw[b] + f.p_temperature_kw[b] + f.p_ev_kw[b] - f.p_pv_kw[b], 1e-9);
    }
}

TEST(PowerRun, EveningChargingPeaksAtResidentialBuses) {
    const EveningRun& r = evening();
    const sim::PowerGrid& g = r.sink.grid;
    // Residential buses: more residents than jobs (the outer zones of the generated town).
    std::vector<bool> residential(g.bus_ids.size());
    for (std::size_t b = 0; b < residential.size(); ++b) residential[b] = g.bus_residents[b] > g.bus_jobs[b];
    // EV charging energy per local hour (13..19), at residential and at other buses.
    std::vector<double> res(24, 0.0), other(24, 0.0);
    for (const auto& f : r.sink.frames) {
        const int hour = static_cast<int>(13.0 + (f.time_s - 0.5 * f.interval_s) / 3600.0);
        for (std::size_t b = 0; b < residential.size(); ++b)
            (residential[b] ? res : other)[hour] += f.p_ev_kw[b] * f.interval_s / 3600.0;
    }
    for (int h = 13; h < 20; ++h) std::printf("  %02d h: residential %6.1f kWh, other %6.1f kWh\n", h, res[h], other[h]);
    // Commuters drive home in the evening rush: the residential buses' busiest charging hour
    // is in 16..18 h, and 17-19 h beats 13-15 h by more than the trip rates alone (NHTS weekday
    // profile: 8123 vs 6353 trips, x1.28), since three in four evening trips head home against
    // one in two at midday; most evening charging is residential.
    const int peak = static_cast<int>(std::max_element(res.begin(), res.end()) - res.begin());
    EXPECT_GE(peak, 16);
    EXPECT_LE(peak, 18);
    EXPECT_GT(res[17] + res[18], 1.28 * (res[13] + res[14]));
    EXPECT_GT(res[17] + res[18], 2.0 * (other[17] + other[18]));
    // Clear-sky PV fades towards sunset (about 21:10 local time in Munich in mid-July).
    EXPECT_GT(r.sink.frames.front().irradiance_wm2, 750.0);
    EXPECT_LT(r.sink.frames.back().irradiance_wm2, 200.0);
    for (std::size_t i = 18; i < r.sink.frames.size(); ++i)  // from 14:30 on
        EXPECT_LT(r.sink.frames[i].irradiance_wm2, r.sink.frames[i - 1].irradiance_wm2);
}

// The run file holds what the model computed, and `citytwin info` reports the evening peak.
TEST(PowerRun, EveningPeakIsInTheRunFileAndInInfo) {
    const EveningRun& r = evening();
    std::vector<hsize_t> shape, bus_shape;
    const std::vector<double> p_ev = read_2d(evening_file(), "/power/buses/p_ev", shape);
    const std::vector<double> residents = read_2d(evening_file(), "/grid/buses/residents", bus_shape);
    const std::vector<double> jobs = read_2d(evening_file(), "/grid/buses/jobs", bus_shape);
    ASSERT_EQ(shape.size(), 2u);
    ASSERT_EQ(shape[0], r.sink.frames.size());
    ASSERT_EQ(shape[1], residents.size());
    const std::size_t nb = shape[1];
    std::vector<double> res_by_hour(24, 0.0);
    for (std::size_t k = 0; k < shape[0]; ++k) {
        const auto& f = r.sink.frames[k];
        const int hour = static_cast<int>(13.0 + (f.time_s - 0.5 * f.interval_s) / 3600.0);
        for (std::size_t b = 0; b < nb; ++b) {
            ASSERT_EQ(p_ev[k * nb + b], f.p_ev_kw[b]);
            if (residents[b] > jobs[b]) res_by_hour[hour] += p_ev[k * nb + b];
        }
    }
    const int peak = static_cast<int>(std::max_element(res_by_hour.begin(), res_by_hour.end()) - res_by_hour.begin());
    EXPECT_GE(peak, 16);
    EXPECT_LE(peak, 18);
    // info --json: the grid and EV KPIs, the EV peak in the evening.
    const io::RunSummary summary = io::read_run_summary(evening_file());
    EXPECT_EQ(summary.power_steps, r.sink.frames.size());
    const std::string json = io::format_info_json(summary);
    const auto at = json.find("\"ev_charging_peak_local_hour\":");
    ASSERT_NE(at, std::string::npos) << json;
    const double hour = std::stod(json.substr(at + std::string("\"ev_charging_peak_local_hour\":").size()));
    EXPECT_GE(hour, 16.0) << json;
    EXPECT_LT(hour, 19.0) << json;
    EXPECT_NE(io::format_info_text(summary).find("4 feeders, 20 buses, 84 power steps written"), std::string::npos);
}

TEST(PowerRun, SameResultWithOneOrTwoThreads) {
    const EveningRun& two = evening();
    const auto one = run_evening(1);
    ASSERT_EQ(one->sink.frames.size(), two.sink.frames.size());
    for (std::size_t i = 0; i < one->sink.frames.size(); ++i) {
        EXPECT_EQ(one->sink.frames[i].v_pu, two.sink.frames[i].v_pu);
        EXPECT_EQ(one->sink.frames[i].p_ev_kw, two.sink.frames[i].p_ev_kw);
        EXPECT_EQ(one->sink.frames[i].head_p_kw, two.sink.frames[i].head_p_kw);
    }
}

// The files, /grid and /power included, are bitwise identical with one or two threads.
TEST(PowerRun, RunFilesAreIdenticalWithOneOrTwoThreads) {
    sim::Scenario sc = io::load_scenario(test::power_data("evening.yaml"));
    sc.duration_s = 3600.0;
    const std::string a = scratch("t1.h5"), b = scratch("t2.h5");
    test::run_to_file(sc, "cpu", 1, a);
    test::run_to_file(sc, "cpu", 2, b);
    std::vector<std::string> diffs;
    EXPECT_TRUE(io::datasets_identical(a, b, &diffs)) << (diffs.empty() ? "" : diffs.front());
    // ... and a different seed gives a different grid loading (other trips, other charging).
    sc.seed = 99;
    const std::string c = scratch("t3.h5");
    test::run_to_file(sc, "cpu", 2, c);
    diffs.clear();
    EXPECT_FALSE(io::datasets_identical(a, c, &diffs));
    bool power_differs = false;
    for (const std::string& d : diffs) power_differs = power_differs || d.rfind("/power/buses/p_ev", 0) == 0;
    EXPECT_TRUE(power_differs);
}

}  // namespace
}  // namespace citytwin
