#pragma once
// The backend header: the host-device qualifier, the per-backend namespace, vector aliases,
// labelled launches and error checks. Every kernel source includes this and nothing else
// backend-specific, so it compiles unchanged for CUDA (nvcc) and for Thrust's OpenMP system.

#include <cstdint>
#include <source_location>
#include <stdexcept>
#include <string>

#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include "kernels/core/qualifiers.hpp"

#if defined(__CUDACC__)
#define CT_DEVICE_CODE 1
#include <cuda_runtime.h>
#else
#define CT_DEVICE_CODE 0
#endif

#ifndef CITYTWIN_BACKEND_NS
#error "CITYTWIN_BACKEND_NS must be defined by the build (cpu or cuda)"
#endif

// Code compiled once per backend lives in citytwin::<backend>: the two object files then link
// into one executable without clashing symbols, whatever the kernels are named.
// Kernel functors sit in citytwin::kernels, in an inline namespace per backend.
#define CT_KERNELS_BEGIN namespace citytwin { namespace kernels { inline namespace CITYTWIN_BACKEND_NS {
#define CT_KERNELS_END } } }

namespace citytwin {

// Thrown when a device call fails; carries the launch label and the call site.
class DeviceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace CITYTWIN_BACKEND_NS {

template <class T>
using dvec = thrust::device_vector<T>;

template <class T>
T* raw(dvec<T>& v) { return thrust::raw_pointer_cast(v.data()); }
template <class T>
const T* raw(const dvec<T>& v) { return thrust::raw_pointer_cast(v.data()); }

inline void check_device(const char* label,
                         std::source_location where = std::source_location::current()) {
#if CT_DEVICE_CODE
    cudaError_t err = cudaGetLastError();
#ifndef NDEBUG
    if (err == cudaSuccess) err = cudaDeviceSynchronize();
#endif
    if (err != cudaSuccess)
        throw DeviceError(std::string(label) + ": " + cudaGetErrorString(err) + " (" +
                          where.file_name() + ":" + std::to_string(where.line()) + ")");
#else
    (void)label;
    (void)where;
#endif
}

// Labelled launch of a functor over [0, n): the one way kernels are started.
template <class F>
void parallel_for(const char* label, std::int64_t n, const F& f,
                  std::source_location where = std::source_location::current()) {
    if (n <= 0) return;
#if !CT_DEVICE_CODE
    // Below a few thousand items a parallel region costs more than the work: run inline.
    if (n < 4096) {
        for (std::int64_t i = 0; i < n; ++i) f(i);
        return;
    }
#endif
    thrust::for_each_n(thrust::device, thrust::counting_iterator<std::int64_t>(0), n, f);
    check_device(label, where);
}

// Labelled launch over [0, n) of items that are each much work (one shortest-path search per
// item): never inline, and on the CPU handed out one by one as threads come free, since the
// items differ in size. Each item owns its output, so the result is the same for any schedule.
template <class F>
void parallel_tasks(const char* label, std::int64_t n, const F& f,
                    std::source_location where = std::source_location::current()) {
    if (n <= 0) return;
#if !CT_DEVICE_CODE
    (void)label;
    (void)where;
#pragma omp parallel for schedule(dynamic, 1)
    for (std::int64_t i = 0; i < n; ++i) f(i);
#else
    thrust::for_each_n(thrust::device, thrust::counting_iterator<std::int64_t>(0), n, f);
    check_device(label, where);
#endif
}

template <class T>
struct FillWith {
    T* data;
    T value;
    CT_HD void operator()(std::int64_t i) const { data[i] = value; }
};

// Sets every element; small arrays inline like parallel_for.
template <class T>
void fill(const char* label, dvec<T>& v, T value,
          std::source_location where = std::source_location::current()) {
    parallel_for(label, static_cast<std::int64_t>(v.size()), FillWith<T>{raw(v), value}, where);
}

}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin
