// Checkpoint write and read: time and size for the 1M-vehicle grid of bench_traffic and for
// the demo scenario at 10:00. Write = every state array downloaded, written, synced and
// renamed into place; read = the file opened, every array read and its checksum verified;
// restore = the arrays uploaded into a fresh run (next-hop tables rebuilt from travel times).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "bench/traffic/grid_cases.hpp"
#include "io/checkpoint/checkpoint_file.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "sim/core/engine.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "sim/traffic/trip_table_state.hpp"

namespace {

using namespace citytwin;
using clock_type = std::chrono::steady_clock;

double since(clock_type::time_point t0) { return std::chrono::duration<double>(clock_type::now() - t0).count(); }

struct Figures {
    double write_s = 0.0, read_s = 0.0, restore_s = 0.0;
    std::uint64_t state_bytes = 0, file_bytes = 0;
};

template <class Save, class Restore>
Figures measure(const std::string& path, Save&& save, Restore&& restore) {
    Figures f;
    auto t0 = clock_type::now();
    {
        io::CheckpointWriter w(path);
        save(w);
        io::CheckpointInfo info;
        info.citytwin_version = CITYTWIN_VERSION;
        w.commit(info);
    }
    f.write_s = since(t0);
    t0 = clock_type::now();
    const io::CheckpointReader r(path);
    f.read_s = since(t0);
    t0 = clock_type::now();
    restore(r);
    f.restore_s = since(t0);
    f.state_bytes = r.info().state_bytes;
    f.file_bytes = std::filesystem::file_size(path);
    return f;
}

void print(const char* name, const std::string& what, const Figures& f) {
    std::printf("%-6s %-44s write %6.3f s  read+verify %6.3f s  restore %6.3f s  state %7.1f MiB  file %7.1f MiB\n", name,
                what.c_str(), f.write_s, f.read_s, f.restore_s, static_cast<double>(f.state_bytes) / 1048576.0,
                static_cast<double>(f.file_bytes) / 1048576.0);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bench_checkpoint: checkpoint write, read and restore time and size"};
    int threads = 0;
    std::string dir = "out/bench-checkpoint", only;
    app.add_option("--threads", threads, "CPU threads (default: all cores)");
    app.add_option("--dir", dir, "where the checkpoint files go");
    app.add_option("--case", only, "1M or demo (default: both)");
    CLI11_PARSE(app, argc, argv);
    std::filesystem::create_directories(dir);
    std::printf("# bench_checkpoint: files under %s, %d threads (0: all cores)\n", dir.c_str(), threads);

    if (only.empty() || only == "1M") {
        const bench::GridCase& c = bench::grid_cases().back();
        const sim::TrafficSetup setup = bench::make_grid_setup(c, 1);
        auto b = sim::make_traffic_backend_cpu(setup, threads);
        for (int k = 0; k < c.warmup_steps; ++k) b->step(0.5 * k, k);
        auto fresh = sim::make_traffic_backend_cpu(setup, threads);
        const Figures f = measure(
            dir + "/1M.ckpt.h5",
            [&](io::CheckpointWriter& w) {
                b->save(w);
                sim::save_trip_table(w, setup.trips);
            },
            [&](const io::CheckpointReader& r) { fresh->restore(r, sim::RestorePlan{}); });
        print("1M", std::to_string(c.vehicles) + " vehicles, " + std::to_string(setup.net.links()) + " links", f);
    }
    if (only.empty() || only == "demo") {
        const sim::Scenario sc = io::load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/demo.yaml");
        const sim::DeviceChoice device = sim::choose_device("cpu", threads);
        sim::Engine e(sc, device);
        const std::int64_t until = std::llround(4 * 3600.0 / e.step_s());   // 10:00
        while (e.steps_done() < until) e.step();
        sim::Engine fresh(sc, device);
        const Figures f = measure(
            dir + "/demo.ckpt.h5",
            [&](io::CheckpointWriter& w) {
                e.save(w);
                sim::save_trip_table(w, e.setup().trips);
            },
            [&](const io::CheckpointReader& r) { fresh.restore(r, sim::RestorePlan{}); });
        print("demo", "at 10:00: traffic, power and air, 100,000 trips", f);
    }
    return 0;
}
