#pragma once
// A SUMO configuration (.sumocfg): the input files and the time settings a citytwin scenario
// needs from it. Options for outputs, the GUI or other SUMO tools are listed, not used.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/scenario_error.hpp"

namespace citytwin::io {

struct SumoConfig {
    std::string file;
    std::string net;                          // paths as resolved against the config's folder
    std::vector<std::string> routes, additional;
    double begin_s = 0.0;
    std::optional<double> end_s;
    double step_s = 1.0;                      // SUMO's default step length
    std::optional<unsigned long long> seed;
    std::vector<std::string> ignored;         // option names citytwin does not use
    // Where each option used was given (net-file, route-files, additional-files, begin, end,
    // step-length, seed), so an error in a value written from it names the .sumocfg line.
    std::map<std::string, sim::SourceMark> marks;
};

// The SUMO option a key of the scenario `citytwin import sumo` writes comes from
// ("traffic.step" -> "step-length"); "" for keys that come from no option.
std::string sumo_option_of(const std::string& key_path);

// Throws ScenarioError (file:line, option) for a malformed file or option value.
SumoConfig read_sumo_config(const std::string& path);

}  // namespace citytwin::io
