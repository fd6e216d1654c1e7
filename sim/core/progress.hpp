#pragma once
// Progress of a run: a redrawn bar on a terminal, a plain line every few seconds otherwise.
#include <chrono>
#include <cstdint>
#include <ostream>

namespace citytwin::sim {

struct ProgressState {
    double sim_time_s = 0.0;
    double duration_s = 0.0;
    std::int64_t running = 0;
    std::int64_t arrived = 0;
    std::int64_t waiting = 0;
};

class ProgressReporter {
public:
    enum class Mode { Off, Bar, Lines };
    ProgressReporter(std::ostream& out, Mode mode);
    // True when a report is due (cheap: reads the clock only).
    bool due() const;
    void report(const ProgressState& s);
    void finish(const ProgressState& s);
    static Mode mode_for(int fd, bool quiet);

private:
    using clock = std::chrono::steady_clock;
    std::string line(const ProgressState& s) const;
    std::ostream& out_;
    Mode mode_;
    clock::time_point start_, last_;
    bool drawn_ = false;
};

}  // namespace citytwin::sim
