#include "io/output/h5_datasets.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>

#include "io/output/h5_attributes.hpp"

namespace citytwin::io::h5 {

Handle make_group(hid_t loc, const char* path) {
    return group(H5Gcreate2(loc, path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), std::string("creating group '") + path + "'");
}

Handle compressed_layout(int rank, const hsize_t* chunk, hid_t fill_type, const void* fill) {
    Handle dcpl = plist(H5Pcreate(H5P_DATASET_CREATE), "creating dataset creation list");
    check_status(H5Pset_chunk(dcpl, rank, chunk), "setting chunk shape");
    // Shuffle before deflate groups the bytes of similar numbers; it typically halves sizes.
    check_status(H5Pset_shuffle(dcpl), "enabling shuffle filter");
    check_status(H5Pset_deflate(dcpl, kGzipLevel), "enabling gzip filter");
    if (fill != nullptr)
        check_status(H5Pset_fill_value(dcpl, fill_type, fill), "setting fill value");
    return dcpl;
}

Handle plain_chunked_layout(int rank, const hsize_t* chunk, hid_t fill_type, const void* fill) {
    Handle dcpl = plist(H5Pcreate(H5P_DATASET_CREATE), "creating dataset creation list");
    check_status(H5Pset_chunk(dcpl, rank, chunk), "setting chunk shape");
    if (fill != nullptr)
        check_status(H5Pset_fill_value(dcpl, fill_type, fill), "setting fill value");
    return dcpl;
}

Handle write_array(hid_t loc, const std::string& name, hid_t memory, hid_t file, std::size_t size,
                   const void* data, const Description& description) {
    const hsize_t dims = size;
    Handle file_space = space(H5Screate_simple(1, &dims, nullptr), "creating dataspace");
    Handle dcpl = plist(H5Pcreate(H5P_DATASET_CREATE), "creating dataset creation list");
    if (size > 0) {
        const hsize_t chunk = chunk_rows_for(size, H5Tget_size(file));
        dcpl = compressed_layout(1, &chunk, H5I_INVALID_HID, nullptr);
    }
    Handle ds =
        dataset(H5Dcreate2(loc, name.c_str(), file, file_space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating dataset '" + name + "'");
    if (size > 0)
        check_status(H5Dwrite(ds, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
                     "writing dataset '" + name + "'");
    write_units(ds, description.units, description.long_name);
    return ds;
}

Handle write_string_array(hid_t loc, const std::string& name,
                          const std::vector<std::string>& values, const Description& description) {
    const hsize_t dims = values.size();
    Handle file_space = space(H5Screate_simple(1, &dims, nullptr), "creating dataspace");
    Handle str = variable_string_type();
    Handle ds = dataset(
        H5Dcreate2(loc, name.c_str(), str, file_space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        "creating dataset '" + name + "'");
    if (!values.empty()) {
        std::vector<const char*> pointers;
        pointers.reserve(values.size());
        for (const auto& v : values) pointers.push_back(v.c_str());
        check_status(H5Dwrite(ds, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                     "writing dataset '" + name + "'");
    }
    write_units(ds, description.units, description.long_name);
    return ds;
}

hsize_t chunk_rows_for(std::size_t preferred_rows, std::size_t element_bytes) {
    const std::size_t cap =
        std::max<std::size_t>(1, kMaxChunkBytes / std::max<std::size_t>(1, element_bytes));
    return std::clamp<std::size_t>(preferred_rows, 1, cap);
}

ExtendableDataset::ExtendableDataset(hid_t loc, const std::string& name, hid_t memory, hid_t file,
                                     int rank, std::size_t width, hsize_t chunk_rows,
                                     const void* fill, const Description& description)
    : memory_(memory), width_(rank == 2 ? width : 0), rank_(rank), name_(name) {
    const std::size_t element = H5Tget_size(file);
    hsize_t dims[2] = {0, width};
    // A row of width 0 (a network without links) still needs a valid chunk shape, which must
    // not exceed a fixed maximum; an unlimited second dimension allows that.
    hsize_t max_dims[2] = {H5S_UNLIMITED, width > 0 ? width : H5S_UNLIMITED};
    // Rows of a 1-D table grow chunk by chunk, and the last, partial chunk is written again at
    // every flush. Compressed, each rewrite moves it, and in SWMR mode HDF5 does not reuse the
    // space it leaves (the demo's file grew from 23 MB to 200 MB): uncompressed chunks of at
    // most 8,192 rows are rewritten in place. Frames (rank 2, one per chunk) stay compressed.
    constexpr hsize_t kPlainChunkRows = 8192;
    hsize_t chunk[2] = {std::min(chunk_rows_for(chunk_rows, element), kPlainChunkRows), 1};
    if (rank_ == 2) {
        chunk[0] = 1;
        chunk[1] = chunk_rows_for(width, element);  // splits very wide rows at ~1 MiB
    }
    Handle file_space = space(H5Screate_simple(rank_, dims, max_dims), "creating dataspace");
    Handle dcpl = rank_ == 2 ? compressed_layout(rank_, chunk, memory, fill) : plain_chunked_layout(rank_, chunk, memory, fill);
    dataset_ =
        dataset(H5Dcreate2(loc, name.c_str(), file, file_space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating dataset '" + name + "'");
    write_units(dataset_, description.units, description.long_name);
}

void ExtendableDataset::extend_to(hsize_t rows) {
    const hsize_t dims[2] = {rows, width_};
    check_status(H5Dset_extent(dataset_, dims), "extending dataset '" + name_ + "'");
    rows_ = rows;
}

void ExtendableDataset::append(const void* data, hsize_t rows) {
    if (rows == 0) return;
    // The file is the truth: a resumed run's prefix is copied in below this handle.
    rows_ = length(dataset_.get());
    const hsize_t first = rows_;
    extend_to(rows_ + rows);
    const hsize_t elements = rank_ == 2 ? rows * width_ : rows;
    if (elements == 0) return;  // rows of width 0: only the extent changes
    Handle file_space = space(H5Dget_space(dataset_), "reading dataspace of '" + name_ + "'");
    const hsize_t start[2] = {first, 0};
    const hsize_t count[2] = {rows, width_};
    check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr),
                 "selecting rows of '" + name_ + "'");
    Handle memory_space = space(H5Screate_simple(1, &elements, nullptr), "creating dataspace");
    check_status(H5Dwrite(dataset_, memory_, memory_space, file_space, H5P_DEFAULT, data),
                 "writing dataset '" + name_ + "'");
}

void make_scale(hid_t dataset_id, const std::string& dimension_name) {
    check_status(H5DSset_scale(dataset_id, dimension_name.c_str()),
                 "making '" + dimension_name + "' a dimension scale");
}

void attach_scale(hid_t dataset_id, hid_t scale, unsigned dimension) {
    check_status(H5DSattach_scale(dataset_id, scale, dimension), "attaching a dimension scale");
}

namespace {
// The NAME netCDF-C gives such scales; netCDF readers (h5netcdf, netCDF4) recognise the prefix.
std::string bare_dimension_name(hsize_t size) {
    char name[96];
    std::snprintf(name, sizeof name, "This is a netCDF dimension but not a netCDF variable.%10llu",
                  static_cast<unsigned long long>(size));
    return name;
}
}  // namespace

Handle create_bare_dimension(hid_t loc, const std::string& name, hsize_t size,
                             const Description& description) {
    Handle file_space = space(H5Screate_simple(1, &size, nullptr), "creating dataspace");
    Handle ds = dataset(H5Dcreate2(loc, name.c_str(), H5T_IEEE_F32LE, file_space, H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        "creating dimension '" + name + "'");
    make_scale(ds, bare_dimension_name(size));
    write_units(ds, description.units, description.long_name);
    return ds;
}

ExtendableDataset create_bare_unlimited_dimension(hid_t loc, const std::string& name,
                                                  const Description& description) {
    ExtendableDataset ds = ExtendableDataset::make_1d<float>(loc, name, 1024, 0.0f, description);
    make_scale(ds.id(), bare_dimension_name(0));
    return ds;
}

bool path_exists(hid_t loc, const std::string& path) {
    std::size_t end = 0;
    while (end != std::string::npos) {
        end = path.find('/', end + 1);
        const std::string prefix = path.substr(0, end);
        const htri_t exists = H5Lexists(loc, prefix.c_str(), H5P_DEFAULT);
        if (exists <= 0) {
            H5Eclear2(H5E_DEFAULT);
            return false;
        }
    }
    return true;
}

Handle open_dataset(hid_t loc, const std::string& path) {
    return dataset(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), "opening dataset '" + path + "'");
}

std::vector<hsize_t> extent(hid_t dataset_id) {
    Handle file_space = space(H5Dget_space(dataset_id), "reading dataspace");
    const int rank = H5Sget_simple_extent_ndims(file_space);
    check_status(rank, "reading dataspace rank");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(file_space, dims.data(), nullptr);
    return dims;
}

hsize_t length(hid_t dataset_id) {
    const auto dims = extent(dataset_id);
    return dims.empty() ? 1 : dims[0];
}

void read_range(hid_t dataset_id, hid_t memory, hsize_t start, hsize_t count, void* out) {
    if (count == 0) return;
    Handle file_space = space(H5Dget_space(dataset_id), "reading dataspace");
    if (H5Sget_simple_extent_ndims(file_space) == 1) {
        check_status(
            H5Sselect_hyperslab(file_space, H5S_SELECT_SET, &start, nullptr, &count, nullptr),
            "selecting elements");
    } else if (start != 0 || count != 1) {
        throw OutputError("expected a 1-D dataset");
    }
    Handle memory_space = space(H5Screate_simple(1, &count, nullptr), "creating dataspace");
    check_status(H5Dread(dataset_id, memory, memory_space, file_space, H5P_DEFAULT, out),
                 "reading dataset");
}

std::vector<std::string> read_strings(hid_t dataset_id) {
    const hsize_t n = length(dataset_id);
    std::vector<std::string> values;
    if (n == 0) return values;
    Handle stored = type(H5Dget_type(dataset_id), "reading dataset type");
    if (H5Tget_class(stored) != H5T_STRING || H5Tis_variable_str(stored) <= 0)
        throw OutputError("expected a variable-length string dataset");
    Handle str = variable_string_type_like(stored);
    std::vector<char*> pointers(n, nullptr);
    Handle file_space = space(H5Dget_space(dataset_id), "reading dataspace");
    check_status(H5Dread(dataset_id, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                 "reading strings");
    values.reserve(n);
    for (char* p : pointers) values.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(str, file_space, H5P_DEFAULT, pointers.data());
    return values;
}

namespace {
// H5Ovisit's callback type changed in HDF5 1.12; accept both.
#if H5_VERSION_GE(1, 12, 0)
using ObjectInfo = H5O_info2_t;
#else
using ObjectInfo = H5O_info_t;
#endif
herr_t collect_dataset(hid_t /*object*/, const char* name, const ObjectInfo* info, void* out) {
    if (info->type == H5O_TYPE_DATASET)
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
}
}  // namespace

std::vector<std::string> list_datasets(hid_t group_id) {
    std::vector<std::string> names;
#if H5_VERSION_GE(1, 12, 0)
    const herr_t status =
        H5Ovisit3(group_id, H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &names, H5O_INFO_BASIC);
#else
    const herr_t status =
        H5Ovisit2(group_id, H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &names, H5O_INFO_BASIC);
#endif
    check_status(status, "listing datasets");
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace citytwin::io::h5
