// Writes a run with every kind of record, then checks the file with the plain HDF5 C API:
// values, shapes, units/long_name on every dataset, chunking, filters and dimension scales.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>

#include "io/output/run_reader.hpp"
#include "io/output/run_writer.hpp"
#include "tests/io/output/test_fixtures.hpp"
#include "tests/io/output/test_h5_read.hpp"

namespace citytwin::io {
namespace {

using test::read_doubles;
using test::read_integers;
using test::shape_of;

constexpr std::size_t kNodes = 5;
constexpr int kLinkFrames = 3;

std::string write_sample_run(const std::string& name) {
    const std::string path = test::scratch_path(name);
    RunWriter writer(path, test::sample_metadata(), test::sample_network(kNodes));
    writer.write_traffic_names(sim::TrafficNames{{"car", "bus_vtype"}, {"veh0", "", "flow_a.0", "flow_a.1", "trip 4"}});
    for (int k = 0; k < kLinkFrames; ++k) writer.write_links(test::sample_link_frame(k, kNodes));
    writer.write_vehicles(test::sample_vehicle_frame(0, 3));
    writer.write_vehicles(test::sample_vehicle_frame(1, 5));
    writer.write_trips(test::sample_trips(0, 3));
    writer.write_trips(test::sample_trips(3, 2));
    writer.finish(test::sample_kpis());
    return path;
}

class RoundTrip : public ::testing::Test {
protected:
    static void SetUpTestSuite() { path_ = write_sample_run("round_trip.h5"); }
    void SetUp() override {
        file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        ASSERT_GE(file_, 0) << path_;
    }
    void TearDown() override {
        if (file_ >= 0) H5Fclose(file_);
    }
    static std::string path_;
    hid_t file_ = H5I_INVALID_HID;
};
std::string RoundTrip::path_;

TEST_F(RoundTrip, RootAttributesHoldTheMetadata) {
    const sim::RunMetadata m = test::sample_metadata();
    const hid_t root = H5Gopen2(file_, "/", H5P_DEFAULT);
    EXPECT_EQ(test::string_attribute(root, "format"), "citytwin-run 1");
    EXPECT_EQ(test::string_attribute(root, "scenario_name"), m.scenario_name);
    EXPECT_EQ(test::string_attribute(root, "scenario_yaml"), m.scenario_yaml);
    EXPECT_EQ(test::string_attribute(root, "overrides"),
              "seed=9223372036854775813\ntraffic.demand=1.5");
    EXPECT_EQ(test::string_attribute(root, "device"), m.device_name);
    EXPECT_EQ(test::string_attribute(root, "created_utc"), m.created_utc);
    std::uint64_t seed = 0;
    const hid_t seed_attr = H5Aopen(root, "seed", H5P_DEFAULT);
    const hid_t seed_type = H5Aget_type(seed_attr);
    EXPECT_EQ(H5Tget_sign(seed_type), H5T_SGN_NONE);
    H5Aread(seed_attr, H5T_NATIVE_UINT64, &seed);
    H5Tclose(seed_type);
    H5Aclose(seed_attr);
    EXPECT_EQ(seed, m.seed);
    double step = 0;
    const hid_t step_attr = H5Aopen(root, "step_s", H5P_DEFAULT);
    H5Aread(step_attr, H5T_NATIVE_DOUBLE, &step);
    H5Aclose(step_attr);
    EXPECT_EQ(step, 0.5);
    H5Gclose(root);
}

TEST_F(RoundTrip, NetworkIsWrittenOnce) {
    const sim::NetworkGeometry net = test::sample_network(kNodes);
    EXPECT_EQ(test::read_string_column(file_, "/network/nodes/id"), net.node_ids);
    EXPECT_EQ(read_doubles(file_, "/network/nodes/x"), net.node_x_m);
    EXPECT_EQ(test::read_string_column(file_, "/network/links/id"), net.link_ids);
    EXPECT_EQ(read_doubles(file_, "/network/links/length"), net.link_length_m);
    const auto lanes = read_integers(file_, "/network/links/lanes");
    ASSERT_EQ(lanes.size(), kNodes);
    EXPECT_EQ(lanes[2], net.link_lanes[2]);
    EXPECT_EQ(read_integers(file_, "/network/links/shape_offset").size(), kNodes + 1);
    EXPECT_EQ(read_doubles(file_, "/network/links/shape_y"), net.shape_y_m);
}

TEST_F(RoundTrip, LinkSeriesAreTimeByLink) {
    EXPECT_EQ(shape_of(file_, "/traffic/time"), (std::vector<hsize_t>{kLinkFrames}));
    EXPECT_EQ(read_doubles(file_, "/traffic/time"), (std::vector<double>{60, 120, 180}));
    for (const char* name : {"entered", "left", "mean_speed", "density", "mean_travel_time"})
        EXPECT_EQ(shape_of(file_, std::string("/traffic/links/") + name),
                  (std::vector<hsize_t>{kLinkFrames, kNodes}))
            << name;
    const auto entered = read_integers(file_, "/traffic/links/entered");
    const auto speed = read_doubles(file_, "/traffic/links/mean_speed");
    for (int k = 0; k < kLinkFrames; ++k) {
        const auto expected = test::sample_link_frame(k, kNodes);
        for (std::size_t i = 0; i < kNodes; ++i) {
            const std::size_t at = static_cast<std::size_t>(k) * kNodes + i;
            EXPECT_EQ(entered[at], expected.entered[i]);
            if (i == 1) {
                EXPECT_TRUE(std::isnan(speed[at]));
            } else {
                EXPECT_EQ(speed[at], expected.mean_speed_mps[i]);
            }
        }
    }
}

TEST_F(RoundTrip, VehicleFramesAreRaggedWithOffsetAndCount) {
    EXPECT_EQ(read_doubles(file_, "/traffic/vehicles/time"), (std::vector<double>{30, 60}));
    EXPECT_EQ(read_integers(file_, "/traffic/vehicles/offset"), (std::vector<long long>{0, 3}));
    EXPECT_EQ(read_integers(file_, "/traffic/vehicles/count"), (std::vector<long long>{3, 5}));
    const auto x = read_doubles(file_, "/traffic/vehicles/x");
    const auto ids = read_integers(file_, "/traffic/vehicles/id");
    ASSERT_EQ(x.size(), 8u);
    const auto frame1 = test::sample_vehicle_frame(1, 5);
    for (std::size_t v = 0; v < 5; ++v) {  // frame 1 = rows [offset[1], offset[1] + count[1])
        EXPECT_EQ(x[3 + v], frame1.x_m[v]);
        EXPECT_EQ(ids[3 + v], frame1.id[v]);
    }
    EXPECT_EQ(shape_of(file_, "/traffic/vehicles/row"), (std::vector<hsize_t>{8}));
}

TEST_F(RoundTrip, TripsAreAppendedColumns) {
    std::vector<sim::TripRow> expected = test::sample_trips(0, 3);
    for (const auto& r : test::sample_trips(3, 2)) expected.push_back(r);
    const auto ids = read_integers(file_, "/traffic/trips/id");
    const auto status = read_integers(file_, "/traffic/trips/status");
    const auto insert = read_doubles(file_, "/traffic/trips/insert");
    const auto length = read_doubles(file_, "/traffic/trips/route_length");
    ASSERT_EQ(ids.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(ids[i], expected[i].id);
        EXPECT_EQ(status[i], static_cast<int>(expected[i].status));
        EXPECT_EQ(insert[i], expected[i].insert_s);
        EXPECT_EQ(length[i], expected[i].route_length_m);
    }
    const hid_t ds = H5Dopen2(file_, "/traffic/trips/status", H5P_DEFAULT);
    EXPECT_EQ(test::string_attribute(ds, "flag_meanings"),
              "pending waiting running arrived unroutable removed cancelled");
    const hid_t type = H5Dget_type(ds);
    EXPECT_EQ(H5Tget_size(type), 1u);
    H5Tclose(type);
    H5Dclose(ds);
}

TEST_F(RoundTrip, KpisAreScalarsWithUnits) {
    for (const sim::Kpi& kpi : test::sample_kpis()) {
        const std::string path = "/kpi/" + kpi.name;
        EXPECT_EQ(shape_of(file_, path), std::vector<hsize_t>{}) << path;
        EXPECT_EQ(read_doubles(file_, path), std::vector<double>{kpi.value}) << path;
        const hid_t ds = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
        EXPECT_EQ(test::string_attribute(ds, "units"), kpi.units);
        EXPECT_EQ(test::string_attribute(ds, "long_name"), kpi.long_name);
        H5Dclose(ds);
    }
}

#if H5_VERSION_GE(1, 12, 0)
using ObjectInfo = H5O_info2_t;
#define CITYTWIN_TEST_OVISIT H5Ovisit3
#else
using ObjectInfo = H5O_info_t;
#define CITYTWIN_TEST_OVISIT H5Ovisit2
#endif

herr_t collect(hid_t, const char* name, const ObjectInfo* info, void* out) {
    if (info->type == H5O_TYPE_DATASET)
        static_cast<std::vector<std::string>*>(out)->push_back(std::string("/") + name);
    return 0;
}

TEST_F(RoundTrip, EveryDatasetHasUnitsAndLongName) {
    std::vector<std::string> datasets;
    ASSERT_GE(
        CITYTWIN_TEST_OVISIT(file_, H5_INDEX_NAME, H5_ITER_INC, collect, &datasets, H5O_INFO_BASIC),
        0);
    EXPECT_GE(datasets.size(), 40u);
    for (const std::string& path : datasets) {
        const hid_t ds = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
        EXPECT_TRUE(test::has_string_attribute(ds, "units")) << path;
        EXPECT_TRUE(test::has_string_attribute(ds, "long_name")) << path;
        EXPECT_FALSE(test::string_attribute(ds, "long_name").empty()) << path;
        H5Dclose(ds);
    }
}

// Frames are compressed; 1-D tables are chunked uncompressed so that their partial last chunk
// is rewritten in place in SWMR mode (docs/reliability.md).
TEST_F(RoundTrip, OneDimensionalTablesAreChunkedUncompressed) {
    for (const char* path : {"/traffic/vehicles/x", "/traffic/trips/depart", "/traffic/time"}) {
        const hid_t ds = H5Dopen2(file_, path, H5P_DEFAULT);
        const hid_t dcpl = H5Dget_create_plist(ds);
        ASSERT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED) << path;
        hsize_t chunk[1] = {0};
        EXPECT_EQ(H5Pget_chunk(dcpl, 1, chunk), 1) << path;
        EXPECT_LE(chunk[0], 8192u) << path;
        EXPECT_EQ(H5Pget_nfilters(dcpl), 0) << path;
        H5Pclose(dcpl);
        H5Dclose(ds);
    }
}

TEST_F(RoundTrip, SeriesAreChunkedPerFrameWithShuffleAndGzip) {
    for (const char* path : {"/traffic/links/entered", "/traffic/links/mean_speed"}) {
        const hid_t ds = H5Dopen2(file_, path, H5P_DEFAULT);
        const hid_t dcpl = H5Dget_create_plist(ds);
        ASSERT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED) << path;
        hsize_t chunk[2] = {0, 0};
        const int rank = H5Pget_chunk(dcpl, 2, chunk);
        if (rank == 2) {
            EXPECT_EQ(chunk[0], 1u) << path << ": one time step per chunk";
        }
        bool deflate = false, shuffle = false;
        for (int i = 0; i < H5Pget_nfilters(dcpl); ++i) {
            unsigned flags = 0;
            std::size_t n = 1;
            unsigned values[1] = {0};
            const H5Z_filter_t filter = H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &n,
                                                       values, 0, nullptr, nullptr);
            if (filter == H5Z_FILTER_DEFLATE) {
                deflate = true;
                EXPECT_EQ(values[0], 4u) << path << ": gzip level";
            }
            shuffle = shuffle || filter == H5Z_FILTER_SHUFFLE;
        }
        EXPECT_TRUE(deflate) << path;
        EXPECT_TRUE(shuffle) << path;
        H5Pclose(dcpl);
        H5Dclose(ds);
    }
}

