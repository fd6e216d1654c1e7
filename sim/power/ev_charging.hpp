#pragma once
// Charging sessions of electric vehicles that parked at their destination: each starts at the
// arrival time at the bus supplying the destination link's zone and draws its charger power
// until the energy its trip used is back in the battery (docs/models.md, "Power: EV charging").
// Host code, sessions in the order the trips arrived: sums are in a fixed order, so results do
// not depend on threads or backend.
#include <cstdint>
#include <vector>

#include "sim/core/run_records.hpp"
#include "sim/core/state_archive.hpp"

namespace citytwin::sim {

struct EvTypeParams {
    bool ev = false;
    double battery_kwh = 0.0;
    double kwh_per_km = 0.0;
    double charger_kw = 0.0;
};

// Managed charging (a `charging` intervention): sessions that start in [from_s, until_s) draw at
// most max_kw and wait for the next start_after local time when it is less than 12 h away.
struct ChargingPolicy {
    double from_s = 0.0, until_s = -1.0;
    double max_kw = -1.0;                  // < 0: the charger's power
    double start_after_s_of_day = -1.0;    // < 0: at once
};

class EvCharging {
public:
    EvCharging(std::vector<EvTypeParams> types, std::vector<std::int32_t> link_bus, std::int32_t buses);
    // The managed-charging windows; `start_seconds_of_day` places the run's clock in the day.
    void set_policies(std::vector<ChargingPolicy> policies, double start_seconds_of_day);

    // Arrived trips of electric types start sessions; other rows are ignored.
    void add_arrivals(const std::vector<TripRow>& rows);
    // Advances every session over [t0, t1) (seconds since start) and returns the mean charging
    // power per bus over the interval, kW.
    const std::vector<double>& charge(double t0, double t1);

    double drawn_kwh() const { return drawn_kwh_; }          // energy the trips took from their batteries
    double delivered_kwh() const { return delivered_kwh_; }  // charged back so far
    double pending_kwh() const;                               // still to charge (unserved if the run ends now)
    std::int64_t sessions() const { return sessions_; }
    std::int64_t active() const { return static_cast<std::int64_t>(open_.size()); }

    // Open sessions and totals (checkpoints), under power/ev/.
    void save(StateWriter& w) const;
    void restore(const StateReader& r);

private:
    struct Session {
        std::int32_t bus;
        double start_s;
        double kw;
        double remaining_kwh;
    };
    std::vector<EvTypeParams> types_;
    std::vector<std::int32_t> link_bus_;
    std::vector<Session> open_;
    std::vector<double> bus_kw_;
    std::vector<ChargingPolicy> policies_;
    double start_seconds_of_day_ = 0.0;
    double drawn_kwh_ = 0.0, delivered_kwh_ = 0.0;
    std::int64_t sessions_ = 0;
};

}  // namespace citytwin::sim
