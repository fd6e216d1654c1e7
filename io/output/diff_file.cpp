#include "io/output/diff_file.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>

#include "io/output/cf_time.hpp"
#include "io/output/georeference_attributes.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/kpi_comparison.hpp"
#include "io/output/run_layout.hpp"
#include "io/output/run_statistics.hpp"
#include "sim/core/utc_clock.hpp"

namespace citytwin::io {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kLinkSeries[] = {"entered", "left", "mean_speed", "density", "mean_travel_time"};
const char* const kBusSeries[] = {"v", "p", "q", "p_base", "p_temperature", "p_ev", "p_pv"};

using h5::make_group;
using Pairs = std::optional<std::vector<std::size_t>>;

struct Files {
    std::vector<h5::Handle> base, variant;
};

std::string lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : "\n") + s;
    return out;
}

std::string optional_string(hid_t object, const std::string& name) {
    return h5::has_attribute(object, name) ? h5::read_string_attribute(object, name) : "";
}

// Row `row` of a dataset (every element at that index of the first dimension), as doubles.
std::vector<double> read_row(hid_t dataset, std::uint64_t row) {
    const std::vector<hsize_t> dims = h5::extent(dataset);
    std::vector<hsize_t> start(dims.size(), 0), count = dims;
    start[0] = row;
    count[0] = 1;
    const hsize_t elements = std::accumulate(count.begin(), count.end(), hsize_t{1}, std::multiplies<>());
    std::vector<double> values(elements, kNaN);
    if (elements == 0) return values;
    h5::Handle file_space = h5::space(H5Dget_space(dataset), "reading dataspace");
    h5::check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
                     "selecting a row");
    h5::Handle memory = h5::space(H5Screate_simple(1, &elements, nullptr), "creating dataspace");
    h5::check_status(H5Dread(dataset, H5T_NATIVE_DOUBLE, memory, file_space, H5P_DEFAULT, values.data()),
                     "reading a row");
    return values;
}

// The variant's row in the base's order: entry i is the variant's entry remap[i] (NaN at -1).
std::vector<double> in_base_order(const std::vector<double>& row, const std::vector<std::int64_t>* remap) {
    if (remap == nullptr) return row;
    std::vector<double> out(remap->size(), kNaN);
    for (std::size_t i = 0; i < remap->size(); ++i)
        if ((*remap)[i] >= 0) out[i] = row.at(static_cast<std::size_t>((*remap)[i]));
    return out;
}

struct RowDifference {
    std::vector<double> delta, low, high;
    std::vector<std::int8_t> significant;
};

// Per element, the difference of the finite values: paired by seed when `pairs` is set (pairs
// with a NaN on either side left out), Welch otherwise. NaN where a side has no finite value.
RowDifference differences(const std::vector<std::vector<double>>& base, const std::vector<std::vector<double>>& variant,
                          const Pairs& pairs, double confidence) {
    const std::size_t n = base.front().size();
    RowDifference r{std::vector<double>(n), std::vector<double>(n), std::vector<double>(n),
                    std::vector<std::int8_t>(n)};
    std::vector<double> xs, ys;
    for (std::size_t e = 0; e < n; ++e) {
        xs.clear();
        ys.clear();
        DifferenceEstimate d;
        if (pairs) {
            for (std::size_t i = 0; i < variant.size(); ++i) {
                const double x = base[(*pairs)[i]][e], y = variant[i][e];
                if (std::isfinite(x) && std::isfinite(y)) {
                    xs.push_back(x);
                    ys.push_back(y);
                }
            }
            d = paired_difference(xs, ys, confidence);
        } else {
            for (const auto& row : base)
                if (std::isfinite(row[e])) xs.push_back(row[e]);
            for (const auto& row : variant)
                if (std::isfinite(row[e])) ys.push_back(row[e]);
            d = welch_difference(xs, ys, confidence);
        }
        r.delta[e] = d.delta;
        r.low[e] = d.ci_low;
        r.high[e] = d.ci_high;
        r.significant[e] = std::isnan(d.ci_low) ? -1 : (d.ci_low > 0.0 || d.ci_high < 0.0 ? 1 : 0);
    }
    return r;
}

