#include "io/output/trip_kpis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "io/output/h5_datasets.hpp"
#include "io/output/run_layout.hpp"
#include "sim/core/trip_totals.hpp"

namespace citytwin::io {
namespace {

constexpr hsize_t kBlockRows = hsize_t{1} << 20;  // bounds memory for very large tables

}  // namespace

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

    // The same sums and definitions as the engine's; vehicle_hours needs the run's end, which an
    // unfinished file does not have, and means with no contributing trip are left out.
    sim::TripTotals totals;
    for (hsize_t first = 0; first < rows; first += kBlockRows) {
        const hsize_t n = std::min(kBlockRows, rows - first);
        const auto ins = h5::read_range<double>(insert, first, n);
        const auto arr = h5::read_range<double>(arrival, first, n);
        const auto len = h5::read_range<float>(route_length, first, n);
        const auto loss = h5::read_range<float>(time_loss, first, n);
        const auto delay = h5::read_range<float>(depart_delay, first, n);
        const auto st = h5::read_range<std::int8_t>(status, first, n);
        for (hsize_t i = 0; i < n; ++i) {
            sim::TripRow r;
            r.insert_s = ins[i];
            r.arrival_s = arr[i];
            r.route_length_m = len[i];
            r.time_loss_s = loss[i];
            r.depart_delay_s = delay[i];
            r.status = static_cast<sim::TripStatus>(st[i]);
            totals.add(r, 0.0);
        }
    }
    std::vector<sim::Kpi> kpis;
    for (sim::Kpi& k : totals.kpis())
        if (k.name != "vehicle_hours" && !std::isnan(k.value)) kpis.push_back(std::move(k));
    return kpis;
}

}  // namespace citytwin::io
