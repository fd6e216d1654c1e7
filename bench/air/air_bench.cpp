// bench_air: transport throughput of the air model (cell-updates per second) on square grids
// from 256² to 4096², per backend, with the bytes each update moves and the fraction of the
// machine's memory bandwidth that makes, measured by a STREAM-like copy in this program.
// Prints figures and method; asserts nothing (docs/benchmarks.md records the numbers).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/air/stream_copy.hpp"
#include "sim/air/air_backend.hpp"
#include "sim/air/pollutants.hpp"

namespace {

using namespace citytwin;

// Ideal bytes per cell-update of one transport sub-step (float fields, neighbours from cache):
// four advection half-sweeps (read c, write c': 8 B each), one diffusion pass (8 B), one
// source-and-removal pass (read c and the source rate, write c: 12 B).
constexpr double kBytesPerUpdate = 4 * 8 + 8 + 12;

sim::AirSetup bench_setup(std::int32_t n, int pollutants) {
    sim::AirSetup s;
    s.grid.cell_m = 50.0;
    s.grid.nx = s.grid.ny = n;
    const char* names[] = {"NOx", "PM2.5", "CO2", "PM10"};
    for (int p = 0; p < pollutants; ++p) {
        const sim::PollutantInfo* info = sim::find_pollutant(names[p]);
        s.pollutants.push_back(names[p]);
        s.weight.insert(s.weight.end(), info->weight.begin(), info->weight.end());
        s.decay_per_s.push_back(1e-5);
        s.deposition_m_s.push_back(0.0);
        s.background_ug_m3.push_back(0.0);
    }
    s.fixed_diffusivity = true;
    s.diffusivity_m2_s = 30.0;
    return s;
}

std::unique_ptr<sim::AirBackend> make(const std::string& backend, const sim::AirSetup& s, int threads) {
#if defined(CITYTWIN_HAVE_CUDA)
    if (backend == "cuda") return sim::make_air_backend_cuda(s, threads);
#endif
    (void)backend;
    return sim::make_air_backend_cpu(s, threads);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"citytwin air transport benchmark"};
    std::vector<int> sizes{256, 512, 1024, 2048, 4096};
    std::string device = "cpu";
    int threads = 0, pollutants = 1, repeats = 3;
    app.add_option("--sizes", sizes, "grid edge lengths (cells)");
    app.add_option("--device", device, "cpu or cuda")->check(CLI::IsMember({"cpu", "cuda"}));
    app.add_option("--threads", threads, "CPU threads (0: OpenMP default)");
    app.add_option("--pollutants", pollutants, "pollutants carried (1-4)")->check(CLI::Range(1, 4));
    app.add_option("--repeats", repeats, "timed air steps per size; the best is reported")->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);
#if !defined(CITYTWIN_HAVE_CUDA)
    if (device == "cuda") {
        std::fprintf(stderr, "bench_air: this build has no CUDA backend\n");
        return 2;
    }
#endif
    const double copy = bench::stream_copy(device, std::size_t{512} << 20, 5, threads);
    std::printf("bench_air: backend %s, threads %d, %d pollutant(s)\n", device.c_str(), threads, pollutants);
    std::printf("STREAM-like copy of 512 MiB: %.2f GB/s (read + write, best of 5)\n", copy / 1e9);
    std::printf("method: one air step of 360 s with wind 5 m/s from 240 deg and K = 30 m2/s on 50 m cells (20 "
                "Strang sub-steps: 4 advection half-sweeps, diffusion, sources and removal); warm-up step, then "
                "best of %d; cell-updates = cells x pollutants x sub-steps\n",
                repeats);
    std::printf("%8s %12s %14s %12s %16s %10s\n", "grid", "cells", "s/air step", "sub-steps", "cell-updates/s",
                "of copy BW");
    for (int n : sizes) {
        const sim::AirSetup s = bench_setup(n, pollutants);
        auto air = make(device, s, threads);
        std::vector<float> init(static_cast<std::size_t>(n) * n);
        for (std::size_t i = 0; i < init.size(); ++i) init[i] = static_cast<float>((i * 2654435761u) % 1000) * 0.01f;
        for (int p = 0; p < pollutants; ++p) air->set_field(p, init);
        sim::TransportParams tp;
        tp.u_mps = -5.0 * std::sin(240.0 * M_PI / 180.0);
        tp.v_mps = -5.0 * std::cos(240.0 * M_PI / 180.0);
        tp.diffusivity_m2_s = 30.0;
        tp.mixing_height_m = 500.0;
        tp.removal_per_s.assign(pollutants, 1e-5);
        air->advance(360.0, tp);  // warm-up: first touch of every page
        double best = 1e300;
        std::int64_t sub = 0;
        for (int r = 0; r < repeats; ++r) {
            const std::int64_t before = air->substeps();
            const auto t0 = std::chrono::steady_clock::now();
            air->advance(360.0, tp);
            (void)air->budget();  // waits for the device
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            sub = air->substeps() - before;
        }
        const double updates = static_cast<double>(n) * n * pollutants * static_cast<double>(sub) / best;
        std::printf("%5dx%-5d %12lld %14.4f %12lld %16.4g %9.1f%%\n", n, n, static_cast<long long>(n) * n, best,
                    static_cast<long long>(sub), updates, 100.0 * updates * kBytesPerUpdate / copy);
    }
    std::printf("bytes per cell-update (ideal, fields in float): %.0f\n", kBytesPerUpdate);
    return 0;
}
