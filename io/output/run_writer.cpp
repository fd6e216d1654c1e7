#include "io/output/run_writer.hpp"

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "io/output/h5_handles.hpp"
#include "io/output/run_file.hpp"

namespace citytwin::io {
namespace {

std::string prefixed(const std::string& path, const std::string& what) {
    return "run file '" + path + "': " + what;
}

void require(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("RunWriter: " + what);
}

void validate(const sim::NetworkGeometry& net) {
    const std::size_t nodes = net.node_ids.size();
    require(net.node_x_m.size() == nodes && net.node_y_m.size() == nodes &&
                net.node_signalised.size() == nodes,
            "node arrays differ in length");
    const std::size_t links = net.link_ids.size();
    require(net.link_from_node.size() == links && net.link_to_node.size() == links &&
                net.link_lanes.size() == links && net.link_length_m.size() == links &&
                net.link_speed_limit_mps.size() == links,
            "link arrays differ in length");
    require(net.link_shape_offset.empty() || net.link_shape_offset.size() == links + 1,
            "link_shape_offset must be empty or have one entry per link plus one");
    require(net.shape_x_m.size() == net.shape_y_m.size(), "shape_x and shape_y differ in length");
}

void validate(const std::vector<sim::Kpi>& kpis) {
    for (std::size_t i = 0; i < kpis.size(); ++i) {
        const std::string& name = kpis[i].name;
        // KPI names become HDF5 link names under /kpi.
        require(!name.empty() && name != "." && name.find('/') == std::string::npos,
                "invalid KPI name '" + name + "'");
        for (std::size_t j = 0; j < i; ++j)
            require(kpis[j].name != name, "duplicate KPI '" + name + "'");
    }
}

}  // namespace

RunWriter::RunWriter(const std::string& path, const sim::RunMetadata& meta,
                     const sim::NetworkGeometry& net)
    : path_(path), link_count_(net.link_ids.size()) {
    validate(net);
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec)
            throw OutputError(prefixed(
                path, "cannot create directory '" + parent.string() + "': " + ec.message()));
    }
    {
        // The thread does not exist yet, so this thread is still the file's only user.
        h5::LibraryLock lock;
        try {
            file_ = std::make_unique<RunFile>(path, meta, net);
        } catch (const OutputError& e) {
            throw OutputError(prefixed(path, e.what()));
        }
    }
    thread_ = std::thread(&RunWriter::run, this);
}

RunWriter::~RunWriter() { stop_thread(); }

void RunWriter::stop_thread() noexcept {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RunWriter::rethrow_error_locked() {
    if (error_) std::rethrow_exception(error_);
}

void RunWriter::enqueue(Item item) {
    std::unique_lock lock(mutex_);
    if (finished_) throw std::logic_error("RunWriter: write after finish() on " + path_);
    rethrow_error_locked();
    changed_.wait(lock, [&] { return queue_.size() < kQueueCapacity || error_; });
    rethrow_error_locked();
    queue_.push_back(std::move(item));
    lock.unlock();
    changed_.notify_all();
}

void RunWriter::write_links(sim::LinkSeriesFrame frame) {
    const std::size_t n = link_count_;
    require(frame.entered.size() == n && frame.left.size() == n &&
                frame.mean_speed_mps.size() == n && frame.density_veh_per_km.size() == n &&
                frame.mean_travel_time_s.size() == n,
            "link frame arrays must have one entry per link");
    enqueue(std::move(frame));
}

void RunWriter::write_vehicles(sim::VehicleFrame frame) {
    const std::size_t n = frame.id.size();
    require(frame.x_m.size() == n && frame.y_m.size() == n && frame.speed_mps.size() == n &&
                frame.link.size() == n,
            "vehicle frame arrays differ in length");
    enqueue(std::move(frame));
}

void RunWriter::write_air(sim::AirFrame frame) {
    const std::size_t cells = static_cast<std::size_t>(frame.grid.nx) * static_cast<std::size_t>(frame.grid.ny);
    for (const auto* fields : {&frame.concentration, &frame.emission})
        for (const sim::AirField& f : *fields)
            require(f.values.size() == cells, "air field '" + f.name + "' must have one value per grid cell");
    enqueue(std::move(frame));
}

void RunWriter::write_air_layout(sim::AirFrame layout) { enqueue(AirLayout{std::move(layout)}); }

void RunWriter::write_intervention_table(sim::InterventionTable table) {
    require(table.ids.size() == table.actions.size(), "intervention ids and actions differ in length");
    enqueue(std::move(table));
}

void RunWriter::write_intervention(sim::InterventionRow row) { enqueue(row); }

void RunWriter::write_traffic_names(sim::TrafficNames names) { enqueue(std::move(names)); }

std::vector<DatasetExtent> RunWriter::extents() {
    auto result = std::make_shared<std::promise<std::vector<DatasetExtent>>>();
    std::future<std::vector<DatasetExtent>> done = result->get_future();
    enqueue(QueryExtents{result});
    drain();
    return done.get();
}

void RunWriter::copy_prefix(const std::string& from, std::vector<DatasetExtent> extents) {
    enqueue(CopyPrefix{from, std::move(extents)});
    drain();
}

void RunWriter::set_attribute(const std::string& name, const std::string& value) {
    enqueue(SetAttribute{name, value, 0.0, false});
}

void RunWriter::set_attribute(const std::string& name, double value) { enqueue(SetAttribute{name, "", value, true}); }

void RunWriter::write_trips(std::vector<sim::TripRow> rows) {
    if (!rows.empty()) {
        enqueue(std::move(rows));
        return;
    }
    // Nothing to write, but the same contract: report misuse and earlier failures.
    std::lock_guard lock(mutex_);
    if (finished_) throw std::logic_error("RunWriter: write after finish() on " + path_);
    rethrow_error_locked();
}

void RunWriter::write_power_grid(sim::PowerGrid grid) {
    const std::size_t n = grid.bus_ids.size(), m = grid.branch_to_bus.size();
    require(grid.bus_feeder.size() == n && grid.bus_zones.size() == n && grid.bus_x_m.size() == n &&
                grid.bus_y_m.size() == n && grid.bus_residents.size() == n && grid.bus_jobs.size() == n &&
                grid.bus_pv_kwp.size() == n,
            "power grid bus arrays differ in length");
    require(grid.branch_from_bus.size() == m && grid.branch_r_ohm.size() == m && grid.branch_x_ohm.size() == m &&
                grid.branch_ampacity_a.size() == m,
            "power grid branch arrays differ in length");
    enqueue(std::move(grid));
}

void RunWriter::write_power(sim::PowerFrame frame) { enqueue(std::move(frame)); }

void RunWriter::drain() {
    enqueue(FlushNow{});
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.empty() && !busy_; });
    rethrow_error_locked();
}

