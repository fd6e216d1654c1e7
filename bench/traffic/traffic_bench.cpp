// bench_traffic: vehicle updates per second and real-time factor of the traffic step on
// generated signalised grids, from a thousand to a million vehicles, on each backend present.
// Vehicles start running, spread over every lane, each bound for one of at most 1024
// destination links; after a warm-up, the step loop is timed over a window short enough that
// most trips are still under way. Prints a table (or JSON lines); asserts nothing.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/core/random.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/omp_wait.hpp"
#include "sim/traffic/traffic_backend.hpp"

namespace {

using namespace citytwin;

struct Case {
    std::string name;
    int grid;            // rows = cols
    double spacing_m;
    std::int64_t vehicles;
    int warmup_steps;
    int steps;
};

const std::vector<Case> kCases = {
    {"1k", 10, 200, 1000, 20, 400},
    {"10k", 20, 200, 12000, 20, 400},
    {"100k", 60, 250, 100000, 10, 100},
    {"1M", 125, 250, 1000000, 5, 20},
};

long status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string k;
    long v = 0;
    std::string unit;
    while (in >> k) {
        if (k == key) {
            in >> v;
            return v;
        }
        std::getline(in, unit);
    }
    return 0;
}

// Every vehicle placed on a lane at t = 0, evenly spaced, with a destination drawn from a
// limited set of links.
sim::TrafficSetup make_setup(const Case& c, std::uint64_t seed) {
    sim::TrafficSetup s;
    s.settings.step_s = 0.5;
    sim::NetworkSpec spec;
    sim::GridNetworkSpec g;
    g.rows = g.cols = c.grid;
    g.spacing_m = c.spacing_m;
    g.lanes = 2;
    g.speed_mps = 13.89;
    g.signals = true;
    spec.grid = g;
    s.net = sim::build_road_network(s.settings, spec);
    sim::VehicleTypeSpec car;
    car.id = "car";
    s.types = sim::make_type_params({car});
    const std::int32_t links = s.net.links(), lanes = s.net.lanes();
    const std::int32_t n_dest = std::min<std::int32_t>(1024, links);
    std::unordered_map<std::int32_t, std::int32_t> row;
    for (std::uint32_t i = 0; static_cast<std::int32_t>(s.dest_links.size()) < n_dest; ++i) {
        const auto l = static_cast<std::int32_t>(kernels::random_uniform(seed, i, 0, 7) * links) % links;
        if (row.emplace(l, static_cast<std::int32_t>(s.dest_links.size())).second) s.dest_links.push_back(l);
    }
    const std::int64_t per_lane = (c.vehicles + lanes - 1) / lanes;
    sim::TripTable& t = s.trips;
    for (std::int64_t i = 0; i < c.vehicles; ++i) {
        const auto lane = static_cast<std::int32_t>(i % lanes);
        const std::int64_t slot = i / lanes;
        const std::int32_t link = s.net.lane_link[lane];
        const double gap = s.net.link_length[link] / static_cast<double>(per_lane);
        const auto r = kernels::random4(seed, static_cast<std::uint32_t>(i), 1, 7);
        std::int32_t di = static_cast<std::int32_t>(kernels::uniform_open(r.v[0]) * n_dest) % n_dest;
        if (s.dest_links[di] == link) di = (di + 1) % n_dest;
        t.depart.push_back(0.0);
        t.origin.push_back(link);
        t.dest.push_back(s.dest_links[di]);
        t.dest_index.push_back(di);
        t.type.push_back(0);
        t.speed_factor.push_back(static_cast<float>(0.9 + 0.2 * kernels::uniform_open(r.v[1])));
        t.initial_lane.push_back(lane);
        t.initial_pos.push_back(static_cast<float>(5.0 + gap * static_cast<double>(slot)));
        t.initial_speed.push_back(0.0f);
    }
    s.unroutable = sim::find_unroutable(s.net, s.trips);
    return s;
}

struct Result {
    std::string name, backend;
    int threads = 0, steps = 0;
    std::int32_t links = 0;
    double mean_running = 0, wall_s = 0, ups = 0, rtf = 0, bytes_per_vehicle = 0;
    bool bytes_estimated = false;
};

