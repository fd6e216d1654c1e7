#include "tests/io/output/test_h5_read.hpp"

#include <stdexcept>

namespace citytwin::io::test {
namespace {

hid_t must(hid_t id, const std::string& what) {
    if (id < 0) throw std::runtime_error("HDF5 failed: " + what);
    return id;
}

std::size_t element_count(hid_t dataset) {
    const hid_t space = must(H5Dget_space(dataset), "get_space");
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    H5Sclose(space);
    return n;
}

template <typename T>
std::vector<T> read_as(hid_t file, const std::string& path, hid_t memory) {
    const hid_t ds = must(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path);
    std::vector<T> values(element_count(ds));
    if (!values.empty() && H5Dread(ds, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
        H5Dclose(ds);
        throw std::runtime_error("HDF5 failed: read " + path);
    }
    H5Dclose(ds);
    return values;
}

}  // namespace

std::vector<hsize_t> shape_of(hid_t file, const std::string& path) {
    const hid_t ds = must(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path);
    const hid_t space = must(H5Dget_space(ds), "get_space");
    std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    H5Sclose(space);
    H5Dclose(ds);
    return dims;
}

std::vector<double> read_doubles(hid_t file, const std::string& path) {
    return read_as<double>(file, path, H5T_NATIVE_DOUBLE);
}

std::vector<long long> read_integers(hid_t file, const std::string& path) {
    return read_as<long long>(file, path, H5T_NATIVE_LLONG);
}

std::vector<std::string> read_string_column(hid_t file, const std::string& path) {
    const hid_t ds = must(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    std::vector<char*> raw(element_count(ds), nullptr);
    std::vector<std::string> values;
    if (!raw.empty() && H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) >= 0) {
        for (char* p : raw) {
            values.emplace_back(p != nullptr ? p : "");
            H5free_memory(p);
        }
    }
    H5Tclose(type);
    H5Dclose(ds);
    return values;
}

bool has_string_attribute(hid_t object, const std::string& name) {
    if (H5Aexists(object, name.c_str()) <= 0) return false;
    const hid_t attr = H5Aopen(object, name.c_str(), H5P_DEFAULT);
    const hid_t type = H5Aget_type(attr);
    const bool is_string = H5Tget_class(type) == H5T_STRING;
    H5Tclose(type);
    H5Aclose(attr);
    return is_string;
}

std::string string_attribute(hid_t object, const std::string& name) {
    if (!has_string_attribute(object, name)) return "";
    const hid_t attr = H5Aopen(object, name.c_str(), H5P_DEFAULT);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    char* raw = nullptr;
    std::string value;
    if (H5Aread(attr, type, &raw) >= 0 && raw != nullptr) value = raw;
    H5free_memory(raw);
    H5Tclose(type);
    H5Aclose(attr);
    return value;
}

}  // namespace citytwin::io::test
