#pragma once
// What a SUMO import could not represent, counted by kind, so the user is told once, with
// numbers, instead of anything being dropped silently.
#include <map>
#include <string>

namespace citytwin::io {

struct SumoNotes {
    std::map<std::string, long long> counts;  // "pedestrian edges" -> 12

    void add(const std::string& what, long long n = 1) {
        if (n > 0) counts[what] += n;
    }
    bool empty() const { return counts.empty(); }
    // "not represented: 12 pedestrian edges, 3 detectors" ("" when nothing).
    std::string summary() const {
        std::string s;
        for (const auto& [what, n] : counts) s += (s.empty() ? "" : ", ") + std::to_string(n) + " " + what;
        return s;
    }
};

}  // namespace citytwin::io
