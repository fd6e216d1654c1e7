#pragma once
// `citytwin compare -o diff.h5`: the differences (variant - base) of the link series, the air
// concentration fields and the bus series, in the run layout (same groups, dataset names,
// units and dimension scales) so that what opens a run opens the difference. With
// replications each dataset NAME has NAME_ci_low, NAME_ci_high and NAME_significant beside
// it. Layout: docs/output-format.md, "Difference files".
#include <string>
#include <vector>

#include "io/output/compare_inputs.hpp"

namespace citytwin::io {

// Writes (truncates) `path`. Pairs replications by seed when the groups' seeds match one to
// one, as the KPI table does. Throws OutputError when the file cannot be written.
void write_difference_file(const std::string& path, const std::vector<CompareInput>& base,
                           const std::vector<CompareInput>& variant, const Alignment& alignment,
                           double confidence);

}  // namespace citytwin::io
