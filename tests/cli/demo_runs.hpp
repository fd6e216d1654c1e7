#pragma once
// What the command-line tests of checkpoints and interventions share: the demo over its
// morning (a few seconds a run) and a comparison of two run files that names what differs.
#include <string>
#include <vector>

#include "io/output/run_compare.hpp"

namespace citytwin::testing {

// The demo (traffic, power and air together) over 06:00-10:00, with a quarter of its trips.
inline std::string demo_morning() {
    return std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/demo.yaml" +
           " --set 'duration=4 h' --set demand.generate.trips=25000"
           " --set 'weather.series=[{at: 0 s, mixing_height: 300 m, stability: D},"
           " {at: 2 h, mixing_height: 700 m, stability: C, temperature: 27 °C}]'";
}

// "" when every dataset is the same (timing KPIs aside), else the first differences.
inline std::string differences(const std::string& a, const std::string& b) {
    std::vector<std::string> diffs;
    if (io::datasets_identical(a, b, &diffs)) return "";
    std::string out = a + " and " + b + " differ:";
    for (std::size_t i = 0; i < diffs.size() && i < 8; ++i) out += "\n  " + diffs[i];
    return out;
}

}  // namespace citytwin::testing
