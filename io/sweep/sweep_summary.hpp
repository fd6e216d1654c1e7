#pragma once
// `citytwin sweep collect`: one table of a sweep's complete members, every scalar KPI as
// `citytwin info --json` gives it, and the mean, standard deviation and Student-t confidence
// interval of each KPI over the replications of each variant and parameter combination; written
// as CSV or HDF5 (docs/sweeps.md).
#include <string>
#include <vector>

#include "io/output/run_reader.hpp"
#include "io/sweep/sweep_members.hpp"

namespace citytwin::io {

struct SweepRun {
    SweepMember member;
    RunSummary summary;
};

struct SweepTable {
    struct KpiColumn {
        std::string name, units, long_name;
    };
    struct Group {  // the replications of one variant and combination
        std::size_t variant = 0, combination = 0, replications = 0;
        std::vector<std::string> values;                   // one per parameter
        std::vector<double> mean, sd, ci_low, ci_high;     // one per KPI; NaN where undefined
    };
    std::vector<KpiColumn> kpis;                 // in the order first reported
    std::vector<const SweepRun*> members;        // in member order
    std::vector<std::vector<double>> values;     // per member, per KPI; NaN when a run lacks it
    std::vector<Group> groups;                   // by variant, then combination
    double confidence = 0.95;
};

SweepTable sweep_table(const std::vector<SweepRun>& runs, double confidence);

// Columns kind, index, id, variant, combination, one per parameter, seed, replications,
// statistic, then one per KPI (nested KPIs as "a:b:c"). Rows of kind "member" first, then four
// of kind "combination" (statistic mean, sd, ci_low, ci_high) per group. Numbers as info --json
// prints them; empty where undefined.
std::string sweep_table_csv(const SweepFile& sweep, const SweepTable& table);

// /members and /combinations, each with its key columns and one dataset per KPI (members) or
// a group per KPI with mean, sd, ci_low and ci_high (combinations). Throws OutputError.
void write_sweep_table_h5(const std::string& path, const SweepFile& sweep, const SweepTable& table);

}  // namespace citytwin::io
