#include "io/output/link_changes.hpp"

#include <algorithm>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

// Vehicles entered per link, summed over the listed rows of (time, link).
std::vector<double> entered_totals(const std::string& path, const std::vector<std::uint64_t>& rows) {
    h5::Handle file = h5::open_file_read_only(path);
    const std::string name = std::string(layout::kLinkSeries) + "/entered";
    if (!h5::path_exists(file, name)) return {};
    h5::Handle ds = h5::open_dataset(file, name);
    const std::vector<hsize_t> dims = h5::extent(ds);
    std::vector<double> totals(dims.size() == 2 ? dims[1] : 0, 0.0);
    if (totals.empty()) return totals;
    std::vector<double> row(totals.size());
    h5::Handle file_space = h5::space(H5Dget_space(ds), "reading dataspace");
    const hsize_t width = totals.size();
    h5::Handle memory = h5::space(H5Screate_simple(1, &width, nullptr), "creating dataspace");
    for (std::uint64_t r : rows) {
        const hsize_t start[2] = {r, 0}, count[2] = {1, width};
        h5::check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr),
                         "selecting a link frame");
        h5::check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, memory, file_space, H5P_DEFAULT, row.data()),
                         "reading '" + name + "' of '" + path + "'");
        for (std::size_t i = 0; i < width; ++i) totals[i] += row[i];
    }
    return totals;
}

std::vector<double> mean_totals(const std::vector<CompareInput>& side, const std::vector<std::vector<std::uint64_t>>& rows) {
    std::vector<double> mean;
    for (std::size_t f = 0; f < side.size(); ++f) {
        const std::vector<double> t = entered_totals(side[f].summary.file, rows[f]);
        if (mean.empty()) mean.assign(t.size(), 0.0);
        for (std::size_t i = 0; i < std::min(t.size(), mean.size()); ++i) mean[i] += t[i] / static_cast<double>(side.size());
    }
    return mean;
}

}  // namespace

LinkChanges largest_link_changes(const std::vector<CompareInput>& base, const std::vector<CompareInput>& variant,
                                 const Alignment& a, std::size_t count) {
    LinkChanges out;
    if (count == 0 || a.link_frames.time_s.empty()) return out;
    h5::LibraryLock lock;
    const std::vector<double> b = mean_totals(base, a.link_frames.base_rows);
    const std::vector<double> v = mean_totals(variant, a.link_frames.variant_rows);
    const std::vector<std::string>& ids = base.front().link_ids;
    std::vector<LinkChange> all;
    for (std::size_t i = 0; i < std::min(b.size(), a.variant_link.size()); ++i) {
        const std::int64_t j = a.variant_link[i];
        if (j < 0 || static_cast<std::size_t>(j) >= v.size()) continue;
        const LinkChange c{ids.at(i), b[i], v[static_cast<std::size_t>(j)], v[static_cast<std::size_t>(j)] - b[i]};
        if (c.delta != 0.0) all.push_back(c);
    }
    // Largest change first; ties by id, so that the lists do not depend on the network's order.
    for (const LinkChange& c : all) (c.delta > 0 ? out.gained : out.lost).push_back(c);
    std::sort(out.gained.begin(), out.gained.end(), [](const LinkChange& x, const LinkChange& y) {
        return x.delta != y.delta ? x.delta > y.delta : x.id < y.id;
    });
    std::sort(out.lost.begin(), out.lost.end(), [](const LinkChange& x, const LinkChange& y) {
        return x.delta != y.delta ? x.delta < y.delta : x.id < y.id;
    });
    if (out.gained.size() > count) out.gained.resize(count);
    if (out.lost.size() > count) out.lost.resize(count);
    return out;
}

}  // namespace citytwin::io
