#include "io/output/replay_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <type_traits>

#include <yaml-cpp/yaml.h>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

constexpr std::size_t kAny = static_cast<std::size_t>(-1);

std::string shape_text(const std::vector<hsize_t>& dims) {
    std::string s = "(";
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + ")";
}

}  // namespace

ReplayFile::ReplayFile(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw ReplayError("run file '" + path + "': " + (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"));
    h5::LibraryLock lock;
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        h5::take_error_text();
        throw ReplayError("run file '" + path + "': not an HDF5 file (expected a citytwin run file)");
    }
    try {
        file_ = h5::open_file_read_only(path);
    } catch (const OutputError& e) {
        throw ReplayError("run file '" + path + "': " + e.what());
    }
    const std::string format = root_text("format");
    if (format.rfind(std::string(layout::kFormatName), 0) != 0)
        fail("format", "the root attribute 'citytwin-run N' of a citytwin run file, found '" + format + "'");
    difference_ = root_text("kind") == "difference";
    if (!has(layout::kLinks)) fail(layout::kLinks, "the network group every run file has");
}

void ReplayFile::fail(const std::string& key, const std::string& expected) const {
    throw ReplayError("run file '" + path_ + "': '" + key + "': expected " + expected);
}

bool ReplayFile::has(const std::string& key) const {
    h5::LibraryLock lock;
    const bool yes = h5::path_exists(file_, key);
    h5::take_error_text();
    return yes;
}

std::string ReplayFile::root_text(const std::string& name) const {
    h5::LibraryLock lock;
    try {
        h5::Handle root = h5::group(H5Gopen2(file_, "/", H5P_DEFAULT), "opening the root group");
        return h5::has_attribute(root, name) ? h5::read_string_attribute(root, name) : "";
    } catch (const OutputError&) {
        fail(name, "a string root attribute");
    }
}

double ReplayFile::root_number(const std::string& name, double fallback) const {
    h5::LibraryLock lock;
    try {
        h5::Handle root = h5::group(H5Gopen2(file_, "/", H5P_DEFAULT), "opening the root group");
        return h5::has_attribute(root, name) ? h5::read_double_attribute(root, name) : fallback;
    } catch (const OutputError&) {
        fail(name, "a numeric root attribute");
    }
}

std::string ReplayFile::units(const std::string& key) const {
    h5::LibraryLock lock;
    try {
        h5::Handle ds = h5::open_dataset(file_, key);
        return h5::has_attribute(ds, "units") ? h5::read_string_attribute(ds, "units") : "";
    } catch (const OutputError&) {
        return "";
    }
}

std::vector<hsize_t> ReplayFile::shape_of(const std::string& key, int rank, const std::string& expected) const {
    if (!has(key)) fail(key, expected + ", found nothing");
    h5::LibraryLock lock;
    std::vector<hsize_t> dims;
    try {
        dims = h5::extent(h5::open_dataset(file_, key));
    } catch (const OutputError& e) {
        fail(key, expected + ", found an unreadable object (" + std::string(e.what()) + ")");
    }
    if (static_cast<int>(dims.size()) != rank) fail(key, expected + ", found shape " + shape_text(dims));
    return dims;
}

template <typename T>
std::vector<T> ReplayFile::read_column(const std::string& key, std::size_t expected_length) const {
    const std::string kind = std::is_integral_v<T> ? "a 1-D integer dataset" : "a 1-D numeric dataset";
    const std::string what = expected_length == kAny ? kind : kind + " of " + std::to_string(expected_length) + " values";
    const auto dims = shape_of(key, 1, what);
    if (expected_length != kAny && dims[0] != expected_length) fail(key, what + ", found shape " + shape_text(dims));
    h5::LibraryLock lock;
    try {
        return h5::read_all<T>(h5::open_dataset(file_, key));
    } catch (const OutputError& e) {
        fail(key, what + " (" + std::string(e.what()) + ")");
    }
}

std::vector<double> ReplayFile::read_doubles(const std::string& key, std::size_t expected_length) const {
    return read_column<double>(key, expected_length);
}

std::vector<std::int32_t> ReplayFile::read_ints(const std::string& key, std::size_t expected_length) const {
    return read_column<std::int32_t>(key, expected_length);
}

ReplayNetwork ReplayFile::network() const {
    ReplayNetwork n;
    {
        const std::string key = std::string(layout::kLinks) + "/id";
        shape_of(key, 1, "a 1-D string dataset of link ids");
        h5::LibraryLock lock;
        try {
            n.link_ids = h5::read_strings(h5::open_dataset(file_, key));
        } catch (const OutputError& e) {
            fail(key, "a 1-D string dataset of link ids (" + std::string(e.what()) + ")");
        }
    }
    const std::string links = layout::kLinks;
    n.lanes = read_ints(links + "/lanes", n.links());
    n.speed_limit_mps = read_doubles(links + "/speed_limit", n.links());
    n.shape_offset = read_ints(links + "/shape_offset", n.links() + 1);
    n.shape_x = read_doubles(links + "/shape_x", kAny);
    n.shape_y = read_doubles(links + "/shape_y", n.shape_x.size());
    // Offsets must rise from 0 to the point count, or a polyline would read outside the points.
    const auto points = static_cast<std::int64_t>(n.shape_x.size());
    if (n.shape_offset.front() != 0 || n.shape_offset.back() != points)
        fail(links + "/shape_offset", "offsets from 0 to the " + std::to_string(points) + " shape points");
    for (std::size_t i = 0; i + 1 < n.shape_offset.size(); ++i)
        if (n.shape_offset[i + 1] < n.shape_offset[i])
            fail(links + "/shape_offset", "non-decreasing offsets, found " + std::to_string(n.shape_offset[i]) + " then " +
                                              std::to_string(n.shape_offset[i + 1]) + " at link " + std::to_string(i));
    return n;
}

std::vector<double> ReplayFile::times(const std::string& key) const {
    if (!has(key)) return {};
    return read_doubles(key, kAny);
}

std::vector<double> ReplayFile::row(const std::string& key, std::size_t frame, std::size_t width) const {
    const std::string what = "a (time, " + std::to_string(width) + ") dataset";
    const auto dims = shape_of(key, 2, what);
    if (dims[1] != width) fail(key, what + ", found shape " + shape_text(dims));
    if (frame >= dims[0]) fail(key, what + " with a row " + std::to_string(frame) + ", found shape " + shape_text(dims));
    std::vector<double> out(width);
    h5::LibraryLock lock;
    try {
        h5::Handle ds = h5::open_dataset(file_, key);
        h5::Handle space = h5::space(H5Dget_space(ds), "reading dataspace");
        const hsize_t start[2] = {frame, 0}, count[2] = {1, width};
        h5::check_status(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr), "selecting a row");
        h5::Handle memory = h5::space(H5Screate_simple(2, count, nullptr), "creating dataspace");
        if (width > 0)
            h5::check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, out.data()), "reading a row");
    } catch (const OutputError& e) {
        fail(key, what + " (" + std::string(e.what()) + ")");
    }
    return out;
}

