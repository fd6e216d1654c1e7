#pragma once
// Sums over trip rows and the trip KPIs they give: one definition of trip counts, mean
// duration, time loss, route length, depart delay, vehicle-km and vehicle-hours, used by the
// engine at the end of a run and by the reader of an unfinished run's trips table.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/run_records.hpp"
#include "sim/core/state_archive.hpp"

namespace citytwin::sim {

struct TripTotals {
    std::int64_t rows = 0, inserted = 0, arrived = 0, running = 0, waiting = 0, unroutable = 0, removed = 0, cancelled = 0;
    double duration = 0, time_loss = 0, route_length = 0, depart_delay = 0, metres = 0, seconds = 0;

    // t_end closes the time on the network of trips still running.
    void add(const TripRow& r, double t_end);
    void add(const std::vector<TripRow>& rows_in, double t_end) {
        for (const TripRow& r : rows_in) add(r, t_end);
    }

    // trips_* counts, the means (NaN when no trip contributes), vehicle_km and vehicle_hours.
    std::vector<Kpi> kpis() const;

    // The sums as two arrays under `prefix` (checkpoints).
    void save(StateWriter& w, const std::string& prefix) const {
        w.put(prefix + "counts", std::vector<std::int64_t>{rows, inserted, arrived, running, waiting, unroutable, removed, cancelled});
        w.put(prefix + "sums", std::vector<double>{duration, time_loss, route_length, depart_delay, metres, seconds});
    }
    void restore(const StateReader& r, const std::string& prefix) {
        const auto c = r.get<std::int64_t>(prefix + "counts", 8);
        const auto s = r.get<double>(prefix + "sums", 6);
        rows = c[0], inserted = c[1], arrived = c[2], running = c[3], waiting = c[4], unroutable = c[5], removed = c[6];
        cancelled = c[7];
        duration = s[0], time_loss = s[1], route_length = s[2], depart_delay = s[3], metres = s[4], seconds = s[5];
    }
};

inline void TripTotals::add(const TripRow& r, double t_end) {
    ++rows;
    metres += r.route_length_m;
    if (r.insert_s >= 0) {
        ++inserted;
        depart_delay += r.depart_delay_s;
        seconds += (r.arrival_s >= 0 ? r.arrival_s : t_end) - r.insert_s;
    }
    switch (r.status) {
        case TripStatus::Arrived:
            ++arrived;
            duration += r.arrival_s - r.insert_s;
            time_loss += r.time_loss_s;
            route_length += r.route_length_m;
            break;
        case TripStatus::Running: ++running; break;
        case TripStatus::Waiting: ++waiting; break;
        case TripStatus::Unroutable: ++unroutable; break;
        case TripStatus::Removed: ++removed; break;
        case TripStatus::Cancelled: ++cancelled; break;
        case TripStatus::Pending: break;
    }
}

inline std::vector<Kpi> TripTotals::kpis() const {
    auto mean = [](double sum, std::int64_t n) { return n > 0 ? sum / static_cast<double>(n) : NAN; };
    auto count = [](std::int64_t n) { return static_cast<double>(n); };
    return {
        {"trips_total", count(rows), "1", "trips in the demand"},
        {"trips_inserted", count(inserted), "1", "trips that entered the network"},
        {"trips_arrived", count(arrived), "1", "trips that reached their destination"},
        {"trips_running_at_end", count(running), "1", "vehicles on the network at the end"},
        {"trips_waiting_at_end", count(waiting), "1", "trips due but not yet inserted at the end"},
        {"trips_unroutable", count(unroutable), "1", "trips with no path from origin to destination"},
        {"trips_removed", count(removed), "1", "vehicles taken off the network where no path led on to their destination"},
        {"trips_cancelled", count(cancelled), "1", "trips an intervention cancelled (a ban without replacement, a closure with on_closed_end: cancel)"},
        {"mean_trip_duration_s", mean(duration, arrived), "s", "mean duration of arrived trips (arrival - insertion)"},
        {"mean_time_loss_s", mean(time_loss, arrived), "s", "mean time lost below desired speed, arrived trips"},
        {"mean_route_length_m", mean(route_length, arrived), "m", "mean distance driven, arrived trips"},
        {"mean_depart_delay_s", mean(depart_delay, inserted), "s", "mean wait for insertion, inserted trips"},
        {"vehicle_km", metres / 1000.0, "km", "distance driven by all vehicles"},
        {"vehicle_hours", seconds / 3600.0, "h", "time spent on the network by all vehicles"},
    };
}

}  // namespace citytwin::sim
