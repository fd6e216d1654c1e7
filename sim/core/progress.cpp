#include "sim/core/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace citytwin::sim {

ProgressReporter::ProgressReporter(std::ostream& out, Mode mode)
    : out_(out), mode_(mode), start_(clock::now()), last_(start_) {}

ProgressReporter::Mode ProgressReporter::mode_for(int fd, bool quiet) {
    if (quiet) return Mode::Off;
    return isatty(fd) ? Mode::Bar : Mode::Lines;
}

bool ProgressReporter::due() const {
    if (mode_ == Mode::Off) return false;
    const auto every = mode_ == Mode::Bar ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
    return clock::now() - last_ >= every;
}

static std::string hms(double s) {
    if (s < 0 || s > 1e8) return "--:--:--";
    const long t = static_cast<long>(s + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
    return buf;
}

std::string ProgressReporter::line(const ProgressState& s) const {
    const double wall = std::chrono::duration<double>(clock::now() - start_).count();
    const double rtf = wall > 0 ? s.sim_time_s / wall : 0.0;
    const double eta = rtf > 0 ? (s.duration_s - s.sim_time_s) / rtf : -1.0;
    char buf[256];
    std::snprintf(buf, sizeof buf, "sim %s / %s  %6.0fx real time  running %lld  arrived %lld  waiting %lld  ETA %s",
                  hms(s.sim_time_s).c_str(), hms(s.duration_s).c_str(), rtf, static_cast<long long>(s.running),
                  static_cast<long long>(s.arrived), static_cast<long long>(s.waiting), hms(eta).c_str());
    return buf;
}

void ProgressReporter::report(const ProgressState& s) {
    last_ = clock::now();
    if (mode_ == Mode::Off) return;
    if (mode_ == Mode::Lines) {
        out_ << "citytwin: " << line(s) << "\n" << std::flush;
        return;
    }
    const double frac = s.duration_s > 0 ? s.sim_time_s / s.duration_s : 1.0;
    const int width = 24, filled = static_cast<int>(frac * width + 0.5);
    out_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << line(s) << "\x1b[K"
         << std::flush;
    drawn_ = true;
}

void ProgressReporter::finish(const ProgressState& s) {
    if (mode_ == Mode::Off) return;
    report(s);
    if (drawn_) out_ << "\n";
}

}  // namespace citytwin::sim
