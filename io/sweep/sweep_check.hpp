#pragma once
// Checking every member of a sweep before anything runs: each member's scenario loaded with
// its --set arguments, exactly as its run will load it.
#include <vector>

#include "io/sweep/sweep_members.hpp"

namespace citytwin::io {

// Throws sim::ScenarioError for the first member whose scenario does not load; the message
// names the member (index, id, variant) and then the key and what was expected.
void check_members(const SweepFile& sweep, const std::vector<SweepMember>& members);

}  // namespace citytwin::io
