#pragma once
// Where a run's records go: the CLI and the tests hand them to the HDF5 writer
// (io/output/writer_sink.hpp); tests may also keep them in memory.
#include <vector>

#include "sim/core/air_records.hpp"
#include "sim/core/run_records.hpp"
#include "sim/power/power_records.hpp"

namespace citytwin::sim {

class RunSink {
public:
    virtual ~RunSink() = default;
    virtual void links(LinkSeriesFrame&& frame) = 0;
    virtual void vehicles(VehicleFrame&& frame) = 0;
    virtual void trips(std::vector<TripRow>&& rows) = 0;
    // The layout of the air fields (grid, names, units; no values) once before the first frame,
    // then one frame per output interval. Only runs with an air model produce these.
    virtual void air_layout(const AirFrame&) {}
    virtual void air(AirFrame&&) {}
    // The grid once before the first power frame, then one frame per power step.
    virtual void power_grid(const PowerGrid&) {}
    virtual void power(PowerFrame&&) {}
    // The vehicle types' and trips' names once at the start.
    virtual void traffic_names(const TrafficNames&) {}
    // The interventions once at the start (when the scenario has any), then a row at each
    // application and reversion.
    virtual void intervention_table(const InterventionTable&) {}
    virtual void intervention(const InterventionRow&) {}
};

}  // namespace citytwin::sim
