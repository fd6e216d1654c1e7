#pragma once
// The members of a sweep: each fixed by the sweep file and its index alone. Index order is
// variant, then combination, then replication (the fastest), so a member's replications are
// neighbours. A member's id is a hash of what it runs (variant, parameter values, seed): adding
// values to a list, or replications, keeps the ids of the members there were.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/sweep/sweep_file.hpp"

namespace citytwin::io {

struct SweepMember {
    std::size_t index = 0;
    std::string id;             // 16 hex digits
    std::size_t variant = 0;    // into SweepFile::variants
    std::size_t combination = 0;
    std::size_t replication = 0;
    std::vector<std::string> values;   // one per parameter, as --set takes it
    std::uint64_t seed = 0;
    std::string scenario;              // the scenario file it runs
    std::vector<std::string> sets;     // --set arguments: variant's, parameters', seed
    std::string output;                // outputs_dir/<id>.h5
};

// Member `index` (< sweep_member_count). Throws std::out_of_range past the end.
SweepMember sweep_member(const SweepFile& sweep, std::size_t index);

// The parameter values of combination `c`: a grid's c-th combination in row-major order (the
// last parameter fastest), or the c-th sample of a random or latin design.
std::vector<std::string> combination_values(const SweepFile& sweep, std::size_t c);

}  // namespace citytwin::io
