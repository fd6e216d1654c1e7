#pragma once
// The complete members of one variant of a sweep, for `citytwin compare --sweep`.
#include <string>
#include <vector>

#include "io/sweep/sweep_members.hpp"

namespace citytwin::sweep {

// The complete members of variant `name`, in member order. Throws std::invalid_argument for
// an unknown variant or one with no complete member.
std::vector<io::SweepMember> variant_members(const io::SweepFile& sweep, const std::string& name);

}  // namespace citytwin::sweep
