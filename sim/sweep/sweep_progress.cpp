#include "sim/sweep/sweep_progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace citytwin::sweep {
namespace {

constexpr const char* kPrefix = "citytwin: sweep: ";   // of the lines
constexpr const char* kBarPrefix = "sweep: ";           // of the bar, which needs the room

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string duration_text(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    return buffer;
}

std::string progress_text(const Progress& p) {
    std::string out = std::to_string(p.done) + "/" + std::to_string(p.total) + " done, " + std::to_string(p.running) +
                      " running, " + std::to_string(p.failed) + " failed, ";
    if (p.interrupted > 0) out += std::to_string(p.interrupted) + " interrupted, ";
    out += std::to_string(p.pending) + " pending";
    if (p.eta_s) out += ", ETA " + duration_text(*p.eta_s);
    return out;
}

std::string progress_bar(const Progress& p, std::size_t columns) {
    const std::string text = progress_text(p);
    const std::size_t room = columns > text.size() + 3 ? columns - text.size() - 3 : 0;  // "[", "] "
    const std::size_t width = std::min<std::size_t>(room, 40);
    if (width < 10) return text.substr(0, columns);
    const std::size_t ended = p.done + p.failed + p.interrupted;
    const std::size_t filled = p.total == 0 ? width : width * ended / p.total;
    return "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " + text;
}

ProgressReport::ProgressReport(std::ostream& out, bool terminal, std::size_t columns, bool quiet)
    : out_(out), terminal_(terminal), quiet_(quiet), columns_(columns) {}

ProgressReport ProgressReport::for_stderr(bool quiet) {
    const char* term = std::getenv("TERM");
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && !(term && std::strcmp(term, "dumb") == 0);
    std::size_t columns = 80;
    winsize w{};
    if (terminal && ::ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) columns = w.ws_col;
    return ProgressReport(std::cerr, terminal, columns, quiet);
}

void ProgressReport::draw(const Progress& p) {
    // The bar in what is left of the line (the last column stays free, so the cursor never
    // wraps); "\x1b[K" clears what a longer line drawn before left behind.
    const std::size_t prefix = std::strlen(kBarPrefix);
    last_ = progress_text(p);
    out_ << '\r' << kBarPrefix << progress_bar(p, columns_ > prefix + 1 ? columns_ - prefix - 1 : 1) << "\x1b[K" << std::flush;
    drawn_ = true;
    last_draw_s_ = now_s();
}

void ProgressReport::tick(const Progress& p) {
    if (quiet_ || !terminal_) return;
    if (progress_text(p) != last_ || now_s() - last_draw_s_ >= 1.0) draw(p);
}

void ProgressReport::finished(const Progress& p) {
    if (quiet_) return;
    if (terminal_) draw(p);
    else out_ << kPrefix << progress_text(p) << '\n' << std::flush;
}

void ProgressReport::message(const std::string& line) {
    if (quiet_) return;
    if (terminal_ && drawn_) out_ << "\r\x1b[K";
    out_ << line << '\n' << std::flush;
    drawn_ = false;
    last_.clear();  // the bar is drawn again at the next tick
}

void ProgressReport::close() {
    if (quiet_ || !terminal_ || !drawn_) return;
    out_ << '\n' << std::flush;
    drawn_ = false;
}

}  // namespace citytwin::sweep
