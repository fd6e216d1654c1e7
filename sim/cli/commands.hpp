#pragma once
// The citytwin subcommands. Each returns the process exit status: 0 success, 1 a failure while
// running (device, output), 2 bad input (scenario errors, usage).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#ifdef CITYTWIN_HAVE_VIZ
#include "viz/render_map.hpp"
#endif
#ifdef CITYTWIN_HAVE_VIEW
#include "viz/view_server.hpp"
#endif

namespace citytwin::cli {

struct RunOptions {
    std::string scenario;
    std::vector<std::string> overrides;
    std::string device = "auto";
    int threads = 0;
    std::string output;   // overrides outputs.file when set
    bool quiet = false;
    bool overwrite = false;  // an existing complete output (or checkpoint) may be replaced
    // Checkpoints (docs/checkpoints.md): times, cadence, file, and where to stop.
    std::vector<std::string> checkpoint_at;
    std::string checkpoint_every, checkpoint_file, stop_at;
};

// `citytwin resume CKPT` and `citytwin fork CKPT -o VARIANT`.
struct ContinueOptions {
    std::string checkpoint;
    std::string output;                   // resume: a new complete file; fork: required
    std::string device = "auto";
    int threads = 0;
    bool quiet = false;
    bool overwrite = false;               // an existing complete output (or checkpoint) may be replaced
    std::vector<std::string> overrides;   // fork: --set
    std::optional<std::uint64_t> reseed;  // fork: new random streams for what follows
    std::vector<std::string> checkpoint_at;
    std::string checkpoint_every, checkpoint_file, stop_at;
};

struct ImportSumoOptions {
    std::string config;                        // .sumocfg; or the loose files below
    std::string net;
    std::vector<std::string> routes, additional;
    std::string output;                        // scenario YAML to write
    std::string name;                          // default: the config's file name
    std::optional<double> begin_s, end_s;      // override the configuration's times
};

// `citytwin import osm` (docs/import.md).
struct ImportOsmOptions {
    std::string input;             // .osm, .osm.pbf, .osm.gz, .osm.bz2
    std::string output;            // scenario YAML to write
    std::string name;              // default: the input's file name without its extensions
    double trips = 1000.0;         // generated trips within the duration
    std::string duration = "1 h";
    std::uint64_t seed = 1;
    std::string start;             // local start time; empty: the format's default
    bool quiet = false;
};

struct PowerflowOptions {
    std::string feeder;     // branch table CSV
    double base_kv = 0.0;
    double slack_pu = 1.0;
    std::string slack_bus;  // empty: the first branch's from bus
    bool json = false;
};

// `citytwin compare` (docs/compare.md).
struct CompareOptions {
    std::vector<std::string> files;            // BASE VARIANT, or empty with base/variant
    std::vector<std::string> base, variant;    // groups of replications; with a sweep, one variant name each
    std::string sweep;                         // sweep file whose members are compared
    std::string dir;                           // with a sweep: its members' folder (instead of outputs.dir)
    double confidence = 0.95;
    std::optional<double> half_width_pct;      // wanted half-width, % of |base mean|
    std::string format = "text";               // text | md | csv | json
    std::string output;                        // difference file; empty: none
    std::vector<std::string> assertions;       // KPI.FIELD OP NUMBER
    int links = 5;                             // links that gained and lost most to list; 0: none
};

int run_command(const RunOptions& o);
int resume_command(const ContinueOptions& o);
int fork_command(const ContinueOptions& o);
int import_sumo_command(const ImportSumoOptions& o);
int validate_command(const std::string& scenario, const std::vector<std::string>& overrides);
int info_command(const std::string& file, bool json);
int import_osm_command(const ImportOsmOptions& o);
int powerflow_command(const PowerflowOptions& o);
int compare_command(const CompareOptions& o);
#ifdef CITYTWIN_HAVE_VIZ
int render_command(const viz::RenderRequest& r);   // docs/visualisation.md; built when cairo is found
#endif
#ifdef CITYTWIN_HAVE_VIEW
int view_command(const viz::ViewRequest& r);       // the browser viewer; built when cpp-httplib is found
#endif

}  // namespace citytwin::cli