void RunWriter::rename_to(const std::string& path) {
    drain();
    // The thread is idle now and takes the mutex before its next item.
    std::lock_guard lock(mutex_);
    std::error_code ec;
    std::filesystem::rename(path_, path, ec);
    if (ec) throw OutputError("cannot rename '" + path_ + "' to '" + path + "': " + ec.message());
    path_ = path;
    h5::LibraryLock h5lock;
    file_->renamed(path);
}

void RunWriter::finish(const std::vector<sim::Kpi>& kpis) {
    validate(kpis);
    {
        std::lock_guard lock(mutex_);
        if (finished_) throw std::logic_error("RunWriter: finish() called twice on " + path_);
        finished_ = true;
        // Finish may exceed the capacity by one; it is the last item either way.
        queue_.push_back(Finish{kpis});
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    rethrow_error_locked();
}

void RunWriter::run() {
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) break;  // stopping, and everything queued is written
            item = std::move(queue_.front());
            queue_.pop_front();
            busy_ = true;
        }
        changed_.notify_all();  // a producer may be waiting for space
        const bool last = std::holds_alternative<Finish>(item);
        process(item);
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
        }
        changed_.notify_all();
        if (last) break;
    }
    // Close on this thread: HDF5 objects are only ever touched here once the thread runs.
    h5::LibraryLock lock;
    try {
        if (file_) file_->close();
    } catch (const OutputError& e) {
        std::lock_guard guard(mutex_);
        if (!error_) error_ = std::make_exception_ptr(OutputError(prefixed(path_, e.what())));
    } catch (...) {
        std::lock_guard guard(mutex_);
        if (!error_) error_ = std::current_exception();
    }
    file_.reset();
}

void RunWriter::process(Item& item) {
    {
        std::lock_guard lock(mutex_);
        if (error_) return;  // after a failure, items are dropped so producers never block
    }
    try {
        h5::LibraryLock lock;
        std::visit(
            [&](auto& record) {
                using T = std::decay_t<decltype(record)>;
                if constexpr (std::is_same_v<T, sim::LinkSeriesFrame>) {
                    file_->append_links(record);
                } else if constexpr (std::is_same_v<T, sim::VehicleFrame>) {
                    file_->append_vehicles(record);
                } else if constexpr (std::is_same_v<T, std::vector<sim::TripRow>>) {
                    file_->append_trips(record);
                } else if constexpr (std::is_same_v<T, sim::AirFrame>) {
                    file_->append_air(record);
                } else if constexpr (std::is_same_v<T, Finish>) {
                    file_->write_kpis(record.kpis);
                } else if constexpr (std::is_same_v<T, sim::PowerGrid>) {
                    file_->create_power(record);
                } else if constexpr (std::is_same_v<T, sim::PowerFrame>) {
                    file_->append_power(record);
                } else if constexpr (std::is_same_v<T, AirLayout>) {
                    file_->create_air(record.frame);
                } else if constexpr (std::is_same_v<T, QueryExtents>) {
                    record.result->set_value(growing_extents(file_->id()));
                } else if constexpr (std::is_same_v<T, CopyPrefix>) {
                    h5::Handle from = h5::open_file_read_only(record.from);
                    io::copy_prefix(from, file_->id(), record.extents);
                } else if constexpr (std::is_same_v<T, SetAttribute>) {
                    file_->set_attribute(record.name, record.text, record.number, record.is_number);
                } else if constexpr (std::is_same_v<T, sim::InterventionTable>) {
                    file_->create_interventions(record);
                } else if constexpr (std::is_same_v<T, sim::TrafficNames>) {
                    file_->create_traffic_names(record);
                } else if constexpr (std::is_same_v<T, sim::InterventionRow>) {
                    file_->append_intervention(record);
                } else if constexpr (std::is_same_v<T, FlushNow>) {
                    // flushed below
                } else {
                    static_assert(sizeof(T) == 0, "RunWriter::process: a record type without a writer");
                }
            },
            item);
        // Flushing at every output interval (link frames, trips) and on request is what makes
        // a killed run's file readable up to its last interval. Vehicle frames come far more
        // often and ride along with the next flush: flushing each one cost several ms.
        if (!std::holds_alternative<sim::VehicleFrame>(item)) file_->flush();
        if (std::holds_alternative<Finish>(item)) file_->close();
    } catch (const OutputError& e) {
        std::lock_guard lock(mutex_);
        error_ = std::make_exception_ptr(OutputError(prefixed(path_, e.what())));
    } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
    }
}

}  // namespace citytwin::io
