#include "tests/io/output/test_fixtures.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <system_error>

#include <gtest/gtest.h>
#include <unistd.h>

namespace citytwin::io::test {

namespace {

// One directory per test process: CTest runs every test in its own process, possibly in
// parallel, and suites that share a file name must not share the file.
std::filesystem::path scratch_dir() {
    return std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "io_output" /
           ("pid-" + std::to_string(getpid()));
}

// Removes the process's scratch directory when every test passed; keeps it to debug failures.
class ScratchCleanup : public ::testing::Environment {
public:
    void TearDown() override {
        if (getpid() != owner_) return;  // never from a forked child
        if (::testing::UnitTest::GetInstance()->Passed()) {
            std::error_code ec;
            std::filesystem::remove_all(scratch_dir(), ec);
        }
    }

private:
    pid_t owner_ = getpid();
};

[[maybe_unused]] ::testing::Environment* const cleanup =
    ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

}  // namespace

std::string scratch_path(const std::string& name) {
    const std::filesystem::path dir = scratch_dir();
    std::filesystem::create_directories(dir);
    const std::filesystem::path path = dir / name;
    std::filesystem::remove_all(path);
    return path.string();
}

sim::RunMetadata sample_metadata() {
    sim::RunMetadata m;
    m.scenario_name = "ring \"test\"";
    m.scenario_yaml = "name: ring\nduration: 600\n# ünïcode comment\n";
    m.scenario_file = "scenarios/ring.yaml";
    m.overrides = {"seed=9223372036854775813", "traffic.demand=1.5"};
    m.seed = 9223372036854775813ULL;  // above 2^63: must survive as uint64
    m.version = "0.1.0";
    m.backend = "cpu";
    m.device_name = "2 OpenMP threads on Test CPU";
    m.threads = 2;
    m.start = "2024-05-01T08:00:00";
    m.duration_s = 600.0;
    m.step_s = 0.5;
    m.output_every_s = 60.0;
    m.vehicles_every_s = 30.0;
    m.created_utc = "2024-05-01T06:00:00Z";
    return m;
}

sim::NetworkGeometry sample_network(std::size_t nodes) {
    sim::NetworkGeometry net;
    for (std::size_t i = 0; i < nodes; ++i) {
        net.node_ids.push_back(std::string("n").append(std::to_string(i)));
        net.node_x_m.push_back(100.0 * static_cast<double>(i));
        net.node_y_m.push_back(i % 2 == 0 ? 0.0 : 50.0);
        net.node_signalised.push_back(static_cast<std::int32_t>(i % 2));
    }
    for (std::size_t i = 0; i < nodes; ++i) {
        const std::size_t j = (i + 1) % nodes;
        std::string id = "l";
        id.append(std::to_string(i)).append("_").append(std::to_string(j));
        net.link_ids.push_back(id);
        net.link_from_node.push_back(static_cast<std::int32_t>(i));
        net.link_to_node.push_back(static_cast<std::int32_t>(j));
        net.link_lanes.push_back(1 + static_cast<std::int32_t>(i % 3));
        net.link_length_m.push_back(
            std::hypot(net.node_x_m[j] - net.node_x_m[i], net.node_y_m[j] - net.node_y_m[i]));
        net.link_speed_limit_mps.push_back(13.89);
        net.link_shape_offset.push_back(static_cast<std::int32_t>(net.shape_x_m.size()));
        net.shape_x_m.insert(net.shape_x_m.end(), {net.node_x_m[i], net.node_x_m[j]});
        net.shape_y_m.insert(net.shape_y_m.end(), {net.node_y_m[i], net.node_y_m[j]});
    }
    if (nodes > 0) net.link_shape_offset.push_back(static_cast<std::int32_t>(net.shape_x_m.size()));
    return net;
}

sim::LinkSeriesFrame sample_link_frame(int k, std::size_t links) {
    sim::LinkSeriesFrame f;
    f.time_s = 60.0 * (k + 1);
    for (std::size_t i = 0; i < links; ++i) {
        const auto li = static_cast<int>(i);
        f.entered.push_back(k * 10 + li);
        f.left.push_back(k * 10 + li - 1);
        f.mean_speed_mps.push_back(i == 1 ? std::numeric_limits<float>::quiet_NaN()
                                          : 10.0f + 0.25f * static_cast<float>(k + li));
        f.density_veh_per_km.push_back(0.5f * static_cast<float>(k + li));
        f.mean_travel_time_s.push_back(30.0f + static_cast<float>(k));
    }
    return f;
}

sim::VehicleFrame sample_vehicle_frame(int k, std::size_t vehicles) {
    sim::VehicleFrame f;
    f.time_s = 30.0 * (k + 1);
    for (std::size_t v = 0; v < vehicles; ++v) {
        const auto fv = static_cast<float>(v);
        f.id.push_back(static_cast<std::int32_t>(100 * k + v));
        f.x_m.push_back(1.5f * fv + static_cast<float>(k));
        f.y_m.push_back(-2.0f * fv);
        f.speed_mps.push_back(5.0f + fv);
        f.link.push_back(static_cast<std::int32_t>(v % 3));
    }
    return f;
}

std::vector<sim::TripRow> sample_trips(int first_id, int count) {
    std::vector<sim::TripRow> rows;
    for (int i = 0; i < count; ++i) {
        sim::TripRow r;
        r.id = first_id + i;
        r.type = i % 2;
        r.origin_link = i % 4;
        r.destination_link = (i + 2) % 4;
        r.depart_s = 10.0 * r.id;
        switch (i % 3) {
            case 0:  // waiting: never inserted
                r.status = sim::TripStatus::Waiting;
                r.depart_delay_s = 7.0f;
                break;
            case 1:  // running
                r.status = sim::TripStatus::Running;
                r.insert_s = r.depart_s + 2.0;
                r.depart_delay_s = 2.0f;
                r.route_length_m = 250.0f;
                r.time_loss_s = 3.0f;
                break;
            default:  // arrived
                r.status = sim::TripStatus::Arrived;
                r.insert_s = r.depart_s + 1.0;
                r.arrival_s = r.insert_s + 100.0 + i;
                r.depart_delay_s = 1.0f;
                r.route_length_m = 1000.0f + 10.0f * static_cast<float>(i);
                r.time_loss_s = 12.5f;
                break;
        }
        rows.push_back(r);
    }
    return rows;
}

std::vector<sim::Kpi> sample_kpis() {
    return {
        {"trips_total", 5.0, "1", "trips in the demand"},
        {"trips_arrived", 1.0, "1", "trips that reached their destination"},
        {"mean_trip_duration_s", 102.25, "s", "mean duration of arrived trips"},
        {"vehicle_km", 2.01, "km", "total distance driven"},
        {"wall_time_s", 0.123, "s", "wall-clock time"},
        {"vehicle_updates_per_s", 1.5e6, "s-1", "vehicle updates per second"},
    };
}

}  // namespace citytwin::io::test
