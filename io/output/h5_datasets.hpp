#pragma once
// Datasets as a run file uses them: fixed 1-D arrays written once (geometry), datasets that
// grow along their first dimension (time series, ragged vehicle frames, trip columns),
// dimension scales, and the read-side helpers the reader and comparer share.
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/output/h5_handles.hpp"
#include "io/output/h5_types.hpp"

namespace citytwin::io::h5 {

inline constexpr int kGzipLevel = 4;
// Chunks above ~1 MiB thrash HDF5's default 1 MiB chunk cache and make partial reads slow.
inline constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;

struct Description {
    std::string units;
    std::string long_name;
};

// A new group at `path` (relative to `loc`, or absolute). Throws OutputError naming it.
Handle make_group(hid_t loc, const char* path);

// Creation property list: chunked, shuffle + gzip, with an optional fill value.
Handle compressed_layout(int rank, const hsize_t* chunk, hid_t fill_type, const void* fill);
// Chunked without filters, so a chunk rewritten keeps its place in the file.
Handle plain_chunked_layout(int rank, const hsize_t* chunk, hid_t fill_type, const void* fill);

// Fixed-size 1-D numeric dataset written once, chunked + gzip when not empty.
Handle write_array(hid_t loc, const std::string& name, hid_t memory, hid_t file, std::size_t size,
                   const void* data, const Description& description);
template <typename T>
Handle write_array(hid_t loc, const std::string& name, std::span<const T> values,
                   const Description& description) {
    return write_array(loc, name, memory_type<T>(), file_type<T>(), values.size(), values.data(),
                       description);
}

// Fixed-size 1-D dataset of variable-length UTF-8 strings.
Handle write_string_array(hid_t loc, const std::string& name,
                          const std::vector<std::string>& values, const Description& description);

hsize_t length(hid_t dataset);  // first dimension; 1 for a scalar

// A dataset whose first dimension is unlimited and grows by append(): rank 1, or rank 2 with
// a fixed row width. Rank-2 chunks hold one row (split when a row exceeds kMaxChunkBytes) so
// each output interval is written, compressed and read back on its own.
class ExtendableDataset {
public:
    ExtendableDataset() = default;
    // rank 1: `chunk_rows` elements per chunk; rank 2: rows of `width` elements.
    ExtendableDataset(hid_t loc, const std::string& name, hid_t memory, hid_t file, int rank,
                      std::size_t width, hsize_t chunk_rows, const void* fill,
                      const Description& description);

    template <typename T>
    static ExtendableDataset make_1d(hid_t loc, const std::string& name, hsize_t chunk_rows, T fill,
                                     const Description& description) {
        return ExtendableDataset(loc, name, memory_type<T>(), file_type<T>(), 1, 0, chunk_rows,
                                 &fill, description);
    }
    template <typename T>
    static ExtendableDataset make_2d(hid_t loc, const std::string& name, std::size_t width, T fill,
                                     const Description& description) {
        return ExtendableDataset(loc, name, memory_type<T>(), file_type<T>(), 2, width, 1, &fill,
                                 description);
    }

    // Appends `rows` rows (each `width` elements for rank 2) from contiguous memory.
    void append(const void* data, hsize_t rows);
    template <typename T>
    void append(const std::vector<T>& values) {
        append(values.data(), rank_ == 2 ? 1 : values.size());
    }
    // Grows without writing (dimension-only datasets, whose chunks are never allocated).
    void extend_to(hsize_t rows);

    hsize_t rows() const { return length(dataset_.get()); }
    hid_t id() const { return dataset_.get(); }

private:
    Handle dataset_;
    hid_t memory_ = H5I_INVALID_HID;
    std::size_t width_ = 0;
    int rank_ = 1;
    hsize_t rows_ = 0;
    std::string name_;
};

// Rows per chunk for a 1-D dataset of elements of `element_bytes`, capped at kMaxChunkBytes.
hsize_t chunk_rows_for(std::size_t preferred_rows, std::size_t element_bytes);

// Dimension scales (HDF5 DS API), which netCDF-4 readers such as xarray/h5netcdf map to
// dimensions and coordinates.
void make_scale(hid_t dataset, const std::string& dimension_name);
void attach_scale(hid_t dataset, hid_t scale, unsigned dimension);

// A netCDF-style "dimension without coordinate variable": a scale that holds no data (its
// storage is never allocated) and exists only so the datasets that use it share a dimension.
Handle create_bare_dimension(hid_t loc, const std::string& name, hsize_t size,
                             const Description& description);
ExtendableDataset create_bare_unlimited_dimension(hid_t loc, const std::string& name,
                                                  const Description& description);

// --- reading ---------------------------------------------------------------------------------
bool path_exists(hid_t loc, const std::string& path);  // every component of a/b/c must exist
Handle open_dataset(hid_t loc, const std::string& path);
std::vector<hsize_t> extent(hid_t dataset);
hsize_t length(hid_t dataset);  // first dimension; 1 for a scalar

// Reads elements [start, start + count) of a 1-D dataset, converting to T.
void read_range(hid_t dataset, hid_t memory, hsize_t start, hsize_t count, void* out);
template <typename T>
std::vector<T> read_range(hid_t dataset, hsize_t start, hsize_t count) {
    std::vector<T> values(count);
    read_range(dataset, memory_type<T>(), start, count, values.data());
    return values;
}
template <typename T>
std::vector<T> read_all(hid_t dataset) {
    return read_range<T>(dataset, 0, length(dataset));
}
std::vector<std::string> read_strings(hid_t dataset);

// Paths (relative to `group`, sorted by name) of every dataset below it, recursively.
std::vector<std::string> list_datasets(hid_t group);

}  // namespace citytwin::io::h5