TEST_F(RoundTrip, TypeAndTripNamesAreKeptByIndex) {
    EXPECT_EQ(test::read_string_column(file_, "/traffic/types/name"), (std::vector<std::string>{"car", "bus_vtype"}));
    EXPECT_EQ(read_integers(file_, "/traffic/types/type"), (std::vector<long long>{0, 1}));
    EXPECT_EQ(test::read_string_column(file_, "/traffic/trip_names/name"),
              (std::vector<std::string>{"veh0", "", "flow_a.0", "flow_a.1", "trip 4"}));
    EXPECT_EQ(read_integers(file_, "/traffic/trip_names/id"), (std::vector<long long>{0, 1, 2, 3, 4}));
    const hid_t id = H5Dopen2(file_, "/traffic/trip_names/id", H5P_DEFAULT);
    const hid_t name = H5Dopen2(file_, "/traffic/trip_names/name", H5P_DEFAULT);
    const hid_t type = H5Dopen2(file_, "/traffic/types/type", H5P_DEFAULT);
    const hid_t type_name = H5Dopen2(file_, "/traffic/types/name", H5P_DEFAULT);
    EXPECT_GT(H5DSis_scale(id), 0);
    EXPECT_GT(H5DSis_attached(name, id, 0), 0);
    EXPECT_GT(H5DSis_scale(type), 0);
    EXPECT_GT(H5DSis_attached(type_name, type, 0), 0);
    for (hid_t h : {id, name, type, type_name}) H5Dclose(h);
}

