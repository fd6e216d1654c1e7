#pragma once
// Independent, plain HDF5 C API reads for the tests, so the checks do not rely on the code
// under test. Each helper opens what it needs and closes it again.
#include <hdf5.h>

#include <string>
#include <vector>

namespace citytwin::io::test {

std::vector<hsize_t> shape_of(hid_t file, const std::string& path);
std::vector<double> read_doubles(hid_t file, const std::string& path);  // converts any number
std::vector<long long> read_integers(hid_t file, const std::string& path);
std::vector<std::string> read_string_column(hid_t file, const std::string& path);
std::string string_attribute(hid_t object, const std::string& name);  // "" if absent
bool has_string_attribute(hid_t object, const std::string& name);

}  // namespace citytwin::io::test
