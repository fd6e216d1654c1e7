#pragma once
// The HDF5 side of a run being written: creates the file with its root attributes, /network
// and the empty, growable /traffic datasets, then appends records in HDF5's single-writer/
// multiple-reader (SWMR) mode, so that the file is valid at every moment (docs/reliability.md). Not thread-aware: the
// RunWriter's thread is its only user after construction.
#include <memory>
#include <string>
#include <vector>

#include "io/output/air_datasets.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "sim/core/run_records.hpp"
#include "sim/power/power_records.hpp"

namespace citytwin::io {

class PowerDatasets;

class RunFile {
public:
    // Creates (truncates) `path`; the parent directory must exist. Throws OutputError.
    RunFile(const std::string& path, const sim::RunMetadata& meta, const sim::NetworkGeometry& net);
    ~RunFile();

    void append_links(const sim::LinkSeriesFrame& frame);
    void append_vehicles(const sim::VehicleFrame& frame);
    void append_trips(const std::vector<sim::TripRow>& rows);
    void create_air(const sim::AirFrame& layout);  // /air from the grid and field names
    void append_air(const sim::AirFrame& frame);  // creates /air on the first frame if need be
    void set_attribute(const std::string& name, const std::string& text, double number, bool is_number);
    // /interventions: the ids and actions once, then a row per application or reversion.
    void create_traffic_names(const sim::TrafficNames& names);
    void create_interventions(const sim::InterventionTable& table);
    void append_intervention(const sim::InterventionRow& row);
    hid_t id() const { return file_.get(); }
    void write_kpis(const std::vector<sim::Kpi>& kpis);
    // /grid and the /power datasets, once; then one row per power step.
    void create_power(const sim::PowerGrid& grid);
    void append_power(const sim::PowerFrame& frame);

    // Writes everything buffered so a reader (or a run killed right after) sees a valid file.
    void flush();
    void close();
    // The file was renamed (it is reopened by name at the end of the run).
    void renamed(const std::string& path) { path_ = path; }

    std::size_t link_count() const { return link_count_; }

private:
    void write_root_attributes(const sim::RunMetadata& meta);
    void write_network(const sim::NetworkGeometry& net);
    void create_traffic();
    // Before an append: enters SWMR mode once the file's structure is complete.
    void appending();
    // Before /kpi: leaves SWMR mode (closes and reopens the file).
    void restructuring();

    enum class Mode { building, appending, finishing };
    Mode mode_ = Mode::building;
    bool names_written_ = false;

    std::string path_;
    std::size_t link_count_ = 0;
    h5::Handle file_;

    struct LinkSeries {
        h5::ExtendableDataset time, entered, left, mean_speed, density, mean_travel_time;
    } links_;
    struct Vehicles {
        h5::ExtendableDataset time, offset, count, row, id, x, y, speed, link, lane, heading, type;
    } vehicles_;
    struct Trips {
        h5::ExtendableDataset id, type, origin_link, destination_link, depart, insert, arrival,
            route_length, time_loss, depart_delay, status;
        h5::ExtendableDataset co2, nox, pm10, pm25;  // emitted mass (air model)
    } trips_;
    struct Interventions {
        h5::ExtendableDataset time, intervention, applied, links, rerouted, cancelled, changed;
    };
    std::unique_ptr<Interventions> interventions_;
    std::unique_ptr<AirDatasets> air_;
    std::unique_ptr<PowerDatasets> power_;
};

}  // namespace citytwin::io
