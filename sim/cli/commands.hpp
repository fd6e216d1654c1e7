#pragma once
// The citytwin subcommands. Each returns the process exit status: 0 success, 1 a failure while
// running (device, output), 2 bad input (scenario errors, usage).
#include <optional>
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

struct ImportSumoOptions {
    std::string config;                        // .sumocfg; or the loose files below
    std::string net;
    std::vector<std::string> routes, additional;
    std::string output;                        // scenario YAML to write
    std::string name;                          // default: the config's file name
    std::optional<double> begin_s, end_s;      // override the configuration's times
};

int run_command(const RunOptions& o);
int import_sumo_command(const ImportSumoOptions& o);
int validate_command(const std::string& scenario, const std::vector<std::string>& overrides);
int info_command(const std::string& file, bool json);

}  // namespace citytwin::cli
