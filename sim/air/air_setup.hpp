#pragma once
// Everything the air state is built from: the grid over the network, the pollutants and their
// removal, the vehicle types' emission tables, population per cell and the stacks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/air/air_spec.hpp"
#include "sim/core/scenario.hpp"
#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

struct AirGrid {
    double x0 = 0.0, y0 = 0.0;   // lower-left corner
    double cell_m = 50.0;
    std::int32_t nx = 0, ny = 0;
    std::int64_t cells() const { return static_cast<std::int64_t>(nx) * ny; }
    double x_centre(std::int32_t i) const { return x0 + (i + 0.5) * cell_m; }
    double y_centre(std::int32_t j) const { return y0 + (j + 0.5) * cell_m; }
    // Cell containing the point, or -1 outside the grid.
    std::int64_t cell_of(double x, double y) const;
};

struct AirStack {
    std::string id;
    std::int64_t cell = 0;
    double height_m = 0.0;
    std::vector<double> rate_kg_s;   // per pollutant of the setup
    std::vector<double> hourly;      // 24 factors or empty
    // `stack` interventions: factor over [from_s, until_s) (until < 0: to the end).
    struct Scale {
        double from_s, until_s, factor;
    };
    std::vector<Scale> scales;
};

struct AirSetup {
    AirGrid grid;
    double step_s = 30.0;
    std::vector<std::string> pollutants;
    std::vector<float> weight;            // [p * kEmitSpecies + s]
    std::vector<double> decay_per_s, deposition_m_s, background_ug_m3;
    int limiter = 0;                      // kernels::Limiter
    bool fixed_diffusivity = false;
    double diffusivity_m2_s = 0.0;        // when fixed
    double no2_fraction = 0.75;
    double no2_background_ug_m3 = 0.0;
    // vehicle types (index = trip type)
    std::vector<std::string> type_names;
    std::vector<std::int32_t> type_class;
    std::vector<std::uint8_t> type_exhaust;
    std::vector<float> type_nonexhaust;   // [type * 2 + {PM10, PM2.5}] kg/m
    std::vector<float> coef;              // [class][species][term]
    std::int64_t n_trips = 0;
    std::vector<double> cell_population;  // residents per cell (zones spread by area)
    std::vector<AirStack> stacks;
    double start_seconds_of_day = 0.0;    // for stack profiles
    int pollutant_index(const std::string& name) const;  // -1 if not carried
};

// A grid of `cell_m` cells over [x_min - margin, x_max + margin] × [y ...]. Throws ScenarioError
// (at `mark`, key air.cell) for a cell size that is not positive.
AirGrid make_air_grid(double x_min, double y_min, double x_max, double y_max, double cell_m, double margin_m,
                      const SourceMark& mark);

// Throws ScenarioError for unknown pollutants or emission classes (naming the type's key and
// the known classes), for stacks outside the grid, and, before any per-cell allocation, for a
// grid whose state would not fit in `memory_available` bytes (0: not checked) of `device`.
// The stacks of `a` located in the grid of `s` (pollutant indices of s), with the scales the
// interventions give them. Throws ScenarioError.
std::vector<AirStack> build_air_stacks(const AirSpec& a, const AirSetup& s,
                                       const std::vector<InterventionSpec>& interventions = {});

AirSetup build_air_setup(const Scenario& scenario, const RoadNetwork& net, std::int64_t n_trips,
                         std::size_t memory_available = 0, const std::string& device = "");

// Device bytes the air state of a setup will need, computed before allocating.
std::size_t estimate_air_bytes(const AirSetup& setup);

// Emission class of a vehicle type: its own, or kDefaultEmissionClass. Throws ScenarioError.
int emission_class_of(const VehicleTypeSpec& type);

}  // namespace citytwin::sim
