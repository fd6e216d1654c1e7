#pragma once
// The complete outputs of one variant of a sweep, for `citytwin compare --sweep`.
#include <string>
#include <vector>

namespace citytwin::sweep {

// The outputs of the complete members of variant `name`, in member order. Throws
// sim::ScenarioError for a bad sweep file, std::invalid_argument for an unknown variant or one
// with no complete member.
std::vector<std::string> variant_outputs(const std::string& sweep_file, const std::string& name);

}  // namespace citytwin::sweep
