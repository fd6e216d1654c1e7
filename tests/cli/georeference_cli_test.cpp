// What a run file says about where it is and when: link polylines as the source draws them,
// the coordinate reference system and origin, CF time units, and groups xarray opens.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "tests/cli/cli_process.hpp"

namespace {

namespace h5 = citytwin::io::h5;
using citytwin::testing::run;
using citytwin::testing::scratch;

const std::string kData = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/";

struct Shapes {
    std::size_t links = 0, points = 0;
};

Shapes shapes_of(const std::string& file) {
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(file);
    const auto offset = h5::read_all<std::int32_t>(h5::open_dataset(f, "/network/links/shape_offset"));
    return {offset.size() - 1, h5::length(h5::open_dataset(f, "/network/links/shape_x"))};
}

std::string root_string(const std::string& file, const std::string& name) {
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(file);
    return h5::read_string_attribute(h5::group(H5Gopen2(f, "/", H5P_DEFAULT), "root"), name);
}

double root_number(const std::string& file, const std::string& name) {
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(file);
    return h5::read_double_attribute(h5::group(H5Gopen2(f, "/", H5P_DEFAULT), "root"), name);
}

std::string dataset_string(const std::string& file, const std::string& path, const std::string& name) {
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(file);
    return h5::read_string_attribute(h5::open_dataset(f, path), name);
}

TEST(Georeference, GeneratedGridIsStraightAndHasNoCrs) {
    const std::string out = scratch("georeference", "grid.h5");
    const auto r = run("run --overwrite " + kData + "cli/small.yaml --threads 2 -q -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    const Shapes s = shapes_of(out);
    EXPECT_EQ(s.points, 2 * s.links);
    EXPECT_EQ(root_string(out, "crs"), "");
    EXPECT_TRUE(std::isnan(root_number(out, "origin_lon")));
}

TEST(Georeference, TimeAxesCarryCfUnits) {
    const std::string out = scratch("georeference", "town.h5");
    const auto r = run("run --overwrite " + kData + "viz/town.yaml --threads 2 -q -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    for (const char* path : {"/traffic/time", "/traffic/vehicles/time", "/air/time", "/power/time"}) {
        EXPECT_EQ(dataset_string(out, path, "units"), "seconds since 2026-06-01 07:30:00") << path;
        EXPECT_EQ(dataset_string(out, path, "calendar"), "proleptic_gregorian") << path;
    }
    const std::string script = std::string(CITYTWIN_SOURCE_DIR) + "/tests/cli/open_with_xarray.py";
    const auto py = citytwin::testing::run_program("/usr/bin/python3 " + script + " " + out);
    if (py.status == 77 || py.status == 127) GTEST_SKIP() << "python3 with xarray and h5netcdf not available: " << py.output;
    EXPECT_EQ(py.status, 0) << py.output;
}

TEST(Georeference, OpenStreetMapWaysKeepTheirBendsAndProjection) {
    const std::string yaml = scratch("georeference", "small-osm.yaml");
    ASSERT_EQ(run("import osm " + kData + "osm/small.osm -o " + yaml + " --trips 50 --duration '5 min'").status, 0);
    const std::string out = scratch("georeference", "small-osm.h5");
    const auto r = run("run --overwrite " + yaml + " --threads 2 -q -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    const Shapes s = shapes_of(out);
    EXPECT_GT(s.points, 2 * s.links);  // the small town's ways bend between junctions
    EXPECT_NE(root_string(out, "crs").find("+proj=tmerc"), std::string::npos);
    EXPECT_TRUE(std::isfinite(root_number(out, "origin_lon")));
    EXPECT_TRUE(std::isfinite(root_number(out, "origin_lat")));
}

TEST(Georeference, SumoLaneShapesAndLocation) {
    const std::string dir = kData + "sumo/bologna-acosta/";
    const std::string yaml = scratch("georeference", "acosta.yaml");
    ASSERT_EQ(run("import sumo " + dir + "run.sumocfg -o " + yaml).status, 0);
    const std::string out = scratch("georeference", "acosta.h5");
    const auto r = run("run --overwrite " + yaml + " --set duration=60s --threads 2 -q -o " + out);
    ASSERT_EQ(r.status, 0) << r.output;
    const Shapes s = shapes_of(out);
    EXPECT_GT(s.points, 2 * s.links);
    EXPECT_NE(root_string(out, "crs").find("+proj=utm +zone=32"), std::string::npos);
    EXPECT_DOUBLE_EQ(root_number(out, "crs_offset_x"), -683542.41);
    // Bologna, Via Andrea Costa: about 11.30 E, 44.49 N.
    EXPECT_NEAR(root_number(out, "origin_lon"), 11.3, 0.1);
    EXPECT_NEAR(root_number(out, "origin_lat"), 44.49, 0.1);
}

}  // namespace

namespace {

TEST(VehicleFrames, CarryLaneHeadingAndType) {
    const std::string out = scratch("georeference", "frames.h5");
    ASSERT_EQ(run("run --overwrite " + kData + "viz/town.yaml --threads 2 -q -o " + out).status, 0);
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(out);
    const auto x = h5::read_all<float>(h5::open_dataset(f, "/traffic/vehicles/x"));
    const auto lane = h5::read_all<std::int32_t>(h5::open_dataset(f, "/traffic/vehicles/lane"));
    const auto heading = h5::read_all<float>(h5::open_dataset(f, "/traffic/vehicles/heading"));
    const auto type = h5::read_all<std::int32_t>(h5::open_dataset(f, "/traffic/vehicles/type"));
    ASSERT_GT(x.size(), 100u);
    ASSERT_EQ(lane.size(), x.size());
    ASSERT_EQ(heading.size(), x.size());
    ASSERT_EQ(type.size(), x.size());
    std::size_t ev = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        EXPECT_EQ(lane[i], 0);   // a one-lane grid
        // Grid streets run north (0), east (90), south (180) or west (270).
        const float h = heading[i];
        EXPECT_TRUE(h == 0.0f || h == 90.0f || h == 180.0f || h == 270.0f) << h;
        EXPECT_TRUE(type[i] == 0 || type[i] == 1) << type[i];
        ev += type[i] == 1;
    }
    // 30 % electric cars (type 1) in the fleet.
    EXPECT_GT(ev, x.size() / 10);
    EXPECT_LT(ev, x.size() / 2);
}

}  // namespace
