#pragma once
// `citytwin sweep collect`: one table of a sweep's complete members, every scalar KPI as
// `citytwin info --json` gives it, and the mean, standard deviation and Student-t confidence
// interval of each KPI over the replications of each variant and parameter combination.
#include <string>
#include <vector>

#include "io/output/run_reader.hpp"
#include "io/sweep/sweep_members.hpp"

namespace citytwin::io {

struct SweepRun {
    SweepMember member;
    RunSummary summary;
};

// The CSV (docs/sweeps.md): columns kind, index, id, variant, combination, one per parameter,
// seed, replications, statistic, then one per KPI (nested KPIs as "a:b:c"). Rows of kind
// "member" first, in member order, then four rows of kind "combination" (statistic mean, sd,
// ci_low, ci_high) per variant and combination. Numbers as info --json prints them; empty where
// undefined (a KPI a run lacks, an interval of one replication).
std::string sweep_summary_csv(const SweepFile& sweep, const std::vector<SweepRun>& runs, double confidence);

}  // namespace citytwin::io
