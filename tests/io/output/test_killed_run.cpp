// A run killed with SIGKILL (no destructors, no finish) must leave a file that opens, holds
// every interval written before the kill, and summarises with KPIs computed from its trips.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include "io/output/run_reader.hpp"
#include "io/output/run_writer.hpp"
#include "tests/io/output/test_fixtures.hpp"
#include "tests/io/output/test_h5_read.hpp"

namespace citytwin::io {
namespace {

constexpr std::size_t kLinks = 4;
constexpr int kLinkFrames = 5;
constexpr int kTrips = 9;

const sim::Kpi* find_kpi(const RunSummary& s, const std::string& name) {
    for (const auto& k : s.kpis)
        if (k.name == name) return &k;
    return nullptr;
}

// Runs in the forked child: writes, waits until the writer has flushed, then dies at once.
[[noreturn]] void write_then_die(const std::string& path) {
    try {
        // Deliberately leaked: nothing may run its destructor.
        auto* writer = new RunWriter(path, test::sample_metadata(), test::sample_network(kLinks));
        for (int k = 0; k < kLinkFrames; ++k) {
            writer->write_links(test::sample_link_frame(k, kLinks));
            if (k % 2 == 0) writer->write_vehicles(test::sample_vehicle_frame(k, 4));
        }
        writer->write_trips(test::sample_trips(0, 6));
        writer->write_trips(test::sample_trips(6, 3));
        writer->drain();
    } catch (...) {
        _exit(3);
    }
    raise(SIGKILL);
    _exit(4);  // not reached
}

TEST(KilledRun, LeavesAReadableFileWithEveryCompletedInterval) {
    const std::string path = test::scratch_path("killed.h5");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) write_then_die(path);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exit code " << WEXITSTATUS(status);
    ASSERT_EQ(WTERMSIG(status), SIGKILL);

    // The file is marked open for SWMR writing: HDF5 opens it as a SWMR reader, with all frames.
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_EQ(test::shape_of(file, "/traffic/links/entered"),
              (std::vector<hsize_t>{kLinkFrames, kLinks}));
    EXPECT_EQ(test::read_doubles(file, "/traffic/time").back(), 60.0 * kLinkFrames);
    EXPECT_EQ(test::read_integers(file, "/traffic/vehicles/count").size(), 3u);
    EXPECT_LT(H5Lexists(file, "/kpi", H5P_DEFAULT), 1);
    H5Fclose(file);

    const RunSummary s = read_run_summary(path);
    EXPECT_FALSE(s.complete);
    EXPECT_EQ(s.link_frames, static_cast<std::size_t>(kLinkFrames));
    EXPECT_EQ(s.vehicle_frames, 3u);
    EXPECT_EQ(s.trips_rows, static_cast<std::size_t>(kTrips));
    EXPECT_EQ(s.last_time_s, 60.0 * kLinkFrames);

    // The same numbers computed by hand from the rows the child wrote.
    std::vector<sim::TripRow> rows = test::sample_trips(0, 6);
    for (const auto& r : test::sample_trips(6, 3)) rows.push_back(r);
    double arrived = 0, inserted = 0, running = 0, waiting = 0, unroutable = 0, duration = 0, loss = 0,
           arrived_length = 0, delay = 0, length = 0;
    for (const auto& r : rows) {
        length += r.route_length_m;
        if (r.insert_s >= 0) {
            ++inserted;
            delay += r.depart_delay_s;
        }
        running += r.status == sim::TripStatus::Running;
        waiting += r.status == sim::TripStatus::Waiting;
        unroutable += r.status == sim::TripStatus::Unroutable;
        if (r.status == sim::TripStatus::Arrived) {
            ++arrived;
            duration += r.arrival_s - r.insert_s;
            loss += r.time_loss_s;
            arrived_length += r.route_length_m;
        }
    }
    const std::pair<const char*, double> expected[] = {
        {"trips_total", kTrips},
        {"trips_inserted", inserted},
        {"trips_arrived", arrived},
        {"trips_running_at_end", running},
        {"trips_waiting_at_end", waiting},
        {"trips_unroutable", unroutable},
        {"trips_removed", 0.0},
        {"trips_cancelled", 0.0},
        {"mean_trip_duration_s", duration / arrived},
        {"mean_time_loss_s", loss / arrived},
        {"mean_route_length_m", arrived_length / arrived},
        {"mean_depart_delay_s", delay / inserted},
        {"vehicle_km", length / 1000.0},
    };
    ASSERT_EQ(s.kpis.size(), std::size(expected));
    for (const auto& [name, value] : expected) {
        const sim::Kpi* kpi = find_kpi(s, name);
        ASSERT_NE(kpi, nullptr) << name;
        EXPECT_DOUBLE_EQ(kpi->value, value) << name;
        EXPECT_FALSE(kpi->units.empty()) << name;
    }
    EXPECT_EQ(find_kpi(s, "mean_trip_duration_s")->units, "s");
    EXPECT_EQ(find_kpi(s, "vehicle_km")->units, "km");
    EXPECT_EQ(find_kpi(s, "wall_time_s"), nullptr) << "cannot be computed from trips";
}

TEST(KilledRun, H5dumpCanReadTheFile) {
    if (std::system("command -v h5dump > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "h5dump (hdf5-tools) is not installed";
    const std::string path = test::scratch_path("killed_h5dump.h5");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) write_then_die(path);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    // h5dump has no SWMR reader: `h5clear -s` clears the killed writer's mark first
    // (docs/output-format.md).
    const std::string command = "h5clear -s '" + path + "' && h5dump -d /traffic/links/entered '" + path + "' > /dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace citytwin::io
