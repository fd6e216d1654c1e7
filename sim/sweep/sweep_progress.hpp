#pragma once
// What `citytwin sweep run` says while it runs: on a terminal one progress bar redrawn in place
// (done, running, failed, pending, ETA); elsewhere (a log, a pipe, mpirun's output) one line per
// finished member, so a log reads as a history.
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace citytwin::sweep {

struct Progress {
    std::size_t total = 0;        // members of the run (complete ones included)
    std::size_t done = 0;         // complete, those skipped as already complete included
    std::size_t running = 0, failed = 0, interrupted = 0, pending = 0;
    std::optional<double> eta_s;  // once a member finished and while some are left
};

std::string duration_text(double seconds);   // "h:mm:ss"

// "12/30 done, 2 running, 0 failed, 16 pending, ETA 0:00:20" (", N interrupted" when some are).
std::string progress_text(const Progress& p);

// "[#######.............] " + progress_text, cut to `columns` (the bar is left out below 10 of its own).
std::string progress_bar(const Progress& p, std::size_t columns);

class ProgressReport {
  public:
    // `terminal`: redraw one line in place; else one line per event. Nothing at all when quiet.
    ProgressReport(std::ostream& out, bool terminal, std::size_t columns, bool quiet);
    // For stderr: a terminal when isatty(2) and TERM is not "dumb", its width from TIOCGWINSZ.
    static ProgressReport for_stderr(bool quiet);

    void tick(const Progress& p);       // terminal: redraw when the text changed or 1 s passed
    void finished(const Progress& p);   // a member ended: terminal redraw, else one line
    void message(const std::string& line);   // a line of its own (a failure) above the bar
    void close();                       // terminal: end the bar's line

  private:
    void draw(const Progress& p);
    std::ostream& out_;
    bool terminal_, quiet_, drawn_ = false;
    std::size_t columns_;
    std::string last_;
    double last_draw_s_ = -1.0;
};

}  // namespace citytwin::sweep
