#pragma once
// Reads back what `citytwin info` shows about a run file. Works on finished runs, on runs that
// were killed (KPIs are then recomputed from the trips written so far) and on a file that a
// running simulation is still writing (its last flushed state).
#include <cstddef>
#include <string>
#include <vector>

#include "io/output/output_error.hpp"
#include "sim/core/run_records.hpp"

namespace citytwin::io {

struct RunSummary {
    std::string file;  // the path it was read from
    sim::RunMetadata meta;
    bool complete = false;  // /kpi present: finish() was called
    std::size_t nodes = 0, links = 0, link_frames = 0, vehicle_frames = 0, trips_rows = 0;
    std::vector<sim::Kpi> kpis;  // /kpi, or computed from /traffic/trips when incomplete
    double last_time_s = 0.0;    // last link-series time written; NaN if none
    std::string status;          // root attribute: running, complete, stopped, interrupted
    double stopped_at_s = 0.0;   // stopped or interrupted: the time the file holds the run up to
    bool being_written = false;  // a run holds the file's output lock now (output_lock.hpp)
    std::size_t feeders = 0, buses = 0, power_steps = 0;  // /grid and /power (0 without a grid)
    // Root attribute `kind`: empty for a run, "difference" for a file of `citytwin compare -o`.
    std::string kind;
    std::vector<std::string> base_files, variant_files;  // a difference file's inputs
};

// Throws OutputError with a clear message if the file is missing, not HDF5, not a citytwin
// run file, of a newer format version, or unreadable.
RunSummary read_run_summary(const std::string& path);

// Human summary: scenario, backend/device, times, counts, and KPIs with units in aligned columns.
std::string format_info_text(const RunSummary& summary);

// One JSON object on one line (no trailing newline): every KPI name -> value, plus "file",
// "scenario", "backend", "device", "seed", "complete", "links" and "last_time_s". Integral
// values print as integers, NaN/inf as null. A KPI named like one of the fixed keys is left out.
std::string format_info_json(const RunSummary& summary);

}  // namespace citytwin::io