TEST(RunWriter, WritesNoTripNamesWhenNoTripHasOne) {
    const std::string path = test::scratch_path("no_trip_names.h5");
    {
        RunWriter writer(path, test::sample_metadata(), test::sample_network(kNodes));
        writer.write_traffic_names(sim::TrafficNames{{"car"}, {}});
        writer.write_trips(test::sample_trips(0, 3));
        writer.finish(test::sample_kpis());
    }
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_EQ(test::read_string_column(file, "/traffic/types/name"), std::vector<std::string>{"car"});
    EXPECT_EQ(H5Lexists(file, "/traffic/trip_names", H5P_DEFAULT), 0);
    H5Fclose(file);
}

TEST_F(RoundTrip, DimensionScalesAreAttached) {
    const hid_t time = H5Dopen2(file_, "/traffic/time", H5P_DEFAULT);
    const hid_t index = H5Dopen2(file_, "/traffic/link_index", H5P_DEFAULT);
    EXPECT_GT(H5DSis_scale(time), 0);
    EXPECT_GT(H5DSis_scale(index), 0);
    const hid_t speed = H5Dopen2(file_, "/traffic/links/mean_speed", H5P_DEFAULT);
    EXPECT_GT(H5DSis_attached(speed, time, 0), 0);
    EXPECT_GT(H5DSis_attached(speed, index, 1), 0);
    const hid_t trip_id = H5Dopen2(file_, "/traffic/trips/id", H5P_DEFAULT);
    const hid_t arrival = H5Dopen2(file_, "/traffic/trips/arrival", H5P_DEFAULT);
    EXPECT_GT(H5DSis_attached(arrival, trip_id, 0), 0);
    for (hid_t id : {time, index, speed, trip_id, arrival}) H5Dclose(id);
}

