// A scenario whose traffic state would not fit the device is refused before anything is
// allocated, with an error that points at the demand.
#include <gtest/gtest.h>

#include "run_to_file.hpp"

namespace citytwin {
namespace {

TEST(MemoryLimit, TooLargeForTheDeviceIsAScenarioError) {
    sim::Scenario sc = test::busy_grid(300, 2000);
    sc.demand.mark = {"big.yaml", 12, 3};
    sim::DeviceChoice small = sim::choose_device("cpu", 1);
    small.memory_available = 64 * 1024;  // a device with 64 KiB free
    try {
        sim::Engine engine(sc, small);
        FAIL() << "expected a ScenarioError";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("big.yaml:12:3: demand:"), std::string::npos) << what;
        EXPECT_NE(what.find("needs about"), std::string::npos) << what;
        EXPECT_NE(what.find("2000 trips"), std::string::npos) << what;
    }
    small.memory_available = std::size_t{8} << 30;
    EXPECT_NO_THROW(sim::Engine(sc, small));
}

}  // namespace
}  // namespace citytwin