ReplayAirGrid ReplayFile::air_grid() const {
    ReplayAirGrid g;
    const auto x = read_doubles(std::string(layout::kAir) + "/x", kAny);
    const auto y = read_doubles(std::string(layout::kAir) + "/y", kAny);
    if (x.size() < 1 || y.size() < 1) fail(layout::kAir, "an air grid of at least one cell");
    g.nx = x.size();
    g.ny = y.size();
    h5::LibraryLock lock;
    try {
        h5::Handle air = h5::group(H5Gopen2(file_, layout::kAir, H5P_DEFAULT), "opening /air");
        g.cell = h5::read_double_attribute(air, "cell_size");
        g.x0 = h5::read_double_attribute(air, "x0");
        g.y0 = h5::read_double_attribute(air, "y0");
    } catch (const OutputError& e) {
        fail(layout::kAir, "attributes cell_size, x0 and y0 (" + std::string(e.what()) + ")");
    }
    if (!(g.cell > 0.0) || !std::isfinite(g.x0) || !std::isfinite(g.y0)) fail(layout::kAir, "a cell_size > 0 and finite x0, y0");
    return g;
}

std::vector<double> ReplayFile::field(const std::string& key, std::size_t frame, const ReplayAirGrid& g) const {
    const std::string what = "a (time, " + std::to_string(g.ny) + ", " + std::to_string(g.nx) + ") air field";
    const auto dims = shape_of(key, 3, what);
    if (dims[1] != g.ny || dims[2] != g.nx) fail(key, what + ", found shape " + shape_text(dims));
    if (frame >= dims[0]) fail(key, what + " with a frame " + std::to_string(frame) + ", found shape " + shape_text(dims));
    std::vector<double> out(g.nx * g.ny);
    h5::LibraryLock lock;
    try {
        h5::Handle ds = h5::open_dataset(file_, key);
        h5::Handle space = h5::space(H5Dget_space(ds), "reading dataspace");
        const hsize_t start[3] = {frame, 0, 0}, count[3] = {1, g.ny, g.nx};
        h5::check_status(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr), "selecting a frame");
        h5::Handle memory = h5::space(H5Screate_simple(3, count, nullptr), "creating dataspace");
        h5::check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, out.data()), "reading a frame");
    } catch (const OutputError& e) {
        fail(key, what + " (" + std::string(e.what()) + ")");
    }
    return out;
}