// One dataset of (frame, row...) written frame by frame, chunked one frame per chunk (split
// along the second dimension above the chunk size limit), shuffle + gzip.
class FrameDataset {
public:
    FrameDataset(hid_t group, const std::string& name, hsize_t frames, const std::vector<hsize_t>& row_dims,
                 hid_t file_type, hid_t memory_type, const void* fill, const h5::Description& d,
                 const std::vector<hid_t>& scales)
        : memory_(memory_type), row_dims_(row_dims), name_(name) {
        std::vector<hsize_t> dims = {frames};
        dims.insert(dims.end(), row_dims.begin(), row_dims.end());
        std::vector<hsize_t> chunk = dims;
        chunk[0] = 1;
        const std::size_t element = H5Tget_size(file_type);
        hsize_t inner = 1;
        for (std::size_t j = 2; j < dims.size(); ++j) inner *= std::max<hsize_t>(1, dims[j]);
        for (hsize_t& c : chunk) c = std::max<hsize_t>(1, c);
        if (dims.size() > 1)
            chunk[1] = std::clamp<hsize_t>(h5::kMaxChunkBytes / (element * inner), 1, std::max<hsize_t>(1, dims[1]));
        // The first dimension may be 0 (no frame in common), which a fixed chunked extent refuses.
        std::vector<hsize_t> max_dims = dims;
        max_dims[0] = H5S_UNLIMITED;
        h5::Handle space = h5::space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.data()),
                                     "creating dataspace");
        h5::Handle dcpl = h5::compressed_layout(static_cast<int>(chunk.size()), chunk.data(), memory_type, fill);
        dataset_ = h5::dataset(H5Dcreate2(group, name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                               "creating dataset '" + name + "'");
        h5::write_units(dataset_, d.units, d.long_name);
        for (std::size_t j = 0; j < scales.size(); ++j) h5::attach_scale(dataset_, scales[j], static_cast<unsigned>(j));
    }

    void write(hsize_t frame, const void* values) {
        std::vector<hsize_t> start(row_dims_.size() + 1, 0), count = {1};
        start[0] = frame;
        count.insert(count.end(), row_dims_.begin(), row_dims_.end());
        const hsize_t elements = std::accumulate(count.begin(), count.end(), hsize_t{1}, std::multiplies<>());
        if (elements == 0) return;
        h5::Handle file_space = h5::space(H5Dget_space(dataset_), "reading dataspace");
        h5::check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
                         "selecting a frame of '" + name_ + "'");
        h5::Handle memory = h5::space(H5Screate_simple(1, &elements, nullptr), "creating dataspace");
        h5::check_status(H5Dwrite(dataset_, memory_, memory, file_space, H5P_DEFAULT, values),
                         "writing '" + name_ + "'");
    }

    hid_t id() const { return dataset_.get(); }

private:
    h5::Handle dataset_;
    hid_t memory_;
    std::vector<hsize_t> row_dims_;
    std::string name_;
};

struct SeriesContext {
    const Files& files;
    const FrameMatch& frames;
    const Pairs& pairs;
    double confidence = 0.95;
    bool intervals = false;  // at least two replications per side
};

std::string percent(double confidence) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g %%", 100.0 * confidence);
    return text;
}