TEST_F(RoundTrip, ReaderSummarisesTheRun) {
    const RunSummary s = read_run_summary(path_);
    const sim::RunMetadata m = test::sample_metadata();
    EXPECT_TRUE(s.complete);
    EXPECT_EQ(s.file, path_);
    EXPECT_EQ(s.meta.scenario_name, m.scenario_name);
    EXPECT_EQ(s.meta.scenario_yaml, m.scenario_yaml);
    EXPECT_EQ(s.meta.overrides, m.overrides);
    EXPECT_EQ(s.meta.seed, m.seed);
    EXPECT_EQ(s.meta.threads, m.threads);
    EXPECT_EQ(s.meta.vehicles_every_s, m.vehicles_every_s);
    EXPECT_EQ(s.nodes, kNodes);
    EXPECT_EQ(s.links, kNodes);
    EXPECT_EQ(s.link_frames, static_cast<std::size_t>(kLinkFrames));
    EXPECT_EQ(s.vehicle_frames, 2u);
    EXPECT_EQ(s.trips_rows, 5u);
    EXPECT_EQ(s.last_time_s, 180.0);
    const auto expected = test::sample_kpis();
    ASSERT_EQ(s.kpis.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {  // in the order they were reported
        EXPECT_EQ(s.kpis[i].name, expected[i].name);
        EXPECT_EQ(s.kpis[i].value, expected[i].value);
        EXPECT_EQ(s.kpis[i].units, expected[i].units);
    }
}

TEST(RunWriter, SplitsVeryWideRowsIntoChunksOfAtMostOneMebibyte) {
    const std::string path = test::scratch_path("wide.h5");
    constexpr std::size_t kLinks = 300000;
    {
        RunWriter writer(path, test::sample_metadata(), test::sample_network(kLinks));
        writer.write_links(test::sample_link_frame(0, kLinks));
        writer.finish({});
    }
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const hid_t ds = H5Dopen2(file, "/traffic/links/density", H5P_DEFAULT);
    const hid_t dcpl = H5Dget_create_plist(ds);
    hsize_t chunk[2] = {0, 0};
    ASSERT_EQ(H5Pget_chunk(dcpl, 2, chunk), 2);
    EXPECT_EQ(chunk[0], 1u);
    EXPECT_EQ(chunk[1] * sizeof(float), std::size_t{1} << 20);
    H5Pclose(dcpl);
    H5Dclose(ds);
    const auto density = read_doubles(file, "/traffic/links/density");
    ASSERT_EQ(density.size(), kLinks);
    EXPECT_EQ(density[kLinks - 1], 0.5 * static_cast<double>(kLinks - 1));
    H5Fclose(file);
}

TEST(RunWriter, HandlesAnEmptyNetworkAndNoRecords) {
    const std::string path = test::scratch_path("empty.h5");
    {
        RunWriter writer(path, sim::RunMetadata{}, sim::NetworkGeometry{});
        sim::LinkSeriesFrame links;
        links.time_s = 1.0;
        sim::VehicleFrame vehicles;
        vehicles.time_s = 1.0;
        writer.write_links(links);
        writer.write_vehicles(vehicles);
        writer.finish({});
    }
    const RunSummary s = read_run_summary(path);
    EXPECT_TRUE(s.complete);
    EXPECT_EQ(s.links, 0u);
    EXPECT_EQ(s.link_frames, 1u);
    EXPECT_EQ(s.vehicle_frames, 1u);
    EXPECT_EQ(s.trips_rows, 0u);
    EXPECT_TRUE(s.kpis.empty());
    EXPECT_FALSE(s.meta.created_utc.empty()) << "filled in when the caller leaves it empty";
}

TEST(RunWriter, KeepsEveryRecordUnderBackpressure) {
    const std::string path = test::scratch_path("many.h5");
    constexpr int kFrames = 100;  // far more than the queue holds
    {
        RunWriter writer(path, test::sample_metadata(), test::sample_network(3));
        for (int k = 0; k < kFrames; ++k) {
            writer.write_links(test::sample_link_frame(k, 3));
            writer.write_trips(test::sample_trips(k * 2, 2));
        }
        writer.drain();
        const RunSummary during = read_run_summary(path);  // readable while still open
        EXPECT_FALSE(during.complete);
        EXPECT_EQ(during.link_frames, static_cast<std::size_t>(kFrames));
        // The destructor without finish() closes the file without /kpi.
    }
    const RunSummary s = read_run_summary(path);
    EXPECT_FALSE(s.complete);
    EXPECT_EQ(s.link_frames, static_cast<std::size_t>(kFrames));
    EXPECT_EQ(s.trips_rows, static_cast<std::size_t>(2 * kFrames));
    EXPECT_EQ(s.last_time_s, 60.0 * kFrames);
}

TEST(RunWriter, CreatesParentDirectories) {
    const std::string dir = test::scratch_path("nested");
    const std::string path = dir + "/a/b/run.h5";
    RunWriter writer(path, test::sample_metadata(), test::sample_network(2));
    EXPECT_EQ(writer.path(), path);
    writer.finish({});
    EXPECT_TRUE(read_run_summary(path).complete);
}

}  // namespace
}  // namespace citytwin::io
