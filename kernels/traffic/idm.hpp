#pragma once
// Intelligent Driver Model (Treiber, Hennecke, Helbing, Phys. Rev. E 62, 1805, 2000):
//   a = a_max [1 - (v/v0)^δ - (s*/s)²],  s* = s0 + max(0, vT + vΔv / (2√(a_max b)))
// and the ballistic position update (Treiber & Kanagaraj 2015; SUMO's --step-method.ballistic).
#include <cmath>
#include <cstdint>

#include "kernels/backend.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

// A vehicle's car-following parameters this step: IDM's a, b, s0, T, δ and v0 (Krauss reads a, b,
// s0, T as accel, decel, minGap, tau), emergency braking, the model, Krauss's sigma and the step.
struct FollowParams {
    float a, b, s0, T, delta, v0, b_emergency;
    std::uint8_t model;
    float sigma, dt;
};

CT_HD inline float idm_free_term(float v, const FollowParams& p) {
    const float r = v / p.v0;
    // δ = 4 is the common case: two squarings instead of powf.
    const float rd = p.delta == 4.0f ? (r * r) * (r * r) : powf(r, p.delta);
    return 1.0f - rd;
}

// Acceleration behind a leader at bumper-to-bumper gap s moving at speed v_lead.
CT_HD inline float idm_accel(float v, float v_lead, float s, const FollowParams& p) {
    const float dv = v - v_lead;
    float s_star = p.s0 + ct_max(0.0f, v * p.T + v * dv / (2.0f * sqrtf(p.a * p.b)));
    const float sg = ct_max(s, 0.01f);
    const float z = s_star / sg;
    return p.a * (idm_free_term(v, p) - z * z);
}

CT_HD inline float idm_free_accel(float v, const FollowParams& p) { return p.a * idm_free_term(v, p); }

// Braking to slow from v to v_max by distance d. Drivers do not creep down from far away: the
// constraint acts once the deceleration it needs reaches half the comfortable one (b/2), and
// then holds it, so braking for a turn or a lower limit starts late and firmly.
CT_HD inline float approach_accel(float v, float v_max, float d, float b) {
    if (v <= v_max) return 1e9f;
    const float need = (v_max * v_max - v * v) / (2.0f * ct_max(d, 0.1f));
    return need < -0.5f * b ? need : 1e9f;
}

// Ballistic update over dt with acceleration a, stopping within the step if speed would go
// negative. Returns the distance travelled; v becomes the new speed.
CT_HD inline float ballistic_advance(float& v, float a, float dt) {
    const float v_new = v + a * dt;
    if (v_new >= 0.0f) {
        const float dx = v * dt + 0.5f * a * dt * dt;
        v = v_new;
        return dx;
    }
    const float dx = (a < 0.0f) ? -0.5f * v * v / a : 0.0f;  // stops part-way through the step
    v = 0.0f;
    return dx;
}

// Distance needed to stop from v at deceleration b.
CT_HD inline float brake_gap(float v, float b) { return v * v / (2.0f * b); }

CT_KERNELS_END
