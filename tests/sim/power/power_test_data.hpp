#pragma once
// Feeders the power tests share: the IEEE 33-bus table and small hand-made ones.
#include <string>
#include <vector>

#include "io/power/feeder_csv.hpp"
#include "sim/power/feeder.hpp"

namespace citytwin::test {

inline std::string power_data(const std::string& name) {
    return std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/power/" + name;
}

// Baran & Wu (1989) 33-bus feeder, base 12.66 kV.
inline sim::FeederSpec ieee33_spec() {
    sim::FeederSpec s;
    s.id = "ieee33";
    s.base_kv = 12.66;
    s.branches_file = power_data("ieee33_bw.csv");
    s.branches = io::read_feeder_csv(s.branches_file, "power.feeders.ieee33");
    return s;
}

inline sim::BranchSpec branch(const std::string& from, const std::string& to, double r, double x, double p = 0,
                              double q = 0) {
    sim::BranchSpec b;
    b.from = from;
    b.to = to;
    b.r_ohm = r;
    b.x_ohm = x;
    b.p_kw = p;
    b.q_kvar = q;
    b.mark = sim::SourceMark{"test.csv", 0, 0};
    return b;
}

inline sim::FeederSpec feeder_spec(std::vector<sim::BranchSpec> branches, double kv = 11.0) {
    sim::FeederSpec s;
    s.id = "f";
    s.base_kv = kv;
    s.branches = std::move(branches);
    for (std::size_t i = 0; i < s.branches.size(); ++i)
        s.branches[i].mark = sim::SourceMark{"test.csv", static_cast<int>(i) + 2, 0};
    return s;
}

}  // namespace citytwin::test
