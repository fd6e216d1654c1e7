#pragma once
// Drives the viewer's page in headless Chromium (Debian chromium, installed by scripts/setup):
// the DOM after its scripts ran, or a screenshot, with what the page logged to its console
// (Chromium's --enable-logging prints each console message as an "INFO:CONSOLE" line).
#include <unistd.h>

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/cli/cli_process.hpp"

namespace citytwin::testing {

inline std::string chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (access(p, X_OK) == 0) return p;
    return "";
}

struct PageRun {
    std::string output;                  // the DOM (dump) and Chromium's log
    std::vector<std::string> console;    // the page's console messages
};

// `what`: "--dump-dom" or "--screenshot=FILE". A profile per test and call: two browsers on
// one profile refuse each other, and tests run side by side.
inline PageRun run_page(const std::string& browser, const std::string& url, const std::string& what, const std::string& tag = "") {
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    const std::string profile = scratch("view", "chromium-profile-" + test + tag);
    PageRun r;
    r.output = run_program(browser + " --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=" + profile +
                           " --enable-logging=stderr --v=0 --window-size=1400,900 --virtual-time-budget=10000 " + what + " '" +
                           url + "'").output;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);)
        if (line.find(":CONSOLE") != std::string::npos) r.console.push_back(line);
    return r;
}

inline std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

}  // namespace citytwin::testing
