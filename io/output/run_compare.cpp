#include "io/output/run_compare.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <numeric>
#include <tuple>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{16} << 20;  // bounds memory on large series
const char* const kCompared[] = {layout::kNetwork, layout::kTraffic, layout::kGrid, layout::kPower, layout::kKpi,
                                 layout::kAir};

bool is_timing_kpi(const std::string& path) {
    const std::string prefix = std::string(layout::kKpi) + "/";
    if (path.rfind(prefix, 0) != 0) return false;
    const std::string name = path.substr(prefix.size());
    return std::find(std::begin(layout::kTimingKpis), std::end(layout::kTimingKpis), name) !=
           std::end(layout::kTimingKpis);
}

std::vector<std::string> dataset_paths(hid_t file) {
    std::vector<std::string> paths;
    for (const char* group_path : kCompared) {
        if (!h5::path_exists(file, group_path)) continue;
        h5::Handle group = h5::group(H5Gopen2(file, group_path, H5P_DEFAULT),
                                     std::string("opening '") + group_path + "'");
        for (const std::string& name : h5::list_datasets(group)) {
            const std::string path = std::string(group_path) + "/" + name;
            if (!is_timing_kpi(path)) paths.push_back(path);
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

// Empty if equal, else a description of the first difference.
std::string compare_dataset(hid_t a, hid_t b) {
    h5::Handle type_a = h5::type(H5Dget_type(a), "reading dataset type");
    h5::Handle type_b = h5::type(H5Dget_type(b), "reading dataset type");
    if (H5Tequal(type_a, type_b) <= 0) return "types differ";
    const auto dims_a = h5::extent(a);
    const auto dims_b = h5::extent(b);
    if (dims_a != dims_b) return "shapes differ";

    if (H5Tis_variable_str(type_a) > 0) {
        const auto sa = h5::read_strings(a);
        const auto sb = h5::read_strings(b);
        const auto mismatch = std::mismatch(sa.begin(), sa.end(), sb.begin());
        if (mismatch.first == sa.end()) return "";
        return "strings differ (first at element " + std::to_string(mismatch.first - sa.begin()) +
               ")";
    }

    // Raw bytes in the file's own type: no conversion, so the comparison is bitwise.
    const std::size_t element = H5Tget_size(type_a);
    if (dims_a.empty()) {
        std::vector<unsigned char> va(element), vb(element);
        h5::check_status(H5Dread(a, type_a, H5S_ALL, H5S_ALL, H5P_DEFAULT, va.data()), "reading");
        h5::check_status(H5Dread(b, type_b, H5S_ALL, H5S_ALL, H5P_DEFAULT, vb.data()), "reading");
        return va == vb ? "" : "values differ";
    }
    const hsize_t row_elements =
        std::accumulate(dims_a.begin() + 1, dims_a.end(), hsize_t{1}, std::multiplies<>());
    const std::size_t row_bytes = std::max<std::size_t>(1, row_elements * element);
    const hsize_t block_rows = std::max<std::size_t>(1, kBlockBytes / row_bytes);

    std::vector<unsigned char> va, vb;
    for (hsize_t first = 0; first < dims_a[0]; first += block_rows) {
        std::vector<hsize_t> start(dims_a.size(), 0), count = dims_a;
        start[0] = first;
        count[0] = std::min(block_rows, dims_a[0] - first);
        const hsize_t elements = count[0] * row_elements;
        if (elements == 0) continue;
        va.resize(elements * element);
        vb.resize(elements * element);
        h5::Handle memory = h5::space(H5Screate_simple(1, &elements, nullptr), "dataspace");
        for (auto [ds, buffer, file_type] :
             {std::tuple{a, va.data(), type_a.get()}, std::tuple{b, vb.data(), type_b.get()}}) {
            h5::Handle selection = h5::space(H5Dget_space(ds), "reading dataspace");
            h5::check_status(H5Sselect_hyperslab(selection, H5S_SELECT_SET, start.data(), nullptr,
                                                 count.data(), nullptr),
                             "selecting rows");
            h5::check_status(H5Dread(ds, file_type, memory, selection, H5P_DEFAULT, buffer),
                             "reading dataset");
        }
        if (std::memcmp(va.data(), vb.data(), va.size()) != 0) {
            std::size_t at = 0;
            while (std::memcmp(va.data() + at * element, vb.data() + at * element, element) == 0)
                ++at;
            return "values differ (first at flat element " +
                   std::to_string(first * row_elements + at) + ")";
        }
    }
    return "";
}

}  // namespace

bool datasets_identical(const std::string& a, const std::string& b,
                        std::vector<std::string>* differences) {
    h5::LibraryLock lock;
    h5::Handle file_a = h5::open_file_read_only(a);
    h5::Handle file_b = h5::open_file_read_only(b);
    const auto paths_a = dataset_paths(file_a);
    const auto paths_b = dataset_paths(file_b);

    bool identical = true;
    auto report = [&](const std::string& text) {
        identical = false;
        if (differences != nullptr) differences->push_back(text);
        return differences == nullptr;  // true: stop now
    };

    std::vector<std::string> only_a, only_b, common;
    std::set_difference(paths_a.begin(), paths_a.end(), paths_b.begin(), paths_b.end(),
                        std::back_inserter(only_a));
    std::set_difference(paths_b.begin(), paths_b.end(), paths_a.begin(), paths_a.end(),
                        std::back_inserter(only_b));
    std::set_intersection(paths_a.begin(), paths_a.end(), paths_b.begin(), paths_b.end(),
                          std::back_inserter(common));
    for (const auto& p : only_a)
        if (report(p + ": only in " + a)) return false;
    for (const auto& p : only_b)
        if (report(p + ": only in " + b)) return false;
    for (const auto& p : common) {
        h5::Handle da = h5::open_dataset(file_a, p);
        h5::Handle db = h5::open_dataset(file_b, p);
        const std::string difference = compare_dataset(da, db);
        if (!difference.empty() && report(p + ": " + difference)) return false;
    }
    return identical;
}

}  // namespace citytwin::io