Result run_case(const Case& c, const std::string& backend, int threads, int steps_override) {
    const long rss0 = status_kb("VmRSS:");
    sim::TrafficSetup setup = make_setup(c, 42);
    std::unique_ptr<sim::TrafficBackend> b;
#if defined(CITYTWIN_HAVE_CUDA)
    if (backend == "cuda") b = sim::make_traffic_backend_cuda(setup, threads);
#endif
    if (!b) b = sim::make_traffic_backend_cpu(setup, threads);
    const double dt = setup.settings.step_s;
    std::int64_t k = 0;
    for (; k < c.warmup_steps; ++k) b->step(k * dt, k);
    const int steps = steps_override > 0 ? steps_override : c.steps;
    const sim::TrafficCounts before = b->counts();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i, ++k) b->step(k * dt, k);
    const sim::TrafficCounts after = b->counts();  // waits for the device to finish
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Result r;
    r.name = c.name;
    r.backend = backend;
    r.threads = backend == "cpu" ? threads : 0;
    r.steps = steps;
    r.links = setup.net.links();
    const double vsteps = static_cast<double>(after.vehicle_steps - before.vehicle_steps);
    r.mean_running = vsteps / steps;
    r.wall_s = wall;
    r.ups = vsteps / wall;
    r.rtf = steps * dt / wall;
    if (backend == "cpu") {
        r.bytes_per_vehicle = static_cast<double>(status_kb("VmHWM:") - rss0) * 1024.0 / static_cast<double>(c.vehicles);
    } else {
        r.bytes_per_vehicle = static_cast<double>(b->device_bytes()) / static_cast<double>(c.vehicles);
        r.bytes_estimated = true;
    }
    return r;
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}

}  // namespace

int main(int argc, char** argv) {
    sim::default_passive_omp_wait(argv);
    CLI::App app{"bench_traffic: traffic step throughput on generated grids"};
    int threads = 0, steps = 0;
    std::string backend = "all";
    std::vector<std::string> cases;
    bool quick = false, json = false;
    app.add_option("--threads", threads, "CPU threads (default: all cores)");
    app.add_option("--backend", backend, "cpu | cuda | all")->check(CLI::IsMember({"cpu", "cuda", "all"}));
    app.add_option("--steps", steps, "measured steps per case (default: per case)");
    app.add_option("--cases", cases, "cases to run: 1k 10k 100k 1M");
    app.add_flag("--quick", quick, "only the 1k and 10k cases");
    app.add_flag("--json", json, "one JSON object per case");
    CLI11_PARSE(app, argc, argv);

    const sim::DeviceChoice cpu = sim::choose_device("cpu", threads);
    std::vector<std::string> backends;
    if (backend != "cuda") backends.push_back("cpu");
    std::string why;
    if (backend != "cpu") {
        if (sim::cuda_device_count(&why) > 0) backends.push_back("cuda");
        else if (!json) std::cout << "# cuda backend: not measured (" << why << ")\n";
    }
    if (!json) {
        char date[32];
        const std::time_t now = std::time(nullptr);
        std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
        std::cout << "# machine: " << cpu_model() << ", " << cpu.threads << " threads used; date " << date << "\n# command:";
        for (int i = 0; i < argc; ++i) std::cout << " " << argv[i];
        std::cout << "\n# case  backend threads   links  running(mean)  steps   wall s   vehicle updates/s  real-time x  bytes/vehicle\n";
    }
    for (const Case& c : kCases) {
        if (quick && c.vehicles > 20000) continue;
        if (!cases.empty() && std::find(cases.begin(), cases.end(), c.name) == cases.end()) continue;
        for (const std::string& be : backends) {
            const Result r = run_case(c, be, cpu.threads, steps);
            if (json) {
                std::printf("{\"case\":\"%s\",\"backend\":\"%s\",\"threads\":%d,\"links\":%d,\"running_mean\":%.0f,"
                            "\"steps\":%d,\"wall_s\":%.4f,\"vehicle_updates_per_s\":%.0f,\"real_time_factor\":%.2f,"
                            "\"bytes_per_vehicle\":%.0f,\"bytes_estimated\":%s}\n",
                            r.name.c_str(), r.backend.c_str(), r.threads, r.links, r.mean_running, r.steps, r.wall_s,
                            r.ups, r.rtf, r.bytes_per_vehicle, r.bytes_estimated ? "true" : "false");
            } else {
                std::printf("%-6s %-7s %7d %7d %14.0f %6d %8.2f %19.3e %12.1f %12.0f%s\n", r.name.c_str(),
                            r.backend.c_str(), r.threads, r.links, r.mean_running, r.steps, r.wall_s, r.ups, r.rtf,
                            r.bytes_per_vehicle, r.bytes_estimated ? " (estimate)" : "");
            }
            std::fflush(stdout);
        }
    }
    return 0;
}
