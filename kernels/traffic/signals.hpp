#pragma once
// Fixed-time signal plans (SUMO tlLogic semantics): the plan's phase at time t is found from
// (t - offset) modulo the cycle (a positive offset delays every phase, as in SUMO), and each connection takes its column of the phase's state.
#include <cstdint>

#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

struct SignalStates {
    const std::int32_t* conn_plan;
    const std::int32_t* conn_plan_slot;
    const std::uint8_t* conn_static_state;
    const double* plan_offset;
    const double* plan_cycle;
    const std::int32_t* plan_phase_begin;   // the phases plan p runs now: [begin[p], end[p])
    const std::int32_t* plan_phase_end;
    const double* phase_duration;
    const std::int32_t* phase_state_begin;
    const std::uint8_t* phase_state;
    double t;
    std::uint8_t* conn_state;

    CT_HD void operator()(std::int64_t c) const {
        const std::int32_t p = conn_plan[c];
        if (p < 0) {
            conn_state[c] = conn_static_state[c];
            return;
        }
        const double cycle = plan_cycle[p];
        double tc = fmod(t - plan_offset[p], cycle);
        if (tc < 0) tc += cycle;
        std::int32_t k = plan_phase_begin[p];
        const std::int32_t end = plan_phase_end[p];
        while (k + 1 < end && tc >= phase_duration[k]) {
            tc -= phase_duration[k];
            ++k;
        }
        conn_state[c] = phase_state[phase_state_begin[k] + conn_plan_slot[c]];
    }
};

CT_KERNELS_END
