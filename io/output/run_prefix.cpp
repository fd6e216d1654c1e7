#include "io/output/run_prefix.hpp"

#include <algorithm>
#include <vector>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/output_error.hpp"

namespace citytwin::io {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{16} << 20;   // rows copied per read/write pair

struct Shape {
    std::vector<hsize_t> dims, max_dims;
};

Shape shape_of(hid_t dataset) {
    h5::Handle space = h5::space(H5Dget_space(dataset), "reading a dataspace");
    const int rank = H5Sget_simple_extent_ndims(space);
    Shape s;
    if (rank <= 0) return s;
    s.dims.resize(rank);
    s.max_dims.resize(rank);
    H5Sget_simple_extent_dims(space, s.dims.data(), s.max_dims.data());
    return s;
}

std::string fail_text(const DatasetExtent& e, const std::string& what) {
    return "dataset '/" + e.path + "': " + what;
}

}  // namespace

std::vector<DatasetExtent> growing_extents(hid_t file) {
    std::vector<DatasetExtent> out;
    for (const std::string& path : h5::list_datasets(file)) {
        h5::Handle ds = h5::open_dataset(file, path);
        const Shape s = shape_of(ds);
        if (!s.max_dims.empty() && s.max_dims[0] == H5S_UNLIMITED) out.push_back({path, s.dims[0]});
    }
    return out;
}

void copy_prefix(hid_t from, hid_t to, const std::vector<DatasetExtent>& extents) {
    for (const DatasetExtent& e : extents) {
        if (e.rows == 0) continue;
        if (!h5::path_exists(from, e.path)) throw OutputError(fail_text(e, "missing from the run file being continued"));
        if (!h5::path_exists(to, e.path))
            throw OutputError(fail_text(e, "this run does not write it (the layout of the two runs differs)"));
        h5::Handle src = h5::open_dataset(from, e.path), dst = h5::open_dataset(to, e.path);
        const Shape a = shape_of(src), b = shape_of(dst);
        if (a.dims.size() != b.dims.size() || !std::equal(a.dims.begin() + 1, a.dims.end(), b.dims.begin() + 1))
            throw OutputError(fail_text(e, "has another row shape in the two runs"));
        if (a.dims[0] < e.rows)
            throw OutputError(fail_text(e, "holds " + std::to_string(a.dims[0]) + " rows, the checkpoint recorded " +
                                               std::to_string(e.rows)));
        if (b.dims[0] != 0) throw OutputError(fail_text(e, "is not empty in the new file"));
        h5::Handle file_type = h5::type(H5Dget_type(src), "reading a datatype");
        if (H5Tis_variable_str(file_type) > 0 || H5Tget_class(file_type) == H5T_VLEN)
            throw OutputError(fail_text(e, "holds variable-length data, which a prefix copy does not handle"));
        h5::Handle memory = h5::type(H5Tget_native_type(file_type, H5T_DIR_ASCEND), "reading a datatype");
        std::vector<hsize_t> dims = b.dims;
        dims[0] = e.rows;
        h5::check_status(H5Dset_extent(dst, dims.data()), fail_text(e, "extending"));
        // A dimension without data (a bare netCDF dimension) only grows.
        if (H5Dget_storage_size(src) == 0) continue;
        hsize_t row_elements = 1;
        for (std::size_t i = 1; i < a.dims.size(); ++i) row_elements *= a.dims[i];
        const std::size_t row_bytes = std::max<std::size_t>(1, row_elements * H5Tget_size(memory));
        const hsize_t block = std::max<hsize_t>(1, kBlockBytes / row_bytes);
        std::vector<unsigned char> buffer;
        for (hsize_t r0 = 0; r0 < e.rows; r0 += block) {
            const hsize_t n = std::min(block, e.rows - r0);
            std::vector<hsize_t> start(a.dims.size(), 0), count = a.dims;
            start[0] = r0;
            count[0] = n;
            buffer.resize(static_cast<std::size_t>(n) * row_bytes);
            h5::Handle mem = h5::space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), "creating a dataspace");
            h5::Handle fs = h5::space(H5Dget_space(src), "reading a dataspace");
            h5::check_status(H5Sselect_hyperslab(fs, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), fail_text(e, "selecting rows"));
            h5::check_status(H5Dread(src, memory, mem, fs, H5P_DEFAULT, buffer.data()), fail_text(e, "reading"));
            h5::Handle ts = h5::space(H5Dget_space(dst), "reading a dataspace");
            h5::check_status(H5Sselect_hyperslab(ts, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), fail_text(e, "selecting rows"));
            h5::check_status(H5Dwrite(dst, memory, mem, ts, H5P_DEFAULT, buffer.data()), fail_text(e, "writing"));
        }
    }
}

}  // namespace citytwin::io