ReplayVehicles ReplayFile::vehicles(std::size_t frame) const {
    const std::string v = layout::kVehicles;
    const auto offset = read_doubles(v + "/offset", kAny);
    const auto count = read_doubles(v + "/count", offset.size());
    if (frame >= offset.size()) fail(v + "/offset", "a frame " + std::to_string(frame) + ", found " + std::to_string(offset.size()));
    const auto rows = shape_of(v + "/x", 1, "a 1-D dataset of vehicle rows")[0];
    if (!(offset[frame] >= 0) || !(count[frame] >= 0) || offset[frame] + count[frame] > static_cast<double>(rows))
        fail(v + "/offset", "frame " + std::to_string(frame) + " within the " + std::to_string(rows) + " vehicle rows");
    const auto first = static_cast<hsize_t>(offset[frame]), n = static_cast<hsize_t>(count[frame]);
    ReplayVehicles out;
    std::vector<std::pair<const char*, std::vector<double>*>> columns = {{"/x", &out.x}, {"/y", &out.y}, {"/speed", &out.speed_mps}};
    if (has(v + "/type")) columns.push_back({"/type", &out.type});
    for (auto [name, dest] : columns) {
        if (shape_of(v + name, 1, "a 1-D dataset of vehicle rows")[0] != rows) fail(v + name, "as many rows as " + v + "/x");
        h5::LibraryLock lock;
        try {
            *dest = h5::read_range<double>(h5::open_dataset(file_, v + name), first, n);
        } catch (const OutputError& e) {
            fail(v + name, "vehicle rows (" + std::string(e.what()) + ")");
        }
    }
    return out;
}

std::string ReplayFile::vehicle_type_name(std::size_t index) const {
    std::vector<std::string> names;
    if (has(layout::kTypeNames)) {
        shape_of(layout::kTypeNames, 1, "a 1-D string dataset of vehicle type ids");
        h5::LibraryLock lock;
        try {
            names = h5::read_strings(h5::open_dataset(file_, layout::kTypeNames));
        } catch (const OutputError& e) {
            fail(layout::kTypeNames, "vehicle type ids (" + std::string(e.what()) + ")");
        }
        return index < names.size() ? names[index] : "type " + std::to_string(index);
    }
    // Files written before the names were kept: the scenario as run is in the file, and one
    // without vehicle_types has one type, car (a SUMO import's vTypes are not in it).
    try {
        const YAML::Node types = YAML::Load(root_text("scenario_yaml"))["vehicle_types"];
        if (types && types.IsMap())
            for (const auto& entry : types) names.push_back(entry.first.as<std::string>());
        else if (!types) names.push_back("car");
    } catch (const YAML::Exception&) {
        names.clear();   // unreadable YAML: numbered types
    }
    return index < names.size() ? names[index] : "type " + std::to_string(index);
}

ReplayBuses ReplayFile::buses() const {
    ReplayBuses b;
    const std::string buses = layout::kGridBuses, branches = layout::kGridBranches;
    shape_of(buses + "/id", 1, "a 1-D string dataset of bus ids");
    {
        h5::LibraryLock lock;
        try {
            b.ids = h5::read_strings(h5::open_dataset(file_, buses + "/id"));
        } catch (const OutputError& e) {
            fail(buses + "/id", "bus ids (" + std::string(e.what()) + ")");
        }
    }
    b.x = read_doubles(buses + "/x", b.ids.size());
    b.y = read_doubles(buses + "/y", b.ids.size());
    b.feeder = read_ints(buses + "/feeder", b.ids.size());
    b.branch_from = read_ints(branches + "/from_bus", kAny);
    b.branch_to = read_ints(branches + "/to_bus", b.branch_from.size());
    const auto n = static_cast<std::int32_t>(b.ids.size());
    for (std::size_t i = 0; i < b.branch_from.size(); ++i)
        if (b.branch_from[i] < 0 || b.branch_from[i] >= n || b.branch_to[i] < 0 || b.branch_to[i] >= n)
            fail(branches + "/from_bus", "bus indices 0.." + std::to_string(n - 1) + " at branch " + std::to_string(i));
    for (const std::int32_t f : b.feeder) {
        if (f < 0) fail(buses + "/feeder", "feeder indices >= 0");
        b.feeders = std::max<std::size_t>(b.feeders, static_cast<std::size_t>(f) + 1);
    }
    return b;
}

}  // namespace citytwin::io
