#include "io/output/h5_attributes.hpp"

#include <vector>

#include "io/output/h5_handles.hpp"
#include "io/output/h5_types.hpp"

namespace citytwin::io::h5 {
namespace {

// Replaces an existing attribute of the same name so writers can be re-run on one object.
Handle create_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t space) {
    if (H5Aexists(object, name.c_str()) > 0)
        check_status(H5Adelete(object, name.c_str()), "deleting attribute '" + name + "'");
    return attribute(H5Acreate2(object, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                     "creating attribute '" + name + "'");
}

template <typename T>
void write_scalar(hid_t object, const std::string& name, T value) {
    Handle scalar = space(H5Screate(H5S_SCALAR), "creating scalar dataspace");
    Handle attr = create_attribute(object, name, file_type<T>(), scalar);
    check_status(H5Awrite(attr, memory_type<T>(), &value), "writing attribute '" + name + "'");
}

template <typename T>
T read_scalar(hid_t object, const std::string& name) {
    Handle attr =
        attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), "opening attribute '" + name + "'");
    Handle attr_space = space(H5Aget_space(attr), "reading attribute dataspace");
    if (H5Sget_simple_extent_npoints(attr_space) != 1)
        throw OutputError("attribute '" + name + "' is not a scalar");
    T value{};
    check_status(H5Aread(attr, memory_type<T>(), &value), "reading attribute '" + name + "'");
    return value;
}

}  // namespace

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
    Handle str_type = variable_string_type();
    Handle scalar = space(H5Screate(H5S_SCALAR), "creating scalar dataspace");
    Handle attr = create_attribute(object, name, str_type, scalar);
    const char* data = value.c_str();
    check_status(H5Awrite(attr, str_type, &data), "writing attribute '" + name + "'");
}

void write_double_attribute(hid_t object, const std::string& name, double value) {
    write_scalar(object, name, value);
}
void write_int32_attribute(hid_t object, const std::string& name, std::int32_t value) {
    write_scalar(object, name, value);
}
void write_uint64_attribute(hid_t object, const std::string& name, std::uint64_t value) {
    write_scalar(object, name, value);
}

void write_int8_array_attribute(hid_t object, const std::string& name,
                                std::span<const std::int8_t> values) {
    const hsize_t n = values.size();
    Handle array_space = space(H5Screate_simple(1, &n, nullptr), "creating attribute dataspace");
    Handle attr = create_attribute(object, name, file_type<std::int8_t>(), array_space);
    check_status(H5Awrite(attr, memory_type<std::int8_t>(), values.data()),
                 "writing attribute '" + name + "'");
}

void write_units(hid_t object, const std::string& units, const std::string& long_name) {
    write_string_attribute(object, "units", units);
    write_string_attribute(object, "long_name", long_name);
}

bool has_attribute(hid_t object, const std::string& name) {
    const htri_t exists = H5Aexists(object, name.c_str());
    check_status(static_cast<herr_t>(exists), "looking up attribute '" + name + "'");
    return exists > 0;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
    Handle attr =
        attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), "opening attribute '" + name + "'");
    Handle stored = type(H5Aget_type(attr), "reading type of attribute '" + name + "'");
    if (H5Tget_class(stored) != H5T_STRING)
        throw OutputError("attribute '" + name + "' is not a string");
    Handle attr_space = space(H5Aget_space(attr), "reading attribute dataspace");
    if (H5Sget_simple_extent_npoints(attr_space) != 1)
        throw OutputError("attribute '" + name + "' is not a scalar string");

    if (H5Tis_variable_str(stored) > 0) {
        Handle mem = variable_string_type_like(stored);
        char* data = nullptr;
        check_status(H5Aread(attr, mem, &data), "reading attribute '" + name + "'");
        std::string value = data != nullptr ? data : "";
        H5free_memory(data);
        return value;
    }
    // Fixed length (files written by other tools): read the bytes, stop at the first NUL.
    const std::size_t size = H5Tget_size(stored);
    std::vector<char> buffer(size + 1, '\0');
    Handle mem = type(H5Tcopy(H5T_C_S1), "copying string type");
    check_status(H5Tset_size(mem, size + 1), "sizing string type");
    check_status(H5Tset_cset(mem, H5Tget_cset(stored)), "setting string character set");
    check_status(H5Aread(attr, mem, buffer.data()), "reading attribute '" + name + "'");
    return std::string(buffer.data());
}

double read_double_attribute(hid_t object, const std::string& name) {
    return read_scalar<double>(object, name);
}
std::int64_t read_int64_attribute(hid_t object, const std::string& name) {
    return read_scalar<std::int64_t>(object, name);
}
std::uint64_t read_uint64_attribute(hid_t object, const std::string& name) {
    return read_scalar<std::uint64_t>(object, name);
}

}  // namespace citytwin::io::h5
