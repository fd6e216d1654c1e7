#pragma once
// The current time in UTC as ISO 8601 ("2026-12-02T05:51:51Z"): when a run file, a checkpoint
// or a difference file was made.
#include <ctime>
#include <string>

namespace citytwin::sim {

inline std::string utc_now_iso() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace citytwin::sim
