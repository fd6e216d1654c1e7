#pragma once
// C++ type -> HDF5 type. Files always use explicit little-endian standard types, so a run
// written on any machine is byte-identical to one written on another (determinism checks
// compare raw dataset bytes); memory types are the native ones HDF5 converts from/to.
#include <hdf5.h>

#include <cstdint>
#include <type_traits>

#include "io/output/h5_handles.hpp"

namespace citytwin::io::h5 {

template <typename T>
hid_t memory_type() {
    if constexpr (std::is_same_v<T, std::int8_t>)
        return H5T_NATIVE_INT8;
    else if constexpr (std::is_same_v<T, std::int32_t>)
        return H5T_NATIVE_INT32;
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return H5T_NATIVE_INT64;
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return H5T_NATIVE_UINT64;
    else if constexpr (std::is_same_v<T, float>)
        return H5T_NATIVE_FLOAT;
    else if constexpr (std::is_same_v<T, double>)
        return H5T_NATIVE_DOUBLE;
    else
        static_assert(sizeof(T) == 0, "no HDF5 type for this C++ type");
}

template <typename T>
hid_t file_type() {
    if constexpr (std::is_same_v<T, std::int8_t>)
        return H5T_STD_I8LE;
    else if constexpr (std::is_same_v<T, std::int32_t>)
        return H5T_STD_I32LE;
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return H5T_STD_I64LE;
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return H5T_STD_U64LE;
    else if constexpr (std::is_same_v<T, float>)
        return H5T_IEEE_F32LE;
    else if constexpr (std::is_same_v<T, double>)
        return H5T_IEEE_F64LE;
    else
        static_assert(sizeof(T) == 0, "no HDF5 type for this C++ type");
}

// Variable-length UTF-8 string, used both in memory (const char*) and in the file.
inline Handle variable_string_type() {
    Handle t = type(H5Tcopy(H5T_C_S1), "copying string type");
    check_status(H5Tset_size(t, H5T_VARIABLE), "making string type variable-length");
    check_status(H5Tset_cset(t, H5T_CSET_UTF8), "setting string type to UTF-8");
    return t;
}

// Variable-length string memory type matching a stored string type's character set: HDF5
// will not convert between ASCII and UTF-8, and other tools write ASCII strings.
inline Handle variable_string_type_like(hid_t stored) {
    Handle t = type(H5Tcopy(H5T_C_S1), "copying string type");
    check_status(H5Tset_size(t, H5T_VARIABLE), "making string type variable-length");
    const H5T_cset_t cset = H5Tget_cset(stored);
    check_status(H5Tset_cset(t, cset == H5T_CSET_ERROR ? H5T_CSET_UTF8 : cset),
                 "setting string character set");
    return t;
}

}  // namespace citytwin::io::h5
