// bench_power: bus-solves per second of the batched backward/forward sweep, for batches of the
// IEEE 33-bus feeder and of generated radial feeders of 10,000+ buses, on each backend present.
// A bus-solve is one bus of one batch element solved to the tolerance (1e-10 pu); the figure is
// Σ buses over the batch / wall time of the solve call (loads already on the device, results
// left there). Prints a table; asserts nothing.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "io/power/feeder_csv.hpp"
#include "kernels/power/sweep_status.hpp"
#include "sim/core/device_select.hpp"
#include "sim/core/omp_wait.hpp"
#include "sim/power/power_backend.hpp"

namespace {

using namespace citytwin;
using Clock = std::chrono::steady_clock;

// A radial feeder of n buses: each new bus hangs off one of the w = max(40, n/250) buses before
// it (long laterals, depth ~2n/w), 50 m of 240 mm² cable per branch, 5 MW + 1.5 Mvar spread evenly.
sim::Feeder synthetic_feeder(std::int32_t n, std::uint64_t seed) {
    sim::FeederSpec s;
    s.id = "synthetic-" + std::to_string(n);
    s.base_kv = 20.0;
    std::mt19937_64 rng(seed);
    for (std::int32_t i = 1; i < n; ++i) {
        const std::int32_t lo = std::max(0, i - std::max(40, n / 250));
        std::uniform_int_distribution<std::int32_t> pick(lo, i - 1);
        sim::BranchSpec b;
        b.from = std::to_string(pick(rng));
        b.to = std::to_string(i);
        b.r_ohm = 0.05 * 0.122;
        b.x_ohm = 0.05 * 0.112;
        b.p_kw = 5000.0 / n;
        b.q_kvar = 1500.0 / n;
        s.branches.push_back(b);
    }
    return sim::build_feeder(s);
}

struct Case {
    std::string name;
    sim::Feeder feeder;
    int elements;
};

void run_case(const Case& c, const std::string& backend_name, int threads, int repeat, int interleave) {
    const std::vector<sim::Feeder> feeders{c.feeder};
    std::unique_ptr<sim::PowerBackend> b;
    sim::SweepSettings settings;
    settings.interleave = interleave;
#if defined(CITYTWIN_HAVE_CUDA)
    if (backend_name == "cuda") b = sim::make_power_backend_cuda(feeders, settings, nullptr, threads);
#endif
    if (!b) b = sim::make_power_backend_cpu(feeders, settings, nullptr, threads);
    b->set_batch(std::vector<std::int32_t>(static_cast<std::size_t>(c.elements), 0));
    std::vector<double> p, q;
    for (int e = 0; e < c.elements; ++e) {
        p.insert(p.end(), c.feeder.p_kw.begin(), c.feeder.p_kw.end());
        q.insert(q.end(), c.feeder.q_kvar.begin(), c.feeder.q_kvar.end());
    }
    b->set_loads(p, q);
    b->solve();  // warm-up (first touch of the buffers, CUDA context)
    sim::SweepResults r;
    b->summaries(r);
    std::vector<double> times;
    for (int k = 0; k < repeat; ++k) {
        const auto t0 = Clock::now();
        b->solve();
        b->summaries(r);  // includes the wait for the device
        times.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    const double best = times.front(), median = times[times.size() / 2];
    const double solves = static_cast<double>(b->batch_buses());
    const bool ok = std::all_of(r.status.begin(), r.status.end(), [](auto s) { return s == kSweepConverged; });
    std::printf("%-22s %-5s %3d %7d %9d %10.0f %6d %8.5f %10.4f %10.4f %12.3e %12.3e %s\n", c.name.c_str(),
                backend_name.c_str(), threads, c.elements, c.feeder.buses(), solves, r.iterations[0], r.v_min_pu[0],
                best, median, solves / best, solves / median, ok ? "" : "NOT CONVERGED");
}

}  // namespace

int main(int argc, char** argv) {
    sim::default_passive_omp_wait(argv);
    CLI::App app{"bench_power: bus-solves per second of the batched backward/forward sweep"};
    int threads = 0, repeat = 7, interleave = -1;
    std::string feeder33 = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/power/ieee33_bw.csv";
    std::vector<std::string> only;
    app.add_option("--threads", threads, "CPU threads (default: all cores)");
    app.add_option("--repeat", repeat, "Timed solves per case (best and median reported)");
    app.add_option("--ieee33", feeder33, "The 33-bus branch table");
    app.add_option("--backend", only, "cpu and/or cuda (default: each present)");
    app.add_option("--interleave", interleave, "Batch layout: 0 element-major, 1 interleaved, -1 the backend's choice");
    CLI11_PARSE(app, argc, argv);
    if (threads <= 0) threads = sim::choose_device("cpu", 0).threads;

    sim::FeederSpec s33;
    s33.id = "ieee33";
    s33.base_kv = 12.66;
    s33.branches = io::read_feeder_csv(feeder33, "");
    const sim::Feeder f33 = sim::build_feeder(s33);
    const std::vector<Case> cases = {
        {"ieee33 x 1", f33, 1},
        {"ieee33 x 1000", f33, 1000},
        {"ieee33 x 30000", f33, 30000},
        {"synthetic 10k x 1", synthetic_feeder(10000, 42), 1},
        {"synthetic 10k x 64", synthetic_feeder(10000, 42), 64},
        {"synthetic 100k x 8", synthetic_feeder(100000, 42), 8},
    };
    std::vector<std::string> backends = only;
    if (backends.empty()) {
        backends.push_back("cpu");
        std::string why;
        if (sim::cuda_device_count(&why) > 0) backends.push_back("cuda");
        else std::printf("# cuda: not measured (%s)\n", sim::cuda_built() ? why.c_str() : "not built");
    }
    std::printf("# bus-solves/s = (elements x buses) / wall time of one batched solve; tolerance 1e-10 pu\n");
    std::printf("%-22s %-5s %3s %7s %9s %10s %6s %8s %10s %10s %12s %12s\n", "case", "backend", "thr", "elements",
                "buses", "bus-solves", "iters", "vmin_pu", "best_s", "median_s", "best_rate", "median_rate");
    for (const std::string& be : backends)
        for (const Case& c : cases) run_case(c, be, threads, repeat, interleave);
    return 0;
}
