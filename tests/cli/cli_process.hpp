#pragma once
// Runs the citytwin program built next to the tests and captures what it prints.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace citytwin::testing {

struct Result {
    int status;
    std::string output;  // stdout and stderr together
};

// Any command line (through the shell), output captured.
inline Result run_program(const std::string& command) {
    const std::string cmd = command + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    Result r{-1, {}};
    if (!p) return r;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), buf.size(), p)) r.output += buf.data();
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

inline Result run(const std::string& args) {
    return run_program(std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin " + args);
}

// A fresh path under the build tree's test-tmp/<area>/.
inline std::string scratch(const std::string& area, const std::string& name) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / area;
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

}  // namespace citytwin::testing
