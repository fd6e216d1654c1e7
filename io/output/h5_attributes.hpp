#pragma once
// Scalar attributes on any HDF5 object: variable-length UTF-8 strings and numbers. Strings are
// stored variable-length so long values (the scenario YAML) live in the global heap rather
// than the 64 KiB object header.
#include <hdf5.h>

#include <cstdint>
#include <span>
#include <string>

namespace citytwin::io::h5 {

void write_string_attribute(hid_t object, const std::string& name, const std::string& value);
void write_double_attribute(hid_t object, const std::string& name, double value);
void write_int32_attribute(hid_t object, const std::string& name, std::int32_t value);
void write_uint64_attribute(hid_t object, const std::string& name, std::uint64_t value);
void write_int8_array_attribute(hid_t object, const std::string& name,
                                std::span<const std::int8_t> values);

// The two attributes every dataset in a run file carries.
void write_units(hid_t object, const std::string& units, const std::string& long_name);

bool has_attribute(hid_t object, const std::string& name);

// Readers convert to the requested type; strings may be fixed or variable length.
std::string read_string_attribute(hid_t object, const std::string& name);
double read_double_attribute(hid_t object, const std::string& name);
std::int64_t read_int64_attribute(hid_t object, const std::string& name);
std::uint64_t read_uint64_attribute(hid_t object, const std::string& name);

}  // namespace citytwin::io::h5
