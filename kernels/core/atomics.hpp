#pragma once
// Integer atomics for both backends. Integer sums and minima are exact and order-free, so
// counters updated through them are identical whatever the thread count or schedule.
#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

CT_HD inline void atomic_add(unsigned long long* p, unsigned long long v) {
#if defined(__CUDA_ARCH__)
    atomicAdd(p, v);
#else
    __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
#endif
}

CT_HD inline void atomic_add(long long* p, long long v) {
#if defined(__CUDA_ARCH__)
    atomicAdd(reinterpret_cast<unsigned long long*>(p), static_cast<unsigned long long>(v));
#else
    __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
#endif
}

CT_HD inline void atomic_add(int* p, int v) {
#if defined(__CUDA_ARCH__)
    atomicAdd(p, v);
#else
    __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
#endif
}

CT_HD inline void atomic_min(int* p, int v) {
#if defined(__CUDA_ARCH__)
    atomicMin(p, v);
#else
    int cur = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (v < cur && !__atomic_compare_exchange_n(p, &cur, v, true, __ATOMIC_RELAXED,
                                                   __ATOMIC_RELAXED)) {
    }
#endif
}

CT_KERNELS_END
