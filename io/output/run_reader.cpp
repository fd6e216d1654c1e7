#include "io/output/run_reader.hpp"

#include "io/output/output_lock.hpp"

#include <charconv>
#include <filesystem>
#include <limits>
#include <string_view>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/h5_structure_check.hpp"
#include "io/output/run_layout.hpp"
#include "io/output/trip_kpis.hpp"

namespace citytwin::io {
namespace {

std::string optional_string(hid_t object, const std::string& name) {
    return h5::has_attribute(object, name) ? h5::read_string_attribute(object, name) : "";
}
double optional_double(hid_t object, const std::string& name) {
    return h5::has_attribute(object, name) ? h5::read_double_attribute(object, name) : 0.0;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// "citytwin-run N" with N <= the version this build writes.
void check_format(hid_t root, const std::string& path) {
    if (!h5::has_attribute(root, "format"))
        throw OutputError(
            "'" + path +
            "' is an HDF5 file but not a citytwin run file (no 'format' root attribute)");
    const std::string format = h5::read_string_attribute(root, "format");
    const std::string prefix = std::string(layout::kFormatName) + " ";
    int version = 0;
    const bool named = format.rfind(prefix, 0) == 0;
    const char* first = format.data() + prefix.size();
    const char* last = format.data() + format.size();
    if (!named || std::from_chars(first, last, version).ec != std::errc{})
        throw OutputError("'" + path + "' is not a citytwin run file (format attribute is '" +
                          format + "')");
    if (version > layout::kFormatVersion)
        throw OutputError("'" + path + "' has format '" + format +
                          "'; this citytwin reads up to '" + std::string(layout::kFormat) +
                          "' (upgrade citytwin)");
}

sim::RunMetadata read_metadata(hid_t root) {
    sim::RunMetadata m;
    m.version = optional_string(root, "citytwin_version");
    m.scenario_name = optional_string(root, "scenario_name");
    m.scenario_yaml = optional_string(root, "scenario_yaml");
    m.scenario_file = optional_string(root, "scenario_file");
    m.overrides = split_lines(optional_string(root, "overrides"));
    if (h5::has_attribute(root, "seed")) m.seed = h5::read_uint64_attribute(root, "seed");
    m.backend = optional_string(root, "backend");
    m.device_name = optional_string(root, "device");
    if (h5::has_attribute(root, "threads"))
        m.threads = static_cast<int>(h5::read_int64_attribute(root, "threads"));
    m.start = optional_string(root, "start");
    m.duration_s = optional_double(root, "duration_s");
    m.step_s = optional_double(root, "step_s");
    m.output_every_s = optional_double(root, "output_every_s");
    m.vehicles_every_s = optional_double(root, "vehicles_every_s");
    m.created_utc = optional_string(root, "created_utc");
    return m;
}

std::size_t length_if_present(hid_t file, const char* path) {
    if (!h5::path_exists(file, path)) return 0;
    return static_cast<std::size_t>(h5::length(h5::open_dataset(file, path)));
}

std::vector<sim::Kpi> read_kpis(hid_t file) {
    h5::Handle group = h5::group(H5Gopen2(file, layout::kKpi, H5P_DEFAULT), "opening '/kpi'");
    H5G_info_t info{};
    h5::check_status(H5Gget_info(group, &info), "reading '/kpi'");
    // Creation order is what the simulator reported; fall back to names if it was not tracked.
    H5_index_t index = H5_INDEX_CRT_ORDER;
    if (info.nlinks > 0 &&
        H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, 0, nullptr, 0, H5P_DEFAULT) < 0) {
        H5Eclear2(H5E_DEFAULT);
        index = H5_INDEX_NAME;
    }
    std::vector<sim::Kpi> kpis;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t size =
            H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (size < 0) h5::throw_error("listing '/kpi'");
        std::string name(static_cast<std::size_t>(size), '\0');
        H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size() + 1,
                           H5P_DEFAULT);
        h5::Handle ds = h5::open_dataset(group, name);
        sim::Kpi kpi;
        kpi.name = name;
        h5::read_range(ds, H5T_NATIVE_DOUBLE, 0, 1, &kpi.value);
        kpi.units = optional_string(ds, "units");
        kpi.long_name = optional_string(ds, "long_name");
        kpis.push_back(std::move(kpi));
    }
    return kpis;
}

RunSummary read_open_file(hid_t file, const std::string& path) {
    RunSummary s;
    s.file = path;
    h5::Handle root = h5::group(H5Gopen2(file, "/", H5P_DEFAULT), "opening root group");
    check_format(root, path);
    s.meta = read_metadata(root);
    s.nodes = length_if_present(file, "/network/nodes/id");
    s.links = length_if_present(file, "/network/links/id");
    s.link_frames = length_if_present(file, layout::kTime);  // appended after each frame's values
    s.vehicle_frames = length_if_present(file, layout::kVehicleTime);
    s.trips_rows = length_if_present(file, layout::kTripIds);
    s.last_time_s = std::numeric_limits<double>::quiet_NaN();
    if (s.link_frames > 0) {
        h5::Handle time = h5::open_dataset(file, layout::kTime);
        h5::read_range(time, H5T_NATIVE_DOUBLE, s.link_frames - 1, 1, &s.last_time_s);
    }
    s.feeders = length_if_present(file, "/grid/feeders/id");
    s.buses = length_if_present(file, "/grid/buses/id");
    s.power_steps = length_if_present(file, layout::kPowerTime);
    s.kind = optional_string(root, "kind");
    s.status = optional_string(root, "status");
    s.stopped_at_s = optional_double(root, "stopped_at_s");
    s.base_files = split_lines(optional_string(root, "base_files"));
    s.variant_files = split_lines(optional_string(root, "variant_files"));
    s.complete = h5::path_exists(file, layout::kKpi);
    s.kpis = s.complete ? read_kpis(file) : kpis_from_trips(file);
    return s;
}

}  // namespace

RunSummary read_run_summary(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw OutputError("run file '" + path + "' does not exist or is not a regular file");

    h5::LibraryLock lock;
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        throw OutputError("'" + path + "' is not an HDF5 file, so not a citytwin run file");
    }
    try {
        // The summary's own reads (attribute strings, KPI tables) rehearsed first: libhdf5 has
        // crashed on damaged files in them where the structure walk did not.
        h5::rehearse_in_child(path, "run summary", [&] {
            const h5::Handle file = h5::open_file_read_only(path);
            read_open_file(file, path);
        });
        // That rehearsal walked the structure too (its open did): not walked again here.
        h5::Handle file = h5::open_file_unchecked(path);
        RunSummary s = read_open_file(file, path);
        s.being_written = !s.complete && claimed_by_another_process(path);
        return s;
    } catch (const OutputError& e) {
        const std::string what = e.what();
        if (what.find(path) != std::string::npos) throw;
        throw OutputError("run file '" + path + "': " + what);
    }
}

}  // namespace citytwin::io
