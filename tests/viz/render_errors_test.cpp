// `citytwin render` with bad input: a clear message naming the file, key or option and what was
// expected, and exit status 2; never a crash on a malformed run file.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::Result;
using citytwin::testing::run;
namespace t = citytwin::testing;

const std::string kData = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/viz/";

std::string scratch(const std::string& name) { return t::scratch("viz-errors", name); }

const std::string& street() {
    static const std::string file = [] {
        const std::string f = scratch(std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".h5");
        EXPECT_EQ(run("run --overwrite " + kData + "closed-street.yaml --threads 2 -q -o " + f).status, 0);
        return f;
    }();
    return file;
}

void expect_bad_input(const std::string& args, const std::string& message) {
    const Result r = run("render " + args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << args << "\n" << r.output;
    EXPECT_EQ(r.output.find("terminate"), std::string::npos) << r.output;
}

TEST(RenderErrors, UnknownLayerListsTheLayers) {
    expect_bad_input(street() + " --layer NO3 -o " + scratch("x.png"),
                     "--layer 'NO3': expected one of speed, density, flow, vehicles, NOx, NO2, PM2.5, PM10, CO2, voltage, load, ev");
}

TEST(RenderErrors, LayerTheRunDoesNotHave) {
    expect_bad_input(street() + " --layer NO2 -o " + scratch("x.png"), "'/air': expected an air model for the layer 'NO2'");
    expect_bad_input(street() + " --layer voltage -o " + scratch("x.png"), "expected a power grid for the layer 'voltage'");
}

TEST(RenderErrors, TimesOutsideTheRun) {
    expect_bad_input(street() + " --layer speed --at 23:00 -o " + scratch("x.png"),
                     "--at '23:00': expected a time within the run's frames of 'speed', 2026-06-01 08:05 ... 2026-06-01 08:30");
    expect_bad_input(street() + " --layer speed --at soon -o " + scratch("x.png"), "--at 'soon':");
    expect_bad_input(street() + " --layer speed --from 08:20 --to 08:10 -o " + scratch("f/"), "is before --from");
}

TEST(RenderErrors, Outputs) {
    expect_bad_input(street() + " --layer speed -o " + scratch("x.gif"), "expected a name ending in .png, .mp4 or .webm");
    expect_bad_input(street() + " --layer speed --from 08:10 -o " + scratch("x.png"), "give a video (.mp4, .webm) or a folder/");
    expect_bad_input(street() + " --layer speed --layer flow -o " + scratch("x.png"), "one link layer per picture");
}

TEST(RenderErrors, MissingNotHdf5AndNotARun) {
    expect_bad_input(scratch("absent.h5") + " --layer speed -o " + scratch("x.png"), "absent.h5': no such file");
    const std::string text = scratch("text.h5");
    std::ofstream(text) << "not hdf5\n";
    expect_bad_input(text + " --layer speed -o " + scratch("x.png"), "not an HDF5 file");
    const std::string empty = scratch("empty.h5");
    H5Fclose(H5Fcreate(empty.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    expect_bad_input(empty + " --layer speed -o " + scratch("x.png"), "'format': expected the root attribute 'citytwin-run N'");
}

TEST(RenderErrors, MalformedRunFileNamesTheKey) {
    // A run file with its link shapes cut out, and one with link series of the wrong width.
    const std::string cut = scratch("cut.h5");
    std::filesystem::copy_file(street(), cut, std::filesystem::copy_options::overwrite_existing);
    hid_t f = H5Fopen(cut.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    H5Ldelete(f, "/network/links/shape_offset", H5P_DEFAULT);
    H5Ldelete(f, "/traffic/vehicles/offset", H5P_DEFAULT);
    H5Fclose(f);
    expect_bad_input(cut + " --layer speed -o " + scratch("x.png"),
                     "'/network/links/shape_offset': expected a 1-D integer dataset of 7 values, found nothing");

    const std::string wide = scratch("wide.h5");
    std::filesystem::copy_file(street(), wide, std::filesystem::copy_options::overwrite_existing);
    f = H5Fopen(wide.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    H5Ldelete(f, "/traffic/links/mean_speed", H5P_DEFAULT);
    const hsize_t dims[2] = {6, 4};
    hid_t space = H5Screate_simple(2, dims, nullptr);
    hid_t ds = H5Dcreate2(f, "/traffic/links/mean_speed", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(ds);
    H5Sclose(space);
    H5Fclose(f);
    expect_bad_input(wide + " --layer speed -o " + scratch("x.png"),
                     "'/traffic/links/mean_speed': expected a (time, 6) dataset, found shape (6, 4)");
}

TEST(RenderErrors, DiffNeedsTheSameNetworkAndNoVehicles) {
    const std::string town = scratch("diff-town.h5");
    ASSERT_EQ(run("run --overwrite " + kData + "town.yaml --threads 2 -q -o " + town).status, 0);
    expect_bad_input(street() + " --layer speed --diff " + town + " -o " + scratch("x.png"), "6 links, as");
    expect_bad_input(street() + " --layer vehicles --diff " + street() + " -o " + scratch("x.png"), "vehicles are not differenced");
}

}  // namespace
