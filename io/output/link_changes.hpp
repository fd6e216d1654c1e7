#pragma once
// Where the traffic went: per link, the vehicles that entered it over the period the runs have
// in common, base and variant means and their difference; the links that gained and lost most
// are what `citytwin compare` lists under its KPI table.
#include <cstddef>
#include <string>
#include <vector>

#include "io/output/compare_inputs.hpp"

namespace citytwin::io {

struct LinkChange {
    std::string id;
    double base = 0.0, variant = 0.0;  // mean vehicles entered over the common frames
    double delta = 0.0;                // variant - base
};

struct LinkChanges {
    std::vector<LinkChange> gained, lost;  // largest first; at most `count` each, none with delta 0
};

// Reads /traffic/links/entered of every run over the aligned frames. Links the variant lacks
// are left out (they are listed as unmatched).
LinkChanges largest_link_changes(const std::vector<CompareInput>& base, const std::vector<CompareInput>& variant,
                                 const Alignment& alignment, std::size_t count);

}  // namespace citytwin::io
