#pragma once
// The project's own host-device qualifier: `__host__ __device__` under nvcc, nothing under the
// host compiler (Thrust defines the CUDA keywords only with the CUDA runtime headers present).
#if defined(__CUDACC__)
#define CT_HD __host__ __device__
#else
#define CT_HD
#endif
