// datasets_identical: same records -> identical, whatever differs in attributes or timing
// KPIs; any changed value, shape or dataset -> a difference naming the dataset.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "io/output/run_compare.hpp"
#include "io/output/run_writer.hpp"
#include "tests/io/output/test_fixtures.hpp"

namespace citytwin::io {
namespace {

struct Variation {
    std::string device = "2 OpenMP threads on Test CPU";
    std::string created = "2024-05-01T06:00:00Z";
    double wall_time = 0.5;
    float changed_speed = std::numeric_limits<float>::quiet_NaN();  // NaN: no change
    int link_frames = 3;
    bool extra_kpi = false;
    int first_trip_id = 0;
};

std::string write_run(const std::string& name, const Variation& v) {
    const std::string path = test::scratch_path(name);
    sim::RunMetadata meta = test::sample_metadata();
    meta.device_name = v.device;
    meta.created_utc = v.created;
    RunWriter writer(path, meta, test::sample_network(4));
    for (int k = 0; k < v.link_frames; ++k) {
        auto frame = test::sample_link_frame(k, 4);
        if (k == 1 && !std::isnan(v.changed_speed)) frame.mean_speed_mps[2] = v.changed_speed;
        writer.write_links(std::move(frame));
    }
    writer.write_vehicles(test::sample_vehicle_frame(0, 6));
    writer.write_trips(test::sample_trips(v.first_trip_id, 4));
    std::vector<sim::Kpi> kpis = {{"trips_total", 4, "1", "trips"},
                                  {"wall_time_s", v.wall_time, "s", "wall time"},
                                  {"vehicle_updates_per_s", 1e6 / v.wall_time, "s-1", "rate"},
                                  {"step_loop_time_s", v.wall_time / 2, "s", "loop time"}};
    if (v.extra_kpi) kpis.push_back({"steps", 1200, "1", "steps"});
    writer.finish(kpis);
    return path;
}

TEST(DatasetsIdentical, IgnoresAttributesAndTimingKpis) {
    const std::string a = write_run("cmp_a.h5", {});
    Variation other;
    other.device = "NVIDIA H200";
    other.created = "2025-01-01T00:00:00Z";
    other.wall_time = 0.01;
    const std::string b = write_run("cmp_b.h5", other);
    std::vector<std::string> differences;
    EXPECT_TRUE(datasets_identical(a, b, &differences));
    EXPECT_TRUE(differences.empty()) << differences.front();
    EXPECT_TRUE(datasets_identical(a, a));
}

TEST(DatasetsIdentical, ReportsEveryChangedDataset) {
    const std::string a = write_run("cmp_base.h5", {});
    Variation changed;
    changed.changed_speed = 99.0f;
    changed.extra_kpi = true;
    changed.first_trip_id = 1;
    const std::string b = write_run("cmp_changed.h5", changed);
    std::vector<std::string> differences;
    EXPECT_FALSE(datasets_identical(a, b, &differences));
    auto mentions = [&](const std::string& text) {
        for (const auto& d : differences)
            if (d.find(text) != std::string::npos) return true;
        return false;
    };
    EXPECT_TRUE(mentions("/traffic/links/mean_speed: values differ (first at flat element 6)"));
    EXPECT_TRUE(mentions("/kpi/steps: only in " + b));
    EXPECT_TRUE(mentions("/traffic/trips/id: values differ"));
    EXPECT_FALSE(mentions("/traffic/links/entered"));
    EXPECT_FALSE(mentions("wall_time_s"));
    EXPECT_FALSE(datasets_identical(a, b)) << "stops at the first difference without a list";
}

TEST(DatasetsIdentical, ReportsShapeDifferences) {
    const std::string a = write_run("cmp_3.h5", {});
    Variation longer;
    longer.link_frames = 4;
    const std::string b = write_run("cmp_4.h5", longer);
    std::vector<std::string> differences;
    EXPECT_FALSE(datasets_identical(a, b, &differences));
    bool shape = false;
    for (const auto& d : differences) shape = shape || d == "/traffic/time: shapes differ";
    EXPECT_TRUE(shape);
}

TEST(DatasetsIdentical, UnreadableFileIsAnOutputError) {
    const std::string a = write_run("cmp_ok.h5", {});
    EXPECT_THROW(datasets_identical(a, test::scratch_path("cmp_missing.h5")), OutputError);
}

}  // namespace
}  // namespace citytwin::io
