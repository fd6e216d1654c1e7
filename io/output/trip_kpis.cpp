#include "io/output/trip_kpis.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "io/output/h5_datasets.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

struct KnownKpi {
    std::string_view name, units, long_name;
};

constexpr KnownKpi kKnown[] = {
    {"trips_total", "1", "trips in the demand"},
    {"trips_inserted", "1", "trips inserted into the network"},
    {"trips_arrived", "1", "trips that reached their destination"},
    {"trips_running_at_end", "1", "trips still driving at the end"},
    {"trips_waiting_at_end", "1", "trips waiting for insertion at the end"},
    {"mean_trip_duration_s", "s", "mean duration (arrival - insertion) of arrived trips"},
    {"mean_time_loss_s", "s", "mean time loss of arrived trips"},
    {"mean_route_length_m", "m", "mean distance driven by arrived trips"},
    {"mean_depart_delay_s", "s", "mean insertion delay of inserted trips"},
    {"vehicle_km", "km", "total distance driven"},
    {"vehicle_hours", "h", "total time driven"},
    {"vehicle_updates_per_s", "s-1", "vehicle updates per second of wall time"},
    {"wall_time_s", "s", "wall-clock time of the run"},
    {"step_loop_time_s", "s", "wall-clock time of the simulation step loop"},
    {"steps", "1", "simulation steps"},
};

constexpr std::int8_t kWaiting = static_cast<std::int8_t>(sim::TripStatus::Waiting);
constexpr std::int8_t kRunning = static_cast<std::int8_t>(sim::TripStatus::Running);
constexpr std::int8_t kArrived = static_cast<std::int8_t>(sim::TripStatus::Arrived);

constexpr hsize_t kBlockRows = hsize_t{1} << 20;  // bounds memory for very large tables

}  // namespace

sim::Kpi describe_kpi(const std::string& name, double value) {
    for (const KnownKpi& k : kKnown)
        if (k.name == name) return {name, value, std::string(k.units), std::string(k.long_name)};
    return {name, value, "1", name};
}

std::vector<sim::Kpi> kpis_from_trips(hid_t file) {
    const std::string trips = layout::kTrips;
    if (!h5::path_exists(file, layout::kTripIds)) return {};
    h5::Handle ids = h5::open_dataset(file, layout::kTripIds);
    h5::Handle insert = h5::open_dataset(file, trips + "/insert");
    h5::Handle arrival = h5::open_dataset(file, trips + "/arrival");
    h5::Handle route_length = h5::open_dataset(file, trips + "/route_length");
    h5::Handle time_loss = h5::open_dataset(file, trips + "/time_loss");
    h5::Handle depart_delay = h5::open_dataset(file, trips + "/depart_delay");
    h5::Handle status = h5::open_dataset(file, trips + "/status");

    // The id column is appended last, so its length counts complete rows only.
    hsize_t rows = h5::length(ids);
    for (hid_t column : {insert.get(), arrival.get(), route_length.get(), time_loss.get(),
                         depart_delay.get(), status.get()})
        rows = std::min(rows, h5::length(column));

    std::size_t inserted = 0, arrived = 0, running = 0, waiting = 0;
    double delay_sum = 0, duration_sum = 0, loss_sum = 0, arrived_length_sum = 0, length_sum = 0;
    for (hsize_t first = 0; first < rows; first += kBlockRows) {
        const hsize_t n = std::min(kBlockRows, rows - first);
        const auto ins = h5::read_range<double>(insert, first, n);
        const auto arr = h5::read_range<double>(arrival, first, n);
        const auto len = h5::read_range<float>(route_length, first, n);
        const auto loss = h5::read_range<float>(time_loss, first, n);
        const auto delay = h5::read_range<float>(depart_delay, first, n);
        const auto st = h5::read_range<std::int8_t>(status, first, n);
        for (hsize_t i = 0; i < n; ++i) {
            length_sum += len[i];
            if (ins[i] >= 0.0) {
                ++inserted;
                delay_sum += delay[i];
            }
            if (st[i] == kWaiting) ++waiting;
            if (st[i] == kRunning) ++running;
            if (st[i] == kArrived) {
                ++arrived;
                duration_sum += arr[i] - ins[i];
                loss_sum += loss[i];
                arrived_length_sum += len[i];
            }
        }
    }

    std::vector<sim::Kpi> kpis;
    auto add = [&](const char* name, double value) { kpis.push_back(describe_kpi(name, value)); };
    add("trips_total", static_cast<double>(rows));
    add("trips_inserted", static_cast<double>(inserted));
    add("trips_arrived", static_cast<double>(arrived));
    add("trips_running_at_end", static_cast<double>(running));
    add("trips_waiting_at_end", static_cast<double>(waiting));
    if (arrived > 0) {
        add("mean_trip_duration_s", duration_sum / static_cast<double>(arrived));
        add("mean_time_loss_s", loss_sum / static_cast<double>(arrived));
        add("mean_route_length_m", arrived_length_sum / static_cast<double>(arrived));
    }
    if (inserted > 0) add("mean_depart_delay_s", delay_sum / static_cast<double>(inserted));
    add("vehicle_km", length_sum / 1000.0);
    return kpis;
}

}  // namespace citytwin::io
