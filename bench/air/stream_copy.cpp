// Compiled once per backend like the simulator's device code (stream_copy.cu includes it).
#include "bench/air/stream_copy.hpp"

#include <algorithm>
#include <chrono>

#include "kernels/backend.hpp"

#if !CT_DEVICE_CODE
#include <omp.h>
#endif

namespace citytwin::bench {
namespace {

struct CopyKernel {
    const float* a;
    float* b;
    CT_HD void operator()(std::int64_t i) const { b[i] = a[i]; }
};

}  // namespace

#define CT_BENCH_CAT2(a, b) a##b
#define CT_BENCH_CAT(a, b) CT_BENCH_CAT2(a, b)

double CT_BENCH_CAT(stream_copy_, CITYTWIN_BACKEND_NS)(std::size_t bytes, int repeats, int threads) {
    using namespace citytwin::CITYTWIN_BACKEND_NS;
#if !CT_DEVICE_CODE
    if (threads > 0) omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    const std::int64_t n = static_cast<std::int64_t>(bytes / sizeof(float));
    dvec<float> a(n, 1.0f), b(n, 0.0f);
    double best = 1e300;
    for (int r = 0; r < repeats + 1; ++r) {
#if CT_DEVICE_CODE
        cudaDeviceSynchronize();
#endif
        const auto t0 = std::chrono::steady_clock::now();
        parallel_for("bench.stream_copy", n, CopyKernel{raw(a), raw(b)});
#if CT_DEVICE_CODE
        cudaDeviceSynchronize();
#endif
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (r > 0) best = std::min(best, s);  // the first touches the pages
    }
    return 2.0 * static_cast<double>(n) * sizeof(float) / best;
}

}  // namespace citytwin::bench
