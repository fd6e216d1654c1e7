#pragma once
// A sweep file (*.sweep.yaml, docs/sweeps.md): a base scenario, parameters with their values,
// a design that combines them, named variants, and replications. Reading one checks every key
// and bounds the number of members before any member is made.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace citytwin::io {

// A sweep of more members than this is refused before expansion: far more runs than one
// cluster allocation holds, and small enough that a plan fits in memory and on a screen.
inline constexpr std::size_t kMaxSweepMembers = 100000;
inline constexpr std::size_t kMaxReplications = 10000;
inline constexpr std::size_t kMaxSweepSamples = 100000;

enum class SweepDesign { Grid, Random, Latin };

// A continuous distribution a sampled design draws from (normal and lognormal: mean, sd of the
// value, of its logarithm for lognormal; uniform: low, high). `unit` is appended to each draw.
struct SweepDistribution {
    enum class Kind { Uniform, Normal, Lognormal } kind = Kind::Uniform;
    double a = 0.0, b = 0.0;
    std::string unit;
};

struct SweepParameter {
    std::string key;                  // a key path as --set takes it: "network.links[M-B].lanes"
    std::vector<std::string> values;  // YAML texts (a list, a range, or a choice); empty for a distribution
    std::optional<SweepDistribution> distribution;
};

struct SweepVariant {
    std::string name;
    std::string scenario;                                   // its own base, or the sweep's
    std::string scenario_as_written;                        // the same as the file says it (member ids hash this)
    std::vector<std::pair<std::string, std::string>> sets;  // key path, YAML text
};

struct SweepFile {
    std::string file;      // as given
    std::string scenario;  // the base scenario, relative to the current folder
    std::string scenario_as_written;  // relative to the sweep file, as it says
    std::vector<SweepParameter> parameters;
    SweepDesign design = SweepDesign::Grid;
    std::size_t samples = 0;   // random and latin
    std::uint64_t seed = 1;    // of the sampled designs and of derived replication seeds
    std::vector<SweepVariant> variants;   // at least one
    std::vector<std::uint64_t> seeds;     // one per replication
    std::string outputs_dir;              // relative to the current folder
};

// Reads and checks `path`. Throws sim::ScenarioError naming file:line:column and key.
SweepFile load_sweep_file(const std::string& path);

// The sweep's members: variants x combinations x replications (checked <= kMaxSweepMembers
// while reading), and the combinations of parameter values its design makes.
std::size_t sweep_combinations(const SweepFile& sweep);
std::size_t sweep_member_count(const SweepFile& sweep);

}  // namespace citytwin::io
