// The CUDA and CPU backends run the same kernels; their KPIs agree within the tolerance that
// floating-point contraction (FMA) on the GPU allows to grow over a congested run.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "run_to_file.hpp"
#include "sim/core/device_select.hpp"

namespace citytwin {
namespace {

TEST(BackendAgreement, CudaAndCpuAgreeOnKpis) {
    std::string why;
    if (sim::cuda_device_count(&why) == 0) GTEST_SKIP() << "no CUDA GPU visible (" << why << "): cross-backend check skipped";
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "agreement";
    std::filesystem::create_directories(dir);
    const sim::Scenario sc = test::busy_grid();
    const auto cpu = test::run_to_file(sc, "cpu", 2, (dir / "cpu.h5").string());
    const auto gpu = test::run_to_file(sc, "cuda", 0, (dir / "cuda.h5").string());
    for (const char* name : {"trips_inserted", "trips_arrived"})
        EXPECT_NEAR(test::kpi(gpu, name), test::kpi(cpu, name), 0.01 * test::kpi(cpu, name)) << name;
    for (const char* name : {"mean_trip_duration_s", "mean_route_length_m", "vehicle_km"})
        EXPECT_NEAR(test::kpi(gpu, name), test::kpi(cpu, name), 0.03 * test::kpi(cpu, name)) << name;
    // Same backend twice: bitwise the same.
    const auto gpu2 = test::run_to_file(sc, "cuda", 0, (dir / "cuda2.h5").string());
    EXPECT_EQ(test::kpi(gpu2, "vehicle_km"), test::kpi(gpu, "vehicle_km"));
}

}  // namespace
}  // namespace citytwin
