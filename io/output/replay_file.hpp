#pragma once
// Reads a run file (or a difference file) for replay: the network's polylines, the time axes,
// and one frame at a time of a link series, an air field, the vehicles or the feeder buses.
// Every read checks the dataset's presence and shape, so a malformed file is an error that
// names the file, the key and what was expected (ReplayError, a bad-input error), never a crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/output/h5_handles.hpp"

namespace citytwin::io {

class ReplayError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct ReplayNetwork {
    std::vector<std::string> link_ids;
    std::vector<std::int32_t> lanes;
    std::vector<double> speed_limit_mps;
    std::vector<std::int32_t> shape_offset;   // link i: points [shape_offset[i], shape_offset[i+1])
    std::vector<double> shape_x, shape_y;
    std::size_t links() const { return link_ids.size(); }
};

struct ReplayAirGrid {
    std::size_t nx = 0, ny = 0;
    double x0 = 0.0, y0 = 0.0, cell = 0.0;   // lower-left corner and cell size (m)
};

struct ReplayVehicles {
    std::vector<double> x, y, speed_mps;
    std::vector<double> type;   // empty when the file has no /traffic/vehicles/type
};

struct ReplayBuses {
    std::vector<std::string> ids;
    std::vector<double> x, y;                  // NaN where the file does not know
    std::vector<std::int32_t> feeder;
    std::vector<std::int32_t> branch_from, branch_to;
    std::size_t feeders = 0;
};

class ReplayFile {
public:
    // Opens read-only; throws ReplayError when the file is missing, not HDF5 or not a citytwin
    // run or difference file.
    explicit ReplayFile(const std::string& path);

    const std::string& path() const { return path_; }
    bool is_difference() const { return difference_; }
    bool has(const std::string& key) const;
    std::string root_text(const std::string& name) const;          // "" when absent
    double root_number(const std::string& name, double fallback) const;
    std::string units(const std::string& key) const;              // the dataset's `units`, "" if none
    // The scenario's vehicle type names in order (vehicle_types in scenario_yaml), "type N"
    // for indices beyond them.
    std::string vehicle_type_name(std::size_t index) const;

    ReplayNetwork network() const;
    // A 1-D time axis (seconds since the start); empty when the file has none at `key`.
    std::vector<double> times(const std::string& key) const;
    // Row `frame` of a (time, width) dataset, as double.
    std::vector<double> row(const std::string& key, std::size_t frame, std::size_t width) const;
    ReplayAirGrid air_grid() const;
    // Frame `frame` of an air field (time, y, x), row-major from the lowest y.
    std::vector<double> field(const std::string& key, std::size_t frame, const ReplayAirGrid& grid) const;
    ReplayVehicles vehicles(std::size_t frame) const;
    ReplayBuses buses() const;

    [[noreturn]] void fail(const std::string& key, const std::string& expected) const;

private:
    std::vector<hsize_t> shape_of(const std::string& key, int rank, const std::string& expected) const;
    template <typename T>
    std::vector<T> read_column(const std::string& key, std::size_t expected_length) const;
    std::vector<double> read_doubles(const std::string& key, std::size_t expected_length) const;
    std::vector<std::int32_t> read_ints(const std::string& key, std::size_t expected_length) const;

    std::string path_;
    h5::Handle file_;
    bool difference_ = false;
};

}  // namespace citytwin::io
