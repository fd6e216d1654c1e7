// What `sweep run` prints while it runs: the progress line and bar, and the two ways of
// reporting (a bar redrawn in place on a terminal, one line per finished member elsewhere).
#include <gtest/gtest.h>

#include <sstream>

#include "sim/sweep/sweep_progress.hpp"

namespace citytwin::sweep {
namespace {

Progress twelve_of_thirty() {
    Progress p;
    p.total = 30;
    p.done = 12;
    p.running = 2;
    p.failed = 1;
    p.pending = 15;
    p.eta_s = 3725.0;
    return p;
}

TEST(SweepProgress, LineSaysDoneRunningFailedPendingAndEta) {
    Progress p = twelve_of_thirty();
    EXPECT_EQ(progress_text(p), "12/30 done, 2 running, 1 failed, 15 pending, ETA 1:02:05");
    p.eta_s.reset();
    p.interrupted = 3;
    EXPECT_EQ(progress_text(p), "12/30 done, 2 running, 1 failed, 3 interrupted, 15 pending");
    EXPECT_EQ(duration_text(59.6), "0:01:00");
}

TEST(SweepProgress, BarFillsWithEndedMembersAndFitsTheWidth) {
    const Progress p = twelve_of_thirty();
    const std::string text = progress_text(p);
    // 13 of 30 ended: 17 of 40 cells at full width.
    const std::string wide = progress_bar(p, 200);
    EXPECT_EQ(wide, "[" + std::string(17, '#') + std::string(23, '.') + "] " + text);
    const std::string narrow = progress_bar(p, text.size() + 3 + 20);
    EXPECT_EQ(narrow, "[" + std::string(8, '#') + std::string(12, '.') + "] " + text);
    EXPECT_EQ(narrow.size(), text.size() + 3 + 20);
    EXPECT_EQ(progress_bar(p, 30), text.substr(0, 30));  // no room for a bar
    Progress all = p;
    all.done = 30;
    all.failed = all.running = all.pending = 0;
    EXPECT_EQ(progress_bar(all, 200).substr(0, 42), "[" + std::string(40, '#') + "]");
}

TEST(SweepProgress, TerminalRedrawsOneLineInPlace) {
    std::ostringstream out;
    ProgressReport report(out, true, 120, false);
    Progress p = twelve_of_thirty();
    report.tick(p);
    report.tick(p);  // unchanged within a second: not drawn again
    p.done = 13;
    report.finished(p);
    report.message("citytwin: sweep: member 4 (abc) failed, status 2: bad");
    report.close();  // the message ended the bar's line: nothing to end
    const std::string s = out.str();
    EXPECT_EQ(s.find('\n'), s.find("failed, status 2: bad") + 21) << s;
    EXPECT_EQ(s.rfind("\r\x1b[K"), s.find("citytwin: sweep: member 4") - 4) << s;
    std::size_t draws = 0;
    for (std::size_t at = s.find("\rsweep: ["); at != std::string::npos; at = s.find("\rsweep: [", at + 1))
        ++draws;
    EXPECT_EQ(draws, 2u) << s;
    EXPECT_NE(s.find("13/30 done, 2 running, 1 failed, 15 pending, ETA 1:02:05\x1b[K"), std::string::npos) << s;

    std::ostringstream closed;
    ProgressReport bar(closed, true, 120, false);
    bar.finished(p);
    bar.close();
    EXPECT_EQ(closed.str().back(), '\n');
}

TEST(SweepProgress, ElsewhereOneLinePerFinishedMemberAndNoEscapes) {
    std::ostringstream out;
    ProgressReport report(out, false, 80, false);
    Progress p = twelve_of_thirty();
    report.tick(p);
    report.finished(p);
    p.done = 13;
    report.finished(p);
    report.close();
    EXPECT_EQ(out.str(), "citytwin: sweep: 12/30 done, 2 running, 1 failed, 15 pending, ETA 1:02:05\n"
                         "citytwin: sweep: 13/30 done, 2 running, 1 failed, 15 pending, ETA 1:02:05\n");
    std::ostringstream quiet;
    ProgressReport silent(quiet, true, 80, true);
    silent.finished(p);
    silent.message("x");
    silent.close();
    EXPECT_EQ(quiet.str(), "");
}

}  // namespace
}  // namespace citytwin::sweep
