#pragma once
// What the viewer's tests share: a run file per test, dataset values straight from the file
// with HDF5's own API (not the reader under test), and the server's JSON answers.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <httplib.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/cli_process.hpp"

namespace citytwin::testing {

using nlohmann::json;

inline const std::string kSource = std::string(CITYTWIN_SOURCE_DIR) + "/";

// One run per scenario, variant and test: CTest runs the tests as processes side by side.
inline std::string run_file(const std::string& scenario, const std::string& extra = "") {
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    const std::string out = scratch("view", test + (extra.empty() ? "" : "-variant") + ".h5");
    const auto r = run("run --overwrite " + kSource + scenario + " --threads 2 -q -o " + out + " " + extra);
    EXPECT_EQ(r.status, 0) << r.output;
    return out;
}

// The block [start, start + count) of a dataset, as T (HDF5 converts from the file's type),
// straight from the file.
template <typename T>
std::vector<T> h5_block(const std::string& path, const std::string& key, const std::vector<hsize_t>& start,
                        const std::vector<hsize_t>& count, hid_t type) {
    hsize_t n = 1;
    for (const hsize_t c : count) n *= c;
    std::vector<T> v(n);
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, key.c_str(), H5P_DEFAULT);
    const hid_t space = H5Dget_space(d);
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
    const hid_t mem = H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr);
    if (n > 0) H5Dread(d, type, mem, space, H5P_DEFAULT, v.data());
    H5Sclose(mem);
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(f);
    return v;
}

// Element (row, col) of a 2-D dataset; NaN where the file has none.
inline double h5_value(const std::string& path, const std::string& key, hsize_t row, hsize_t col) {
    return h5_block<double>(path, key, {row, col}, {1, 1}, H5T_NATIVE_DOUBLE)[0];
}

// The length of a dataset's first dimension.
inline hsize_t h5_length(const std::string& path, const std::string& key) {
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, key.c_str(), H5P_DEFAULT);
    const hid_t space = H5Dget_space(d);
    hsize_t dims[2] = {0, 0};
    H5Sget_simple_extent_dims(space, dims, nullptr);
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(f);
    return dims[0];
}

struct Answer {
    int status = 0;
    json body;
    std::string type;
};

inline Answer get(int port, const std::string& path) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    const auto r = c.Get(path.c_str());
    if (!r) return {};
    Answer a{r->status, json::parse(r->body, nullptr, false), r->get_header_value("Content-Type")};
    return a;
}

// Elements [first, first + count) of a 1-D dataset, as T.
template <typename T>
std::vector<T> h5_range(const std::string& path, const std::string& key, hsize_t first, hsize_t count, hid_t type) {
    return h5_block<T>(path, key, {first}, {count}, type);
}

}  // namespace citytwin::testing
