#pragma once
// Runs the built citytwin program with arguments, capturing its exit status and output.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace citytwin::test {

struct CliResult {
    int status;
    std::string output;  // stdout and stderr together
};

inline CliResult run_citytwin(const std::string& args) {
    const std::string cmd = std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    CliResult r{-1, {}};
    if (!p) return r;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), buf.size(), p)) r.output += buf.data();
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace citytwin::test
