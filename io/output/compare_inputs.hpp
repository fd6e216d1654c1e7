#pragma once
// What `citytwin compare` needs of each run file besides its KPIs (network, time axes, air
// grid, buses), and how the two groups line up: links and buses matched by id, output frames
// matched by clock time over the period the runs have in common (docs/compare.md).
#include <cstdint>
#include <string>
#include <vector>

#include "io/output/run_reader.hpp"

namespace citytwin::io {

struct CompareInput {
    RunSummary summary;
    std::vector<std::string> link_ids;
    bool start_known = false;
    double start_epoch_s = 0.0;  // the scenario start as seconds since 1970-01-01 (local clock)
    std::vector<double> link_times, air_times, power_times;  // seconds since the run's start
    // /air: grid and the concentration fields (empty without an air model).
    std::int64_t air_nx = 0, air_ny = 0;
    double air_x0 = 0.0, air_y0 = 0.0, air_cell = 0.0;
    std::vector<std::string> air_fields;
    // /grid/buses as "feeder/bus" (empty without a grid).
    std::vector<std::string> bus_keys;
};

// Reads one finished run. Throws CompareError for a missing or unreadable file, a file that is
// not a run (a difference file included) or a run that did not finish (no /kpi).
CompareInput read_compare_input(const std::string& path);

// Frames at the same clock time in every file: time_s relative to the first base run's start,
// and for each file its row index of each such frame.
struct FrameMatch {
    std::vector<double> time_s;
    std::vector<std::vector<std::uint64_t>> base_rows, variant_rows;  // [file][frame]
};

struct Alignment {
    // Per base link (the base network's order): the variant's index of the same id, or -1.
    std::vector<std::int64_t> variant_link;
    std::vector<std::string> base_only_links, variant_only_links;
    FrameMatch link_frames;
    bool air = false;                      // both sides have /air on one grid
    std::vector<std::string> air_fields;   // concentration fields both sides have
    FrameMatch air_frames;
    bool power = false;                    // both sides have buses
    std::vector<std::int64_t> variant_bus; // per base bus: the variant's index, or -1
    std::vector<std::string> base_only_buses, variant_only_buses;
    FrameMatch power_frames;
};

// Checks that the groups can be compared and lines them up. Replications of one side must
// share one network, air grid and bus list (CompareError otherwise). Across the sides, links
// are matched by id: runs with no link id in common are refused; unmatched links are named in
// `warnings`, as are different periods (compared over the common one) and fields only one
// side has.
Alignment align_runs(const std::vector<CompareInput>& base, const std::vector<CompareInput>& variant,
                     std::vector<std::string>& warnings);

}  // namespace citytwin::io
