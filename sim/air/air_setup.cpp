#include "sim/air/air_setup.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sim/air/dispersion_weather.hpp"
#include "sim/air/emission_classes.hpp"
#include "sim/air/pollutants.hpp"
#include "sim/traffic/demand.hpp"

namespace citytwin::sim {

namespace {

std::string format_m(double v) {
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

double value_for(const std::vector<std::pair<std::string, double>>& list, const std::string& name, double fallback) {
    for (const auto& [k, v] : list)
        if (k == name) return v;
    return fallback;
}

// Residents per cell: each zone's population spread evenly over its rectangle.
std::vector<double> population_per_cell(const AirGrid& g, const std::vector<ZoneSpec>& zones) {
    std::vector<double> pop(static_cast<std::size_t>(g.cells()), 0.0);
    for (const ZoneSpec& z : zones) {
        const double area = (z.x_max_m - z.x_min_m) * (z.y_max_m - z.y_min_m);
        if (!(area > 0.0) || z.population <= 0.0) continue;
        const double density = z.population / area;
        const auto i0 = static_cast<std::int32_t>(std::max(0.0, std::floor((z.x_min_m - g.x0) / g.cell_m)));
        const auto j0 = static_cast<std::int32_t>(std::max(0.0, std::floor((z.y_min_m - g.y0) / g.cell_m)));
        for (std::int32_t j = j0; j < g.ny; ++j) {
            const double cy0 = g.y0 + j * g.cell_m, cy1 = cy0 + g.cell_m;
            const double oy = std::min(cy1, z.y_max_m) - std::max(cy0, z.y_min_m);
            if (cy0 >= z.y_max_m) break;
            if (oy <= 0) continue;
            for (std::int32_t i = i0; i < g.nx; ++i) {
                const double cx0 = g.x0 + i * g.cell_m, cx1 = cx0 + g.cell_m;
                if (cx0 >= z.x_max_m) break;
                const double ox = std::min(cx1, z.x_max_m) - std::max(cx0, z.x_min_m);
                if (ox > 0) pop[static_cast<std::size_t>(j) * g.nx + i] += density * ox * oy;
            }
        }
    }
    return pop;
}

std::string gib(std::size_t b) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g GiB", static_cast<double>(b) / (1024.0 * 1024.0 * 1024.0));
    return text;
}

}  // namespace

std::int64_t AirGrid::cell_of(double x, double y) const {
    const double fi = std::floor((x - x0) / cell_m), fj = std::floor((y - y0) / cell_m);
    if (fi < 0 || fj < 0 || fi >= nx || fj >= ny) return -1;
    return static_cast<std::int64_t>(fj) * nx + static_cast<std::int64_t>(fi);
}

int AirSetup::pollutant_index(const std::string& name) const {
    for (std::size_t p = 0; p < pollutants.size(); ++p)
        if (pollutants[p] == name) return static_cast<int>(p);
    return -1;
}

AirGrid make_air_grid(double x_min, double y_min, double x_max, double y_max, double cell_m, double margin_m,
                      const SourceMark& mark) {
    if (!(cell_m > 0.0) || !std::isfinite(cell_m))
        throw ScenarioError(mark, "air.cell", "the cell size must be greater than 0, got " + format_m(cell_m) + " m");
    if (!(margin_m >= 0.0))
        throw ScenarioError(mark, "air.margin", "the margin must not be negative, got " + format_m(margin_m) + " m");
    AirGrid g;
    g.cell_m = cell_m;
    g.x0 = x_min - margin_m;
    g.y0 = y_min - margin_m;
    const double nx = std::ceil((x_max - x_min + 2 * margin_m) / cell_m - 1e-9);
    const double ny = std::ceil((y_max - y_min + 2 * margin_m) / cell_m - 1e-9);
    if (nx > 1e6 || ny > 1e6)
        throw ScenarioError(mark, "air.cell", "a " + format_m(cell_m) + " m cell makes the air grid " + format_m(nx) +
                                                  " x " + format_m(ny) + " cells; use a larger cell");
    g.nx = std::max<std::int32_t>(1, static_cast<std::int32_t>(nx));
    g.ny = std::max<std::int32_t>(1, static_cast<std::int32_t>(ny));
    return g;
}

int emission_class_of(const VehicleTypeSpec& type) {
    const std::string name = type.emission_class.empty() ? kDefaultEmissionClass : type.emission_class;
    const int c = find_emission_class(name);
    if (c < 0)
        throw ScenarioError(type.mark, "vehicle_types." + type.id + ".emission_class",
                            "unknown emission class '" + name + "'; known HBEFA3 classes: " +
                                known_emission_class_names());
    return c;
}

// Sources accumulate per cell and air step in integer units of kSourceUnitKg; a stack mass
// beyond the buffer's range would wrap to nothing (a stack of 1e8 g/s once vanished without a
// word). Half the range is left to traffic; stacks in one cell count together, at peak hour.
void check_stack_masses(const AirSpec& a, const AirSetup& s, const std::vector<AirStack>& stacks) {
    constexpr double kSourceUnitKg = 1e-13;  // kernels/air/vehicle_emissions.hpp (host code sees no kernels)
    const double max_kg = 0.5 * 18446744073709551615.0 * kSourceUnitKg;
    std::map<std::pair<std::int64_t, std::size_t>, double> kg;  // (cell, pollutant) -> kg per air step
    for (std::size_t i = 0; i < stacks.size(); ++i) {
        const AirStack& st = stacks[i];
        double peak = st.hourly.empty() ? 1.0 : *std::max_element(st.hourly.begin(), st.hourly.end());
        double scale = 1.0;   // the largest factor a stack intervention gives it
        for (const AirStack::Scale& k : st.scales) scale = std::max(scale, k.factor);
        peak *= scale;
        for (std::size_t p = 0; p < st.rate_kg_s.size(); ++p) {
            double& sum = kg[{st.cell, p}];
            sum += st.rate_kg_s[p] * peak * s.step_s;
            if (sum > max_kg) {
                char text[160];
                std::snprintf(text, sizeof text, "%.3g kg of %s per air step in one cell; at most %.3g kg fit",
                              sum, s.pollutants[p].c_str(), max_kg);
                throw ScenarioError(a.stacks[i].mark, "air.stacks." + st.id + ".rate_g_per_s",
                                    std::string("the stacks release ") + text +
                                        " (the source buffer's range); give a shorter air.step or smaller rates");
            }
        }
    }
}

// Each air step is split into sub-steps that keep advection within its Courant limit and
// diffusion within its stability limit (sim/air/air_device.cpp: 0.9 per half step and
// K dt / dx^2 <= 0.225; host code sees no device code). Small cells with a strong wind or a
// large diffusivity need so many that a run would never end: beyond kMaxSubsteps per air step
// the grid is refused, for the strongest wind and largest diffusivity of the weather. (Measured:
// 1,250 sub-steps per 30 s step, 10 m cells in a 60 m/s wind, took 2.5 min per simulated hour
// on a 120 x 120 grid; 50 m cells need 50 in that storm and 1 in a breeze.)
void check_substeps(const Scenario& sc, const AirSetup& s) {
    constexpr double kCourantMax = 0.9, kDiffusionMax = 0.225, kMaxSubsteps = 1000.0;
    const AirSpec& a = *sc.air;
    const double dx = s.grid.cell_m, dt = a.step_s;
    // The series' samples, and the weather each weather intervention makes at its start.
    std::vector<WeatherState> states;
    for (const WeatherSample& w : sc.weather.samples) states.push_back(w.state);
    for (const WeatherOverride& o : sc.weather.overrides) states.push_back(weather_at(sc.weather, o.from_s));
    for (const WeatherState& state : states) {
        const WeatherSample w{0.0, state, {}};
        const double k = s.fixed_diffusivity ? s.diffusivity_m2_s
                                             : diffusivity_from_stability(w.state.stability, w.state.wind_speed_mps);
        const double n = std::max(std::ceil(w.state.wind_speed_mps * dt / (2.0 * kCourantMax * dx)),
                                  std::ceil(k * dt / (kDiffusionMax * dx * dx)));
        if (n > kMaxSubsteps) {
            char text[320];
            std::snprintf(text, sizeof text,
                          "an air step of %g s on %g m cells needs %.3g sub-steps (wind %g m/s, diffusivity %.4g m^2/s); "
                          "at most %.0f: use a larger air.cell or a shorter air.step",
                          dt, dx, n, w.state.wind_speed_mps, k, kMaxSubsteps);
            throw ScenarioError(a.mark, "air.cell", text);
        }
    }
}

std::vector<AirStack> build_air_stacks(const AirSpec& a, const AirSetup& s,
                                       const std::vector<InterventionSpec>& interventions) {
    std::vector<AirStack> stacks;
    for (const StackSpec& st : a.stacks) {
        AirStack out;
        out.id = st.id;
        out.cell = s.grid.cell_of(st.x_m, st.y_m);
        if (out.cell < 0)
            throw ScenarioError(st.mark, "air.stacks." + st.id,
                                "the stack at (" + format_m(st.x_m) + ", " + format_m(st.y_m) +
                                    ") m lies outside the air grid (x " + format_m(s.grid.x0) + " to " +
                                    format_m(s.grid.x0 + s.grid.nx * s.grid.cell_m) + ", y " + format_m(s.grid.y0) +
                                    " to " + format_m(s.grid.y0 + s.grid.ny * s.grid.cell_m) +
                                    " m); move it or widen air.margin");
        out.height_m = st.height_m;
        out.hourly = st.hourly;
        out.rate_kg_s.assign(s.pollutants.size(), 0.0);
        for (const auto& [name, rate] : st.rate_kg_s) {
            const int p = s.pollutant_index(name);
            if (p < 0)
                throw ScenarioError(st.mark, "air.stacks." + st.id + ".rate",
                                    "pollutant '" + name + "' is not in air.pollutants");
            out.rate_kg_s[p] = rate;
        }
        for (const InterventionSpec& iv : interventions)
            if (iv.action == InterventionAction::Stack && iv.stack == st.id) out.scales.push_back({iv.at_s, iv.until_s, iv.scale});
        stacks.push_back(out);
    }
    check_stack_masses(a, s, stacks);
    return stacks;
}

AirSetup build_air_setup(const Scenario& sc, const RoadNetwork& net, std::int64_t n_trips,
                         std::size_t memory_available, const std::string& device) {
    const AirSpec& a = *sc.air;
    AirSetup s;
    s.step_s = a.step_s;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (std::int32_t i = 0; i < net.nodes(); ++i) {
        x0 = std::min(x0, net.node_x[i]); x1 = std::max(x1, net.node_x[i]);
        y0 = std::min(y0, net.node_y[i]); y1 = std::max(y1, net.node_y[i]);
    }
    if (net.nodes() == 0) x0 = y0 = x1 = y1 = 0.0;
    s.grid = make_air_grid(x0, y0, x1, y1, a.cell_m, a.margin_m, a.mark);
    for (const std::string& name : a.pollutants) {
        const PollutantInfo* info = find_pollutant(name);
        if (!info)
            throw ScenarioError(a.mark, "air.pollutants",
                                "unknown pollutant '" + name + "'; known: " + known_pollutant_names());
        s.pollutants.push_back(name);
        s.weight.insert(s.weight.end(), info->weight.begin(), info->weight.end());
        s.decay_per_s.push_back(value_for(a.decay_per_s, name, info->decay_per_s));
        s.deposition_m_s.push_back(value_for(a.deposition_m_s, name, info->deposition_m_s));
        s.background_ug_m3.push_back(value_for(a.background_ug_m3, name, 0.0));
    }
    s.limiter = a.limiter == "minmod" ? 1 : 0;
    s.fixed_diffusivity = a.diffusivity_m2_s.has_value();
    s.diffusivity_m2_s = a.diffusivity_m2_s.value_or(0.0);
    s.no2_fraction = a.no2_fraction;
    s.no2_background_ug_m3 = value_for(a.background_ug_m3, "NO2", 0.0);

    std::vector<VehicleTypeSpec> types = sc.vehicle_types;
    if (types.empty()) {
        VehicleTypeSpec car;
        car.id = "car";
        types.push_back(car);
    }
    for (const VehicleTypeSpec& t : types) {
        const int c = emission_class_of(t);
        s.type_names.push_back(t.id);
        s.type_class.push_back(c);
        s.type_exhaust.push_back(t.ev ? 0 : 1);
        const NonExhaustFactor ne = non_exhaust_factor(emission_classes()[c].category);
        s.type_nonexhaust.push_back(static_cast<float>(ne.pm10_kg_m));
        s.type_nonexhaust.push_back(static_cast<float>(ne.pm25_kg_m));
    }
    for (const EmissionClass& c : emission_classes())
        for (const auto& row : c.coef) s.coef.insert(s.coef.end(), row.begin(), row.end());
    s.n_trips = n_trips;
    if (static_cast<double>(s.grid.cells()) * static_cast<double>(s.pollutants.size()) >= 2147483648.0)
        throw ScenarioError(a.mark, "air.cell",
                            "the air grid of " + std::to_string(s.grid.nx) + " x " + std::to_string(s.grid.ny) +
                                " cells holds 2^31 or more values per field; use a larger air.cell");
    const std::size_t need = estimate_air_bytes(s);
    if (memory_available > 0 && need > memory_available / 10 * 9)
        throw ScenarioError(a.mark, "air.cell",
                            "the air grid of " + std::to_string(s.grid.nx) + " x " + std::to_string(s.grid.ny) +
                                " cells and " + std::to_string(s.pollutants.size()) + " pollutants needs about " +
                                gib(need) + " but the " + device + " device has " + gib(memory_available) +
                                " available; use a larger air.cell or a smaller air.margin");
    check_substeps(sc, s);
    s.cell_population = population_per_cell(s.grid, resolve_zones(sc.zones, net));
    s.start_seconds_of_day = sc.start_seconds_of_day;
    s.stacks = build_air_stacks(a, s, sc.interventions);
    return s;
}

std::size_t estimate_air_bytes(const AirSetup& s) {
    const std::size_t cells = static_cast<std::size_t>(s.grid.cells());
    const std::size_t values = cells * s.pollutants.size();
    // Device, per value: field, scratch and source rate (float), fixed-point source, emitted
    // mass since the last frame and the run integral (8 each). Host (the same memory on the cpu
    // backend), per value: the day-start integral and a copy of the integral (8 each), an output
    // frame's copies (about 24); per cell: residents. Per trip: 5 species totals.
    return values * (3 * 4 + 3 * 8 + 2 * 8 + 24) + cells * 8 + static_cast<std::size_t>(s.n_trips) * 5 * 8 +
           static_cast<std::size_t>(s.grid.nx + s.grid.ny) * s.pollutants.size() * 4 * 8;
}

}  // namespace citytwin::sim
