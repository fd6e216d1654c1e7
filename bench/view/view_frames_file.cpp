// Writes a run file whose vehicle frames each hold N vehicles, with the project's own run
// writer, for bench/view-latency to measure `citytwin view` on frames larger than any
// scenario here makes: a square grid of two-way links, N vehicles spread over them (a fixed
// seed), each moved a few metres along its link from one frame to the next so the page's
// interpolation has something to do, and link series at the same times.
// bench_view_file OUT.h5 --vehicles N [--frames F]
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "io/output/run_writer.hpp"

namespace {

using namespace citytwin;

constexpr double kSpacing = 200.0;   // m between grid nodes
constexpr double kEvery = 10.0;      // s between vehicle frames

sim::NetworkGeometry grid(int side) {
    sim::NetworkGeometry g;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            g.node_ids.push_back("n" + std::to_string(r) + "_" + std::to_string(c));
            g.node_x_m.push_back(c * kSpacing);
            g.node_y_m.push_back(r * kSpacing);
            g.node_signalised.push_back(0);
        }
    const auto link = [&](int a, int b) {
        g.link_ids.push_back(g.node_ids[a] + "-" + g.node_ids[b]);
        g.link_from_node.push_back(a);
        g.link_to_node.push_back(b);
        g.link_lanes.push_back(2);
        g.link_length_m.push_back(kSpacing);
        g.link_speed_limit_mps.push_back(50.0 / 3.6);
        g.link_shape_offset.push_back(static_cast<std::int32_t>(g.shape_x_m.size()));
        for (const int n : {a, b}) {
            g.shape_x_m.push_back(g.node_x_m[n]);
            g.shape_y_m.push_back(g.node_y_m[n]);
        }
    };
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            const int n = r * side + c;
            if (c + 1 < side) link(n, n + 1), link(n + 1, n);
            if (r + 1 < side) link(n, n + side), link(n + side, n);
        }
    g.link_shape_offset.push_back(static_cast<std::int32_t>(g.shape_x_m.size()));
    return g;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"A run file with N vehicles in every vehicle frame, for bench/view-latency"};
    std::string out;
    long vehicles = 100000;
    int frames = 8;
    app.add_option("output", out, "the run file to write")->required();
    app.add_option("--vehicles", vehicles, "vehicles in each frame")->check(CLI::Range(1L, 50'000'000L));
    app.add_option("--frames", frames, "vehicle frames")->check(CLI::Range(2, 10000));
    CLI11_PARSE(app, argc, argv);

    // Links enough for ~20 vehicles each (two lanes of 200 m hold ~60): a city-sized grid.
    const int side = std::max(4, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(vehicles) / 80.0))) + 1);
    const sim::NetworkGeometry net = grid(side);
    const std::size_t links = net.link_ids.size();

    sim::RunMetadata meta;
    meta.scenario_name = "view-bench-" + std::to_string(vehicles);
    meta.scenario_yaml = "citytwin: 1\nname: " + meta.scenario_name + "\n";
    meta.version = "bench";
    meta.backend = "cpu";
    meta.start = "2026-06-01T08:00";
    meta.duration_s = frames * kEvery;
    meta.step_s = 0.5;
    meta.output_every_s = kEvery;
    meta.vehicles_every_s = kEvery;

    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::size_t> pick(0, links - 1);
    std::uniform_real_distribution<float> along(0.0f, 1.0f), speed(0.0f, 50.0f / 3.6f);
    std::vector<std::int32_t> link_of(static_cast<std::size_t>(vehicles));
    std::vector<float> where(link_of.size()), v(link_of.size());
    for (std::size_t i = 0; i < link_of.size(); ++i) {
        link_of[i] = static_cast<std::int32_t>(pick(rng));
        where[i] = along(rng) * 0.5f;
        v[i] = speed(rng);
    }

    io::RunWriter writer(out, meta, net);
    for (int k = 0; k < frames; ++k) {
        sim::VehicleFrame f;
        f.time_s = (k + 1) * kEvery;
        const std::size_t n = link_of.size();
        f.id.resize(n);
        f.x_m.resize(n);
        f.y_m.resize(n);
        f.speed_mps = v;
        f.link = link_of;
        f.type.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const auto l = static_cast<std::size_t>(link_of[i]);
            const double s = std::min(1.0, where[i] + v[i] * kEvery * k / kSpacing);   // moved along its link
            const auto a = static_cast<std::size_t>(net.link_from_node[l]), b = static_cast<std::size_t>(net.link_to_node[l]);
            f.id[i] = static_cast<std::int32_t>(i);
            f.x_m[i] = static_cast<float>(net.node_x_m[a] + s * (net.node_x_m[b] - net.node_x_m[a]));
            f.y_m[i] = static_cast<float>(net.node_y_m[a] + s * (net.node_y_m[b] - net.node_y_m[a]));
        }
        writer.write_vehicles(std::move(f));
        sim::LinkSeriesFrame s;
        s.time_s = (k + 1) * kEvery;
        s.entered.assign(links, 0);
        s.left.assign(links, 0);
        s.mean_speed_mps.assign(links, 8.0f);
        s.density_veh_per_km.assign(links, static_cast<float>(vehicles) / static_cast<float>(links) / 0.2f);
        s.mean_travel_time_s.assign(links, 25.0f);
        writer.write_links(std::move(s));
    }
    writer.finish({});
    std::printf("%s: %d frames of %ld vehicles on %zu links (%d x %d grid)\n", out.c_str(), frames, vehicles, links, side, side);
    return 0;
}
