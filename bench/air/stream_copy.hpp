#pragma once
// A STREAM-like copy (McCalpin's "Copy": b[i] = a[i]) on a backend's device memory, so the air
// benchmark can state its throughput as a fraction of the bandwidth the same machine reaches.
#include <cstddef>
#include <string>

namespace citytwin::bench {

// Best bytes per second (read + write counted, as STREAM does) over `repeats` copies of
// `bytes`-sized float arrays.
double stream_copy_cpu(std::size_t bytes, int repeats, int threads);
#if defined(CITYTWIN_HAVE_CUDA)
double stream_copy_cuda(std::size_t bytes, int repeats, int threads);
#endif

// The copy on the named backend ("cuda" where built with it; otherwise the CPU's).
inline double stream_copy(const std::string& backend, std::size_t bytes, int repeats, int threads) {
#if defined(CITYTWIN_HAVE_CUDA)
    if (backend == "cuda") return stream_copy_cuda(bytes, repeats, threads);
#endif
    (void)backend;
    return stream_copy_cpu(bytes, repeats, threads);
}

}  // namespace citytwin::bench
