// bench_traffic: vehicle updates per second and real-time factor of the traffic step on
// generated signalised grids, from a thousand to a million vehicles, on each backend present.
// Vehicles start running, spread over every lane, each bound for one of at most 1024
// destination links; after a warm-up, the step loop is timed over a window short enough that
// most trips are still under way. Each step's ideal bytes per vehicle update (step_bytes.hpp)
// at the measured rate are set against the backend's STREAM-like copy bandwidth. Prints a table
// (or JSON lines); asserts nothing.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench/air/stream_copy.hpp"
#include "bench/traffic/grid_cases.hpp"
#include "bench/traffic/process_memory.hpp"
#include "bench/traffic/step_bytes.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/omp_wait.hpp"
#include "sim/traffic/traffic_backend.hpp"

namespace {

using namespace citytwin;
using Clock = std::chrono::steady_clock;

struct Options {
    int threads = 0;          // resolved to all cores when 0
    int steps = 0;            // 0: each case's own window
    int warmup = -1;          // -1: each case's own warm-up
    int repeat = 1;
    std::uint64_t seed = 42;
    bench::IdOrder ids = bench::IdOrder::kInterleaved;
};

struct Result {
    std::string name, backend, memory_method, ids;
    int grid = 0, threads = 0, warmup = 0, steps = 0;
    std::int32_t links = 0, lanes = 0, connections = 0;
    std::int64_t vehicles = 0, running_end = 0, arrived = 0;
    double spacing_m = 0, mean_running = 0, wall_s = 0, ups = 0, rtf = 0, build_s = 0;
    double bytes_per_vehicle = 0, estimate_per_vehicle = 0;
    double bytes_per_update = 0, copy_bandwidth = 0;   // ideal (step_bytes.hpp); B/s
    double bandwidth_fraction() const { return copy_bandwidth > 0 ? ups * bytes_per_update / copy_bandwidth : 0.0; }
};

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Device memory in use, tracked as the lowest free figure seen at the sampling points. Only
// cudaMemGetInfo through sim::cuda_free_memory, so this file needs no CUDA header; transient
// buffers (the sort's scratch) come and go between samples and are not seen.
struct DeviceMemoryWatch {
    std::size_t free0 = 0, lowest = 0;
    void start() { free0 = lowest = sim::cuda_free_memory(0); }
    void sample() { lowest = std::min(lowest, sim::cuda_free_memory(0)); }
    double used() const { return free0 > lowest ? static_cast<double>(free0 - lowest) : 0.0; }
};

Result run_once(const bench::GridCase& c, const std::string& backend, const Options& o) {
    Result r;
    r.name = c.name;
    r.backend = backend;
    r.ids = o.ids == bench::IdOrder::kSorted ? "sorted" : "interleaved";
    r.grid = c.grid;
    r.spacing_m = c.spacing_m;
    r.vehicles = c.vehicles;
    r.threads = o.threads;
    r.warmup = o.warmup >= 0 ? o.warmup : c.warmup_steps;
    r.steps = o.steps > 0 ? o.steps : c.steps;

    const auto s0 = Clock::now();
    const sim::TrafficSetup setup = bench::make_grid_setup(c, o.seed, o.ids);
    r.links = setup.net.links();
    r.lanes = setup.net.lanes();
    r.connections = setup.net.connections();
    // Memory is measured from here: the backend's state and whatever stepping allocates, not
    // the host-side trip table and network it is built from.
    const bool peak_reset = bench::reset_peak_resident();
    const std::int64_t rss0 = bench::resident_bytes();
    DeviceMemoryWatch gpu;
    std::unique_ptr<sim::TrafficBackend> b;
#if defined(CITYTWIN_HAVE_CUDA)
    if (backend == "cuda") {
        gpu.start();
        b = sim::make_traffic_backend_cuda(setup, o.threads);
    }
#endif
    if (!b) b = sim::make_traffic_backend_cpu(setup, o.threads);
    if (backend == "cuda") gpu.sample();
    const double dt = setup.settings.step_s;
    std::int64_t k = 0;
    for (; k < r.warmup; ++k) b->step(static_cast<double>(k) * dt, k);
    const sim::TrafficCounts before = b->counts();  // also waits for a GPU to finish
    r.build_s = seconds_since(s0);
    if (backend == "cuda") gpu.sample();

    const auto t0 = Clock::now();
    for (int i = 0; i < r.steps; ++i, ++k) b->step(static_cast<double>(k) * dt, k);
    const sim::TrafficCounts after = b->counts();
    r.wall_s = seconds_since(t0);

    const double vsteps = static_cast<double>(after.vehicle_steps - before.vehicle_steps);
    r.mean_running = vsteps / r.steps;
    r.ups = vsteps / r.wall_s;
    r.rtf = r.steps * dt / r.wall_s;
    r.running_end = after.running;
    r.arrived = after.arrived - before.arrived;
    r.bytes_per_update = bench::StepBytes::per_update(r.mean_running, r.lanes, r.links, r.connections);
    r.estimate_per_vehicle = static_cast<double>(b->device_bytes()) / static_cast<double>(c.vehicles);
    if (backend == "cuda") {
        gpu.sample();
        r.bytes_per_vehicle = gpu.used() / static_cast<double>(c.vehicles);
        r.memory_method = "cudaMemGetInfo";
    } else {
        r.bytes_per_vehicle = static_cast<double>(bench::peak_resident_bytes() - rss0) / static_cast<double>(c.vehicles);
        r.memory_method = peak_reset ? "peak RSS growth" : "lifetime peak RSS growth";
    }
    return r;
}

// Best of `repeat` runs by throughput: other processes on the machine only ever slow a run.
Result run_case(const bench::GridCase& c, const std::string& backend, const Options& o) {
    Result best;
    for (int i = 0; i < o.repeat; ++i) {
        Result r = run_once(c, backend, o);
        if (i == 0 || r.ups > best.ups) best = std::move(r);
    }
    return best;
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

std::string utc_now() {
    char buf[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    return buf;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    double l1 = 0, l5 = 0, l15 = 0;
    in >> l1 >> l5 >> l15;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", l1, l5, l15);
    return buf;
}

void print_header(int argc, char** argv, const Options& o) {
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    const double mem_gib = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
                           (1024.0 * 1024.0 * 1024.0);
    std::printf("# machine: %s, %ld cores, %.1f GiB; date: %s; load average: %s\n", cpu_model().c_str(), cores,
                mem_gib, utc_now().c_str(), load_average().c_str());
    std::printf("# command:");
    for (int i = 0; i < argc; ++i) std::printf(" %s", argv[i]);
    std::printf("\n# counted: vehicle-steps (running vehicles summed over steps) per wall second of "
                "TrafficBackend::step, step 0.5 s, after a warm-up; best of %d run%s; seed %llu; ids %s\n",
                o.repeat, o.repeat == 1 ? "" : "s", static_cast<unsigned long long>(o.seed),
                o.ids == bench::IdOrder::kSorted ? "sorted" : "interleaved");
    std::printf("# bytes/vehicle: cpu = growth of peak resident memory over building the state and stepping;"
                " cuda = device memory in use (cudaMemGetInfo)\n");
    std::printf("# B/update: ideal bytes per vehicle update (each element a kernel touches, once; "
                "bench/traffic/step_bytes.hpp); of copy: B/update x updates/s over the copy bandwidth\n");
    std::printf("%-5s %-7s %7s %7s %14s %6s %8s %18s %12s %13s %9s %8s\n", "case", "backend", "threads", "links",
                "running(mean)", "steps", "wall s", "vehicle updates/s", "real-time x", "bytes/vehicle", "B/update",
                "of copy");
}

void print_row(const Result& r) {
    const std::string threads = r.backend == "cpu" ? std::to_string(r.threads) : "-";
    std::printf("%-5s %-7s %7s %7d %14.0f %6d %8.3f %18.3e %12.1f %13.0f %9.0f %7.1f%%\n", r.name.c_str(),
                r.backend.c_str(), threads.c_str(), r.links, r.mean_running, r.steps, r.wall_s, r.ups, r.rtf,
                r.bytes_per_vehicle, r.bytes_per_update, 100.0 * r.bandwidth_fraction());
}

void print_json(const Result& r) {
    std::printf("{\"case\":\"%s\",\"backend\":\"%s\",\"threads\":%d,\"grid\":%d,\"spacing_m\":%.0f,\"links\":%d,"
                "\"vehicles\":%lld,\"running_mean\":%.1f,\"running_end\":%lld,\"arrived_in_window\":%lld,"
                "\"warmup_steps\":%d,\"steps\":%d,\"wall_s\":%.6f,\"vehicle_updates_per_s\":%.0f,"
                "\"real_time_factor\":%.3f,\"bytes_per_vehicle\":%.1f,\"bytes_method\":\"%s\","
                "\"estimated_bytes_per_vehicle\":%.1f,\"build_and_warmup_s\":%.3f,\"ideal_bytes_per_update\":%.1f,"
                "\"copy_bandwidth_B_s\":%.4g,\"copy_bandwidth_fraction\":%.4f,\"ids\":\"%s\"}\n",
                r.name.c_str(), r.backend.c_str(), r.threads, r.grid, r.spacing_m, r.links,
                static_cast<long long>(r.vehicles), r.mean_running, static_cast<long long>(r.running_end),
                static_cast<long long>(r.arrived), r.warmup, r.steps, r.wall_s, r.ups, r.rtf, r.bytes_per_vehicle,
                r.memory_method.c_str(), r.estimate_per_vehicle, r.build_s, r.bytes_per_update, r.copy_bandwidth,
                r.bandwidth_fraction(), r.ids.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    sim::default_passive_omp_wait(argv);  // may restart the program with OMP_WAIT_POLICY set
    CLI::App app{"bench_traffic: traffic step throughput on generated signalised grids"};
    Options o;
    std::string backend = "all";
    std::vector<std::string> names;
    bool quick = false, json = false;
    app.add_option("--threads", o.threads, "CPU threads (default: all cores)")->check(CLI::Range(1, 1024));
    app.add_option("--backend", backend, "cpu | cuda | all (all: cpu, and cuda when a GPU is visible)")
        ->check(CLI::IsMember({"cpu", "cuda", "all"}));
    app.add_option("--steps", o.steps, "measured steps per case (default: the case's own window)")
        ->check(CLI::Range(1, 1000000));
    app.add_option("--warmup", o.warmup, "warm-up steps per case (default: the case's own)")
        ->check(CLI::Range(0, 1000000));
    app.add_option("--repeat", o.repeat, "runs per case; the best is reported")->check(CLI::Range(1, 1000000));
    app.add_option("--seed", o.seed, "seed of the generated trips");
    std::string ids = "interleaved";
    app.add_option("--ids", ids,
                   "vehicle ids: interleaved (neighbours on a lane far apart, as in a trip table) or sorted "
                   "(in the order the step sorts by: what locality is worth)")
        ->check(CLI::IsMember({"interleaved", "sorted"}));
    app.add_option("--cases", names, "cases to run: 1k 10k 100k 1M (default: all)");
    app.add_flag("--quick", quick, "only the first two cases (1k, 10k)");
    app.add_flag("--json", json, "one JSON object per case and backend, one per line");
    CLI11_PARSE(app, argc, argv);
    o.ids = ids == "sorted" ? bench::IdOrder::kSorted : bench::IdOrder::kInterleaved;

    const auto& all = bench::grid_cases();
    for (const std::string& n : names)
        if (std::none_of(all.begin(), all.end(), [&](const bench::GridCase& c) { return c.name == n; })) {
            std::cerr << "bench_traffic: no case '" << n << "'; the cases are 1k 10k 100k 1M\n";
            return 2;
        }
    o.threads = sim::choose_device("cpu", o.threads).threads;

    std::vector<std::string> backends;
    if (backend != "cuda") backends.push_back("cpu");
    std::string why;
    if (backend != "cpu") {
        if (sim::cuda_device_count(&why) > 0) {
            backends.push_back("cuda");
        } else if (backend == "cuda") {
            std::cerr << "bench_traffic: --backend cuda: no usable GPU (" << why << ")\n";
            return 2;
        } else if (!json) {
            std::printf("# cuda backend: not measured (%s)\n", why.c_str());
        }
    }
    std::vector<double> copy(backends.size());
    for (std::size_t b = 0; b < backends.size(); ++b) {
        copy[b] = bench::stream_copy(backends[b], std::size_t{512} << 20, 5, o.threads);
        if (!json) std::printf("# copy bandwidth (STREAM-like, 512 MiB, best of 5) on %s: %.2f GB/s\n", backends[b].c_str(), copy[b] / 1e9);
    }
    if (!json) {
        print_header(argc, argv, o);
        if (std::find(backends.begin(), backends.end(), "cuda") != backends.end())
            std::printf("# gpu: %s\n", sim::cuda_device_name(0).c_str());
    }
    std::fflush(stdout);

    int failures = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const bench::GridCase& c = all[i];
        if (quick && i >= 2) break;
        if (!names.empty() && std::find(names.begin(), names.end(), c.name) == names.end()) continue;
        for (std::size_t b = 0; b < backends.size(); ++b) {
            const std::string& be = backends[b];
            try {
                Result r = run_case(c, be, o);
                r.copy_bandwidth = copy[b];
                json ? print_json(r) : print_row(r);
            } catch (const std::exception& e) {
                ++failures;
                std::fprintf(stderr, "bench_traffic: case %s on %s failed: %s\n", c.name.c_str(), be.c_str(), e.what());
            }
            std::fflush(stdout);
        }
    }
    return failures == 0 ? 0 : 1;
}
