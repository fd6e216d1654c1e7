#pragma once
// Feeder branch tables: "from,to,r_ohm,x_ohm,p_kw,q_kvar[,ampacity_a]", one branch per row,
// the load at the `to` bus (as ../shared/data/power/ieee33_bw.csv). Errors name file:line:column.
#include <string>
#include <string_view>
#include <vector>

#include "sim/power/power_spec.hpp"

namespace citytwin::io {

// Parses `text` (the content of `file`). An optional header line naming the columns, blank
// lines and '#' comment lines are skipped. Throws sim::ScenarioError (key_path in every
// message), including for a table with no branches. Each branch's mark is file:line of its row.
std::vector<sim::BranchSpec> parse_feeder_csv(std::string_view text, const std::string& file,
                                              const std::string& key_path);

// Reads and parses a feeder file; a file that cannot be read is a ScenarioError at `file`.
std::vector<sim::BranchSpec> read_feeder_csv(const std::string& file, const std::string& key_path);

}  // namespace citytwin::io
