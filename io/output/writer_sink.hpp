#pragma once
// The one sink that hands a run's records to the HDF5 writer thread: `citytwin run`, resume,
// fork and the tests all write through it.
#include <utility>
#include <vector>

#include "io/output/run_writer.hpp"
#include "sim/core/run_sink.hpp"

namespace citytwin::io {

class WriterSink final : public sim::RunSink {
public:
    explicit WriterSink(RunWriter& w) : w_(w) {}
    void links(sim::LinkSeriesFrame&& f) override { w_.write_links(std::move(f)); }
    void vehicles(sim::VehicleFrame&& f) override { w_.write_vehicles(std::move(f)); }
    void trips(std::vector<sim::TripRow>&& rows) override { w_.write_trips(std::move(rows)); }
    void air_layout(const sim::AirFrame& layout) override { w_.write_air_layout(layout); }
    void air(sim::AirFrame&& f) override { w_.write_air(std::move(f)); }
    void power_grid(const sim::PowerGrid& g) override { w_.write_power_grid(g); }
    void power(sim::PowerFrame&& f) override { w_.write_power(std::move(f)); }
    void traffic_names(const sim::TrafficNames& n) override { w_.write_traffic_names(n); }
    void intervention_table(const sim::InterventionTable& t) override { w_.write_intervention_table(t); }
    void intervention(const sim::InterventionRow& r) override { w_.write_intervention(r); }

private:
    RunWriter& w_;
};

}  // namespace citytwin::io