// NAME (and with intervals NAME_ci_low, NAME_ci_high, NAME_significant) under `out` from the
// dataset `in_path` of every input; `remap` puts the variant's entries in the base's order.
void difference_series(const SeriesContext& c, hid_t out, const std::string& in_path, const std::string& name,
                       hid_t file_type, const std::vector<std::int64_t>* remap, const std::vector<hid_t>& scales) {
    for (const auto* side : {&c.files.base, &c.files.variant})
        for (const h5::Handle& f : *side)
            if (!h5::path_exists(f, in_path)) return;  // an older file without this series
    h5::Handle first = h5::open_dataset(c.files.base.front(), in_path);
    const std::vector<hsize_t> dims = h5::extent(first);
    const std::vector<hsize_t> row_dims(dims.begin() + 1, dims.end());
    const std::string units = optional_string(first, "units"), long_name = optional_string(first, "long_name");
    const hsize_t frames = c.frames.time_s.size();
    const bool is_double = H5Tequal(file_type, H5T_IEEE_F64LE) > 0;
    const hid_t memory = is_double ? H5T_NATIVE_DOUBLE : H5T_NATIVE_FLOAT;
    const double fill_d = kNaN;
    const float fill_f = std::numeric_limits<float>::quiet_NaN();
    const void* fill = is_double ? static_cast<const void*>(&fill_d) : static_cast<const void*>(&fill_f);
    FrameDataset delta(out, name, frames, row_dims, file_type, memory, fill,
                       {units, "difference, variant - base, of the " + long_name}, scales);
    std::optional<FrameDataset> low, high, significant;
    if (c.intervals) {
        low.emplace(out, name + "_ci_low", frames, row_dims, file_type, memory, fill,
                    h5::Description{units, "lower bound of the " + percent(c.confidence) +
                                               " confidence interval of the difference of the " + long_name},
                    scales);
        high.emplace(out, name + "_ci_high", frames, row_dims, file_type, memory, fill,
                     h5::Description{units, "upper bound of the " + percent(c.confidence) +
                                                " confidence interval of the difference of the " + long_name},
                     scales);
        const std::int8_t fill_mask = -1;
        significant.emplace(out, name + "_significant", frames, row_dims, H5T_STD_I8LE, H5T_NATIVE_INT8, &fill_mask,
                            h5::Description{"1", "1 if the " + percent(c.confidence) +
                                                     " interval of the difference excludes 0, 0 if not, -1 if "
                                                     "undefined (fewer than 2 values on a side)"},
                            scales);
        const std::int8_t codes[] = {-1, 0, 1};
        h5::write_int8_array_attribute(significant->id(), "flag_values", codes);
        h5::write_string_attribute(significant->id(), "flag_meanings", "undefined not_significant significant");
    }
    std::vector<h5::Handle> base_sets, variant_sets;
    for (const h5::Handle& f : c.files.base) base_sets.push_back(h5::open_dataset(f, in_path));
    for (const h5::Handle& f : c.files.variant) variant_sets.push_back(h5::open_dataset(f, in_path));
    auto narrow = [&](const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); };
    for (hsize_t k = 0; k < frames; ++k) {
        std::vector<std::vector<double>> b, v;
        for (std::size_t i = 0; i < base_sets.size(); ++i) b.push_back(read_row(base_sets[i], c.frames.base_rows[i][k]));
        for (std::size_t i = 0; i < variant_sets.size(); ++i)
            v.push_back(in_base_order(read_row(variant_sets[i], c.frames.variant_rows[i][k]), remap));
        const RowDifference r = differences(b, v, c.pairs, c.confidence);
        auto put = [&](FrameDataset& ds, const std::vector<double>& values) {
            if (is_double) ds.write(k, values.data());
            else ds.write(k, narrow(values).data());
        };
        put(delta, r.delta);
        if (c.intervals) {
            put(*low, r.low);
            put(*high, r.high);
            significant->write(k, r.significant.data());
        }
    }
}

herr_t collect_scale_path(hid_t /*dataset*/, unsigned /*dimension*/, hid_t scale, void* out) {
    const ssize_t size = H5Iget_name(scale, nullptr, 0);
    if (size <= 0) return -1;
    std::string name(static_cast<std::size_t>(size), '\0');
    H5Iget_name(scale, name.data(), name.size() + 1);
    static_cast<std::vector<std::string>*>(out)->push_back(name);
    return 0;
}

void delete_attribute_if_present(hid_t object, const char* name) {
    if (h5::has_attribute(object, name)) h5::check_status(H5Adelete(object, name), std::string("deleting '") + name + "'");
}

