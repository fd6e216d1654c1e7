#pragma once
// The citytwin subcommands. Each returns the process exit status: 0 success, 1 a failure while
// running (device, output), 2 bad input (scenario errors, usage).
#include <string>
#include <vector>

namespace citytwin::cli {

struct RunOptions {
    std::string scenario;
    std::vector<std::string> overrides;
    std::string device = "auto";
    int threads = 0;
    std::string output;   // overrides outputs.file when set
    bool quiet = false;
};

struct PowerflowOptions {
    std::string feeder;     // branch table CSV
    double base_kv = 0.0;
    double slack_pu = 1.0;
    std::string slack_bus;  // empty: the first branch's from bus
    bool json = false;
};

int run_command(const RunOptions& o);
int validate_command(const std::string& scenario, const std::vector<std::string>& overrides);
int info_command(const std::string& file, bool json);
int powerflow_command(const PowerflowOptions& o);

}  // namespace citytwin::cli
