#pragma once
// Outcome of one batch element's sweep; shared by the kernel and the host code reading it.
#include <cstdint>

namespace citytwin {

enum SweepStatus : std::uint8_t {
    kSweepConverged = 0,     // max |dV| fell below the tolerance
    kSweepIterationCap = 1,  // the iteration cap came first
    kSweepCollapsed = 2,     // a voltage fell towards zero or became non-finite
};

}  // namespace citytwin
