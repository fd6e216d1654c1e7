#pragma once
// Fixed-time plans for the signalised junctions of an imported network, in the manner of
// netconvert's default programs: one stage per approach axis, each a green then a yellow.
#include <cstddef>
#include <vector>

#include "io/osm/road_graph.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::io::osm {

struct SignalTiming {
    double green_s = 31.0;  // netconvert's tls.green.time default, as the generated grid uses
    double yellow_s = 4.0;  // as the generated grid
};

struct SignalPlanCounts {
    std::size_t plans = 0;
    std::size_t too_simple = 0;  // signal nodes with fewer than 3 arms or 2 approaches: no plan
};

// One plan per signalised node with at least three arms (neighbouring junctions) and two
// approaches. Approaches within 45° of the most important approach's axis (highest priority,
// then most lanes) share the first stage, the others the second; where all approaches lie on
// one axis, each approach gets a stage of its own. Left turns and U-turns are minor greens
// ("g", yield to the opposing flow) in an axis stage, through and right turns major ("G").
std::vector<sim::SignalPlanSpec> generate_signal_plans(const RoadGraph& g, SignalPlanCounts& counts,
                                                       const SignalTiming& timing = {});

}  // namespace citytwin::io::osm
