#include "io/output/air_datasets.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

#include "io/output/cf_time.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/output_error.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
using h5::make_group;

}  // namespace

AirDatasets::AirDatasets(hid_t file, const sim::AirFrame& first) : grid_(first.grid) {
    group_ = make_group(file, layout::kAir);
    h5::write_double_attribute(group_, "cell_size", grid_.cell_m);
    h5::write_double_attribute(group_, "x0", grid_.x0_m);
    h5::write_double_attribute(group_, "y0", grid_.y0_m);
    h5::write_string_attribute(group_, "description",
                               "2-D Eulerian dispersion over the mixed layer; see docs/output-format.md and docs/models.md");
    std::vector<double> x(grid_.nx), y(grid_.ny);
    for (std::int32_t i = 0; i < grid_.nx; ++i) x[i] = grid_.x0_m + (i + 0.5) * grid_.cell_m;
    for (std::int32_t j = 0; j < grid_.ny; ++j) y[j] = grid_.y0_m + (j + 0.5) * grid_.cell_m;
    x_ = h5::write_array<double>(group_, "x", x, {"m", "x coordinate of the cell centres"});
    y_ = h5::write_array<double>(group_, "y", y, {"m", "y coordinate of the cell centres"});
    h5::make_scale(x_, "x");
    h5::make_scale(y_, "y");
    time_ = h5::ExtendableDataset::make_1d<double>(group_, "time", 512, std::numeric_limits<double>::quiet_NaN(),
                                                   {"s", "air output time, since scenario start"});
    h5::make_scale(time_.id(), "time");
    h5::write_cf_time_units(time_.id());
    concentration_ = make_group(group_, "concentration");
    emission_ = make_group(group_, "emission");
    weather_ = make_group(group_, "weather");
    wind_speed_ = h5::ExtendableDataset::make_1d<float>(weather_, "wind_speed", 512, kNaN,
                                                        {"m s-1", "wind speed in the last air step"});
    wind_from_ = h5::ExtendableDataset::make_1d<float>(
        weather_, "wind_from", 512, kNaN, {"degree", "direction the wind blew from, clockwise from north"});
    mixing_height_ = h5::ExtendableDataset::make_1d<float>(weather_, "mixing_height", 512, kNaN,
                                                           {"m", "mixing height (the model's vertical extent)"});
    diffusivity_ = h5::ExtendableDataset::make_1d<float>(weather_, "diffusivity", 512, kNaN,
                                                         {"m2 s-1", "horizontal eddy diffusivity"});
    for (const auto* ds : {&wind_speed_, &wind_from_, &mixing_height_, &diffusivity_})
        h5::attach_scale(ds->id(), time_.id(), 0);
    for (const sim::AirField& f : first.concentration) concentration_fields_.emplace(f.name, create_field(concentration_, f));
    for (const sim::AirField& f : first.emission) emission_fields_.emplace(f.name, create_field(emission_, f));
}

AirDatasets::Field3 AirDatasets::create_field(hid_t group, const sim::AirField& f) {
    const hsize_t nx = static_cast<hsize_t>(grid_.nx), ny = static_cast<hsize_t>(grid_.ny);
    hsize_t dims[3] = {0, ny, nx};
    hsize_t max_dims[3] = {H5S_UNLIMITED, ny, nx};
    // One output step per chunk, split along y when a field exceeds the chunk size limit.
    const hsize_t rows = std::clamp<hsize_t>(h5::kMaxChunkBytes / (4 * nx), 1, ny);
    hsize_t chunk[3] = {1, rows, nx};
    h5::Handle space = h5::space(H5Screate_simple(3, dims, max_dims), "creating dataspace");
    h5::Handle dcpl = h5::compressed_layout(3, chunk, H5T_NATIVE_FLOAT, &kNaN);
    Field3 out;
    out.dataset = h5::dataset(H5Dcreate2(group, f.name.c_str(), H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                              "creating dataset '" + f.name + "'");
    h5::write_units(out.dataset, f.units, f.long_name);
    h5::attach_scale(out.dataset, time_.id(), 0);
    h5::attach_scale(out.dataset, y_, 1);
    h5::attach_scale(out.dataset, x_, 2);
    return out;
}

void AirDatasets::append_field(Field3& field, const sim::AirField& f) {
    field.rows = h5::length(field.dataset);   // the file is the truth (a resumed run's copied prefix)
    const hsize_t nx = static_cast<hsize_t>(grid_.nx), ny = static_cast<hsize_t>(grid_.ny);
    if (f.values.size() != nx * ny) throw std::invalid_argument("air field '" + f.name + "' does not match the grid");
    const hsize_t dims[3] = {field.rows + 1, ny, nx};
    h5::check_status(H5Dset_extent(field.dataset, dims), "extending '" + f.name + "'");
    h5::Handle file_space = h5::space(H5Dget_space(field.dataset), "reading dataspace");
    const hsize_t start[3] = {field.rows, 0, 0}, count[3] = {1, ny, nx};
    h5::check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr), "selecting a frame");
    h5::Handle memory = h5::space(H5Screate_simple(3, count, nullptr), "creating dataspace");
    h5::check_status(H5Dwrite(field.dataset, H5T_NATIVE_FLOAT, memory, file_space, H5P_DEFAULT, f.values.data()),
                     "writing '" + f.name + "'");
    ++field.rows;
}

void AirDatasets::append(const sim::AirFrame& frame) {
    for (const sim::AirField& f : frame.concentration) {
        auto it = concentration_fields_.find(f.name);
        if (it == concentration_fields_.end()) throw OutputError("air field '" + f.name + "' was not in the first frame");
        append_field(it->second, f);
    }
    for (const sim::AirField& f : frame.emission) {
        auto it = emission_fields_.find(f.name);
        if (it == emission_fields_.end()) throw OutputError("emission field '" + f.name + "' was not in the first frame");
        append_field(it->second, f);
    }
    const float ws = static_cast<float>(frame.wind_speed_mps), wf = static_cast<float>(frame.wind_from_deg);
    const float mh = static_cast<float>(frame.mixing_height_m), k = static_cast<float>(frame.diffusivity_m2_s);
    wind_speed_.append(&ws, 1);
    wind_from_.append(&wf, 1);
    mixing_height_.append(&mh, 1);
    diffusivity_.append(&k, 1);
    time_.append(&frame.time_s, 1);  // last: readers count frames by the time axis
}

}  // namespace citytwin::io