// Static groups (/network, /grid) copied whole from the base run. H5Ocopy leaves the object
// references of dimension scales pointing nowhere in the new file, so the scales are attached
// again, dimension by dimension, as they are in the base run.
void copy_group(hid_t from, hid_t to, const char* path) {
    if (!h5::path_exists(from, path)) return;
    h5::check_status(H5Ocopy(from, path, to, path, H5P_DEFAULT, H5P_DEFAULT), std::string("copying '") + path + "'");
    h5::Handle group = h5::group(H5Gopen2(from, path, H5P_DEFAULT), std::string("opening '") + path + "'");
    const std::vector<std::string> names = h5::list_datasets(group);
    for (const std::string& name : names) {
        h5::Handle copy = h5::open_dataset(to, std::string(path) + "/" + name);
        delete_attribute_if_present(copy, "DIMENSION_LIST");
        delete_attribute_if_present(copy, "REFERENCE_LIST");
    }
    for (const std::string& name : names) {
        h5::Handle source = h5::open_dataset(from, std::string(path) + "/" + name);
        h5::Handle copy = h5::open_dataset(to, std::string(path) + "/" + name);
        const auto rank = static_cast<unsigned>(h5::extent(source).size());
        for (unsigned d = 0; d < rank; ++d) {
            if (H5DSget_num_scales(source, d) <= 0) continue;
            std::vector<std::string> scales;
            h5::check_status(H5DSiterate_scales(source, d, nullptr, collect_scale_path, &scales),
                             "reading the dimension scales of '" + name + "'");
            for (const std::string& scale : scales) h5::attach_scale(copy, h5::open_dataset(to, scale), d);
        }
    }
}

h5::Handle time_scale(hid_t group, const char* name, const char* scale, const std::vector<double>& t,
                      const std::string& what) {
    h5::Handle ds = h5::write_array<double>(group, name, t, {"s", what});
    h5::make_scale(ds, scale);
    h5::write_cf_time_units(ds);
    return ds;
}

h5::Handle index_scale(hid_t group, const char* name, std::size_t n, const std::string& what) {
    std::vector<std::int32_t> index(n);
    std::iota(index.begin(), index.end(), 0);
    h5::Handle ds = h5::write_array<std::int32_t>(group, name, index, {"1", what});
    h5::make_scale(ds, name);
    return ds;
}

void write_root(hid_t out, const std::vector<CompareInput>& base, const std::vector<CompareInput>& variant,
                const Pairs& pairs, double confidence, bool intervals) {
    const sim::RunMetadata& m = base.front().summary.meta;
    std::vector<std::string> base_files, variant_files, base_seeds, variant_seeds;
    for (const auto& in : base) {
        base_files.push_back(in.summary.file);
        base_seeds.push_back(std::to_string(in.summary.meta.seed));
    }
    for (const auto& in : variant) {
        variant_files.push_back(in.summary.file);
        variant_seeds.push_back(std::to_string(in.summary.meta.seed));
    }
    h5::write_string_attribute(out, "format", std::string(layout::kFormat));
    h5::write_string_attribute(out, "kind", "difference");
    h5::write_string_attribute(out, "difference", "variant - base (the mean difference over replications)");
    h5::write_string_attribute(out, "base_files", lines(base_files));
    h5::write_string_attribute(out, "variant_files", lines(variant_files));
    h5::write_string_attribute(out, "base_seeds", lines(base_seeds));
    h5::write_string_attribute(out, "variant_seeds", lines(variant_seeds));
    h5::write_string_attribute(out, "interval",
                               !intervals ? "none (fewer than 2 replications on a side)"
                                          : (pairs ? "paired t (replications paired by seed: common random numbers)"
                                                   : "Welch t (independent replications)"));
    h5::write_double_attribute(out, "confidence", confidence);
    h5::write_string_attribute(out, "citytwin_version", CITYTWIN_VERSION);
    h5::write_string_attribute(out, "scenario_name", m.scenario_name);
    h5::write_string_attribute(out, "start", m.start);
    h5::write_double_attribute(out, "duration_s", m.duration_s);
    h5::write_double_attribute(out, "step_s", m.step_s);
    h5::write_double_attribute(out, "output_every_s", m.output_every_s);
    h5::write_string_attribute(out, "created_utc", sim::utc_now_iso());
    h5::write_string_attribute(out, "status", "complete");
}

}  // namespace

