#pragma once
// Air setups built in code for the transport tests: one pollutant, no vehicles.
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/air/air_backend.hpp"
#include "sim/air/pollutants.hpp"

namespace citytwin::test {

inline sim::AirSetup transport_setup(std::int32_t nx, std::int32_t ny, double cell_m, double decay_per_s = 0.0,
                                     int limiter = 0) {
    sim::AirSetup s;
    s.grid.x0 = 0.0;
    s.grid.y0 = 0.0;
    s.grid.cell_m = cell_m;
    s.grid.nx = nx;
    s.grid.ny = ny;
    const sim::PollutantInfo* nox = sim::find_pollutant("NOx");
    s.pollutants = {"NOx"};
    s.weight.assign(nox->weight.begin(), nox->weight.end());
    s.decay_per_s = {decay_per_s};
    s.deposition_m_s = {0.0};
    s.background_ug_m3 = {0.0};
    s.limiter = limiter;
    s.fixed_diffusivity = true;
    s.cell_population.assign(static_cast<std::size_t>(s.grid.cells()), 0.0);
    return s;
}

inline sim::TransportParams uniform_wind(double u, double v, double k, double height, double removal = 0.0) {
    sim::TransportParams t;
    t.u_mps = u;
    t.v_mps = v;
    t.diffusivity_m2_s = k;
    t.mixing_height_m = height;
    t.removal_per_s = {removal};
    return t;
}

}  // namespace citytwin::test
