#pragma once
// The car-following models behind one interface, per vehicle type: the Intelligent Driver
// Model (idm.hpp) and Krauß's safe-speed model as SUMO drives it by default (Krauß 1998; SUMO's
// MSCFModel_Krauss). Both are given to the move kernel as an acceleration over the step: IDM's
// own, Krauss's the change to its safe speed divided by the step. Krauss then dawdles (sigma) and
// moves with the Euler position update, as SUMO does; IDM moves ballistically.
#include <cmath>
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/idm.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

CT_HD inline FollowParams follow_params(const TypeView& ty, std::int32_t type, float v0) {
    return FollowParams{ty.accel[type], ty.decel[type], ty.min_gap[type], ty.headway[type],
                        ty.delta[type], v0 > 0.1f ? v0 : 0.1f, ty.emergency_decel[type],
                        ty.model[type], ty.sigma[type], ty.step_s};
}

// Krauss: the highest speed from which the vehicle, after its reaction time tau, can still stop
// behind a leader braking at the same rate b: v·τ + v²/(2b) = g + v_l²/(2b), with g the gap
// beyond minGap (SUMO subtracts minGap the same way). Equal speeds give v = g/τ.
CT_HD inline float krauss_safe_speed(float v_lead, float s, const FollowParams& p) {
    const float g = ct_max(s - p.s0, 0.0f);
    const float bt = p.b * p.T;
    return -bt + sqrtf(bt * bt + v_lead * v_lead + 2.0f * p.b * g);
}

// The fastest the vehicle may go next step on a free road.
CT_HD inline float krauss_max_next(float v, const FollowParams& p) { return ct_min(v + p.a * p.dt, p.v0); }

// Acceleration behind a leader at bumper-to-bumper gap s moving at v_lead.
CT_HD inline float follow_accel(float v, float v_lead, float s, const FollowParams& p) {
    if (p.model != kModelKrauss) return idm_accel(v, v_lead, s, p);
    return (ct_min(krauss_safe_speed(v_lead, s, p), krauss_max_next(v, p)) - v) / p.dt;
}

// Acceleration on a free road (Krauss: up to the desired speed, slowing at most at b).
CT_HD inline float free_accel(float v, const FollowParams& p) {
    if (p.model != kModelKrauss) return idm_free_accel(v, p);
    return ct_max((krauss_max_next(v, p) - v) / p.dt, -p.b);
}

// Krauss's driver imperfection: the speed the step ends at, from the speed its constraints allow,
// lowered by up to sigma·a·dt (by sigma·v·dt below a speed of `a`, so a standing vehicle still
// starts), never below what comfortable braking gives unless a constraint needs more. `r` is
// uniform on [0, 1), from the counter-based generator.
CT_HD inline float krauss_dawdle(float v, float v_allowed, float r, const FollowParams& p) {
    const float cut = (v_allowed < p.a ? v_allowed : p.a) * p.sigma * r * p.dt;
    const float v_min = ct_max(v - p.b * p.dt, 0.0f);
    return ct_max(ct_min(v_allowed, v_min), ct_max(v_allowed - cut, 0.0f));
}

CT_KERNELS_END
