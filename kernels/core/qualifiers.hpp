#pragma once
// The project's own host-device qualifier: `__host__ __device__` under nvcc, nothing under the
// host compiler (Thrust defines the CUDA keywords only with the CUDA runtime headers present).
#if defined(__CUDACC__)
#define CT_HD __host__ __device__
#else
#define CT_HD
#endif

// Branch-free min/max without libm's NaN rules (inputs here are never NaN), so the host
// compiler emits one instruction instead of a call.
CT_HD inline float ct_max(float a, float b) { return a > b ? a : b; }
CT_HD inline float ct_min(float a, float b) { return a < b ? a : b; }