void write_difference_file(const std::string& path, const std::vector<CompareInput>& base,
                           const std::vector<CompareInput>& variant, const Alignment& a, double confidence) {
    std::vector<std::uint64_t> base_seeds, variant_seeds;
    for (const auto& in : base) base_seeds.push_back(in.summary.meta.seed);
    for (const auto& in : variant) variant_seeds.push_back(in.summary.meta.seed);
    const Pairs pairs = pair_by_seed(base_seeds, variant_seeds);
    const bool intervals = base.size() >= 2 && variant.size() >= 2;

    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);

    h5::LibraryLock lock;
    Files files;
    for (const auto& in : base) files.base.push_back(h5::open_file_read_only(in.summary.file));
    for (const auto& in : variant) files.variant.push_back(h5::open_file_read_only(in.summary.file));
    h5::Handle out = h5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                              "cannot create the difference file '" + path + "'");
    write_root(out, base, variant, pairs, confidence, intervals);
    h5::copy_georeference(h5::group(H5Gopen2(files.base.front(), "/", H5P_DEFAULT), "opening the base root"), out);
    copy_group(files.base.front(), out, layout::kNetwork);

    // --- /traffic: (time, link) in the base network's link order --------------------------------
    {
        h5::Handle traffic = make_group(out, layout::kTraffic);
        h5::Handle series = make_group(out, layout::kLinkSeries);
        h5::Handle time = time_scale(traffic, "time", "time", a.link_frames.time_s,
                                     "end of the output interval, since the base run's start");
        h5::Handle link_index = index_scale(traffic, "link_index", a.variant_link.size(), "link index into /network/links");
        const SeriesContext c{files, a.link_frames, pairs, confidence, intervals};
        for (const char* name : kLinkSeries)
            difference_series(c, series, std::string(layout::kLinkSeries) + "/" + name, name, H5T_IEEE_F32LE,
                              &a.variant_link, {time.get(), link_index.get()});
    }

    // --- /air/concentration: (time, y, x) ---------------------------------------------------------
    if (a.air && !a.air_fields.empty()) {
        const hid_t b = files.base.front();
        h5::Handle air = make_group(out, layout::kAir);
        h5::Handle base_air = h5::group(H5Gopen2(b, layout::kAir, H5P_DEFAULT), "opening '/air'");
        for (const char* attr : {"cell_size", "x0", "y0"})
            h5::write_double_attribute(air, attr, h5::read_double_attribute(base_air, attr));
        h5::write_string_attribute(air, "description",
                                   "differences (variant - base) of the air concentration fields; see docs/compare.md");
        h5::Handle x = h5::write_array<double>(air, "x", h5::read_all<double>(h5::open_dataset(b, "/air/x")),
                                               {"m", "x coordinate of the cell centres"});
        h5::Handle y = h5::write_array<double>(air, "y", h5::read_all<double>(h5::open_dataset(b, "/air/y")),
                                               {"m", "y coordinate of the cell centres"});
        h5::make_scale(x, "x");
        h5::make_scale(y, "y");
        h5::Handle time = time_scale(air, "time", "time", a.air_frames.time_s, "air output time, since the base run's start");
        h5::Handle concentration = make_group(air, "concentration");
        const SeriesContext c{files, a.air_frames, pairs, confidence, intervals};
        for (const std::string& name : a.air_fields)
            difference_series(c, concentration, "/air/concentration/" + name, name, H5T_IEEE_F32LE, nullptr,
                              {time.get(), y.get(), x.get()});
    }

    // --- /grid and /power/buses: (power_time, bus) in the base grid's bus order --------------------
    if (a.power) {
        copy_group(files.base.front(), out, layout::kGrid);
        h5::Handle power = make_group(out, layout::kPower);
        h5::Handle buses = make_group(out, layout::kPowerBuses);
        h5::Handle time = time_scale(power, "time", "power_time", a.power_frames.time_s,
                                     "end of the power step, since the base run's start");
        h5::Handle bus = index_scale(power, "bus", a.variant_bus.size(), "bus index into /grid/buses");
        const SeriesContext c{files, a.power_frames, pairs, confidence, intervals};
        for (const char* name : kBusSeries)
            difference_series(c, buses, std::string(layout::kPowerBuses) + "/" + name, name, H5T_IEEE_F64LE,
                              &a.variant_bus, {time.get(), bus.get()});
    }
    out.close("closing the difference file '" + path + "'");
}

}  // namespace citytwin::io
