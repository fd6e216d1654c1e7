#pragma once
// Interventions that change trips when they begin: a ban switches the type of its trips that
// start or end inside the zone (or cancels them); a closure with on_closed_end: cancel cancels
// the trips to or from the closed links. Trips not yet inserted are affected when they depart
// before the end of the intervention; a running vehicle only when it is heading into the zone
// (it has left its origin). A cancelled running vehicle leaves the network where it is.
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

struct ApplyTripRule {
    const std::uint8_t* link_hit;    // per link: 1 inside the zone / closed
    const std::uint8_t* type_hit;    // per type: 1 affected
    double window_end;               // departures before it (s since start); < 0: all
    std::int32_t replace_with;       // new type; -1: cancel
    double t;
    const std::int32_t* origin;
    const std::int32_t* dest;
    const double* depart;
    std::uint8_t* status;
    std::int32_t* type;
    double* arrival_time;
    unsigned long long* counts;      // [0] types changed, [1] cancelled

    CT_HD void operator()(std::int64_t v) const {
        const std::uint8_t st = status[v];
        if (st != kPending && st != kWaiting && st != kRunning) return;
        if (!type_hit[type[v]]) return;
        const bool ends = dest[v] >= 0 && link_hit[dest[v]];
        if (st == kRunning) {
            if (!ends) return;
        } else {
            if (!ends && !link_hit[origin[v]]) return;
            if (window_end >= 0.0 && depart[v] >= window_end) return;
        }
        if (replace_with >= 0) {
            type[v] = replace_with;
            atomic_add(&counts[0], 1ull);
        } else {
            status[v] = kCancelled;
            arrival_time[v] = t;
            atomic_add(&counts[1], 1ull);
        }
    }
};

// Each vehicle's next-hop row: its destination's row in the block its type routes by.
struct AssignRouteBlocks {
    const std::int32_t* base_dest_index;
    const std::int32_t* type;
    const std::int32_t* type_block;
    std::int64_t block_rows;          // destinations per block
    std::int32_t* dest_index;

    CT_HD void operator()(std::int64_t v) const {
        const std::int32_t d = base_dest_index[v];
        dest_index[v] = d < 0 ? d : static_cast<std::int32_t>(d + type_block[type[v]] * block_rows);
    }
};

CT_KERNELS_END
