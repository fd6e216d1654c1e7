#pragma once
// Writes one run to an HDF5 file (layout: docs/output-format.md) on a background thread, so
// the simulation never waits on compression or disk unless it gets 8 records ahead.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "io/output/output_error.hpp"
#include "io/output/run_prefix.hpp"
#include "sim/core/air_records.hpp"
#include "sim/core/run_records.hpp"
#include "sim/power/power_records.hpp"

namespace citytwin::io {

class RunFile;

class RunWriter {
public:
    static constexpr std::size_t kQueueCapacity = 8;

    // Creates (truncates) the file, creating parent directories; writes root attributes and
    // /network. Throws OutputError naming the path and HDF5's reason on failure.
    RunWriter(const std::string& path, const sim::RunMetadata& meta,
              const sim::NetworkGeometry& net);
    ~RunWriter();  // drains the queue and closes without /kpi (never throws)

    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    // Enqueue and return; block only while the queue is full. Each rethrows an error the writer
    // thread hit earlier (as OutputError) and throws std::invalid_argument for records whose
    // arrays disagree in length (or with the link count) and std::logic_error after finish().
    void write_links(sim::LinkSeriesFrame frame);
    void write_vehicles(sim::VehicleFrame frame);
    void write_trips(std::vector<sim::TripRow> rows);  // appended to /traffic/trips
    void write_air_layout(sim::AirFrame layout);        // creates /air (grid, fields; no values)
    void write_air(sim::AirFrame frame);               // appended under /air
    void write_power_grid(sim::PowerGrid grid);         // /grid, once, before any power frame
    void write_power(sim::PowerFrame frame);            // one row of /power
    void write_traffic_names(sim::TrafficNames names);             // /traffic/types, /traffic/trip_names, once
    void write_intervention_table(sim::InterventionTable table);   // /interventions, once
    void write_intervention(sim::InterventionRow row);              // one row of /interventions

    // Blocks until everything queued so far is written and flushed to the file.
    void drain();

    // After everything queued so far: the growing datasets and their rows (a checkpoint's
    // record of the output).
    std::vector<DatasetExtent> extents();
    // Copies the rows recorded in `extents` from the run file at `from` into this one (a
    // resumed or forked run's shared prefix); this file's datasets must still be empty.
    void copy_prefix(const std::string& from, std::vector<DatasetExtent> extents);
    // A root attribute (replaced when present).
    void set_attribute(const std::string& name, const std::string& value);
    void set_attribute(const std::string& name, double value);

    // Drains, then renames the file to `path` (a resumed run's new file, moved into place);
    // the writer reopens it by that name at the end of the run. Throws OutputError.
    void rename_to(const std::string& path);

    // Drains, writes /kpi, flushes and closes; rethrows a writer-thread error.
    void finish(const std::vector<sim::Kpi>& kpis);

    const std::string& path() const { return path_; }

private:
    struct Finish {
        std::vector<sim::Kpi> kpis;
    };
    struct FlushNow {};
    struct AirLayout {
        sim::AirFrame frame;
    };
    struct QueryExtents {
        std::shared_ptr<std::promise<std::vector<DatasetExtent>>> result;
    };
    struct CopyPrefix {
        std::string from;
        std::vector<DatasetExtent> extents;
    };
    struct SetAttribute {
        std::string name;
        std::string text;
        double number = 0.0;
        bool is_number = false;
    };
    using Item = std::variant<sim::LinkSeriesFrame, sim::VehicleFrame, std::vector<sim::TripRow>,
                              Finish, FlushNow, sim::PowerGrid, sim::PowerFrame, sim::AirFrame,
                              AirLayout, QueryExtents, CopyPrefix, SetAttribute, sim::InterventionTable, sim::TrafficNames,
                              sim::InterventionRow>;

    void enqueue(Item item);
    void run();                // the writer thread
    void process(Item& item);  // HDF5 work for one item, on the writer thread
    void rethrow_error_locked();
    void stop_thread() noexcept;

    std::string path_;
    std::unique_ptr<RunFile> file_;
    std::size_t link_count_ = 0;

    std::mutex mutex_;
    std::condition_variable changed_;  // queue, busy, error or stop changed
    std::deque<Item> queue_;
    bool busy_ = false;      // the thread is processing an item it popped
    bool stopping_ = false;  // destructor: drain then close
    bool finished_ = false;  // finish() was called
    std::exception_ptr error_;
    std::thread thread_;
};

}  // namespace citytwin::io
