#include "sim/air/air_model.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/air/emission_classes.hpp"
#include "sim/air/pollutants.hpp"
#include "sim/core/time_window.hpp"

namespace citytwin::sim {

namespace {

constexpr double kDay = 86400.0;

}  // namespace

AirModel::AirModel(const Scenario& sc, const TrafficSetup& traffic, const DeviceChoice& device)
    : AirModel(sc, traffic, device,
               build_air_setup(sc, traffic.net, traffic.trips.size(), device.memory_available, device.backend)) {}

AirModel::AirModel(const Scenario& sc, const TrafficSetup& traffic, const DeviceChoice& device, AirSetup setup)
    : weather_(sc.weather), vehicle_types_(traffic.trips.type), setup_(std::move(setup)) {
    air_every_ = std::max<std::int64_t>(1, std::llround(setup_.step_s / sc.traffic.step_s));
#if defined(CITYTWIN_HAVE_CUDA)
    if (device.backend == "cuda") backend_ = make_air_backend_cuda(setup_, device.threads);
#endif
    if (!backend_) backend_ = make_air_backend_cpu(setup_, device.threads);
    day_start_integral_.assign(static_cast<std::size_t>(setup_.grid.cells()) * setup_.pollutants.size(), 0.0);
}

void AirModel::emit(const Coupling& coupling) { backend_->emit(coupling.traffic->vehicle_state()); }

void AirModel::advance(const Tick& tick, Coupling&) { advance_to(tick.t); }

void AirModel::finish(const Tick& tick, Coupling&, RunSink&) {
    if (tick.t > last_air_t_ + 1e-9) advance_to(tick.t);
    close_day(tick.t);
}

void AirModel::output(const Tick& tick, Coupling&, RunSink& sink) { sink.air(frame(tick.t)); }

AirFrame AirModel::layout() {
    AirFrame f = backend_->frame(last_frame_t_, 0.0);
    for (auto* fields : {&f.concentration, &f.emission})
        for (AirField& a : *fields) a.values.clear();
    return f;
}

void AirModel::save(StateWriter& w) {
    backend_->save(w);
    w.put("air/clock/times", std::vector<double>{last_air_t_, last_frame_t_, day_start_t_});
    w.put("air/kpi/day_start_integral", day_start_integral_);
    w.put("air/kpi/who_cell_hours", std::vector<double>{who_cell_hours_no2_, who_cell_hours_pm25_});
}

void AirModel::restore(const StateReader& r, const RestorePlan& plan) {
    backend_->restore(r, plan);
    const auto t = r.get<double>("air/clock/times", 3);
    last_air_t_ = t[0], last_frame_t_ = t[1], day_start_t_ = t[2];
    day_start_integral_ = r.get<double>("air/kpi/day_start_integral", day_start_integral_.size());
    const auto who = r.get<double>("air/kpi/who_cell_hours", 2);
    who_cell_hours_no2_ = who[0], who_cell_hours_pm25_ = who[1];
}

void AirModel::apply(const ScenarioChange& change) {
    weather_ = change.scenario->weather;
    if (!change.scenario->air) return;
    // Stacks are located in the same grid (the engine refuses changes to the grid itself).
    setup_.stacks = build_air_stacks(*change.scenario->air, setup_, change.scenario->interventions);
}

void AirModel::advance_to(double t) {
    const double dt = t - last_air_t_;
    const double mid = last_air_t_ + 0.5 * dt;
    const WeatherState w = weather_at(weather_, mid);
    const TransportParams tp = transport_from_weather(w, setup_);
    // Stacks: the profile's factor for the local hour; a release above the mixed layer stays
    // out of the 2-D model's air (and out of its budget).
    std::vector<std::int64_t> cells;
    std::vector<double> kg;
    const int hour = static_cast<int>(std::fmod(setup_.start_seconds_of_day + mid, kDay) / 3600.0) % 24;
    for (const AirStack& s : setup_.stacks) {
        if (s.height_m >= w.mixing_height_m) continue;
        double f = s.hourly.empty() ? 1.0 : s.hourly[hour];
        double factor = 1.0;   // the last scale in force (they come by priority)
        for (const AirStack::Scale& k : s.scales)
            if (in_window(mid, k.from_s, k.until_s)) factor = k.factor;
        f *= factor;
        cells.push_back(s.cell);
        for (double r : s.rate_kg_s) kg.push_back(r * f * dt);
    }
    backend_->add_point_sources(cells, kg);
    backend_->advance(dt, tp);
    last_air_t_ = t;
    if (t - day_start_t_ >= kDay - 1e-6) close_day(t);
}

// WHO 2021 guidelines are 24-h means: each whole day of the run is one 24-h block from the
// start; a run (or its last part) shorter than 24 h is judged by its own mean.
void AirModel::close_day(double t) {
    const double span = t - day_start_t_;
    if (span <= 1e-9) return;
    const std::vector<double> integral = backend_->field_integral();
    const std::size_t cells = static_cast<std::size_t>(setup_.grid.cells());
    const int nox = setup_.pollutant_index("NOx"), pm25 = setup_.pollutant_index("PM2.5");
    auto exceed = [&](int p, double scale, double background, double limit) {
        std::int64_t n = 0;
        for (std::size_t c = 0; c < cells; ++c) {
            const std::size_t k = static_cast<std::size_t>(p) * cells + c;
            if (scale * (integral[k] - day_start_integral_[k]) / span + background > limit) ++n;
        }
        return static_cast<double>(n) * span / 3600.0;
    };
    if (nox >= 0) who_cell_hours_no2_ += exceed(nox, setup_.no2_fraction, setup_.no2_background_ug_m3, kWhoNO2Daily);
    if (pm25 >= 0) who_cell_hours_pm25_ += exceed(pm25, 1.0, setup_.background_ug_m3[pm25], kWhoPM25Daily);
    day_start_integral_ = integral;
    day_start_t_ = t;
}

AirFrame AirModel::frame(double t) {
    AirFrame f = backend_->frame(t, t - last_frame_t_);
    last_frame_t_ = t;
    // A field that is no longer finite would make every later value and KPI NaN; the run ends
    // here, naming the domain and the time, rather than writing numbers that mean nothing.
    for (const std::vector<AirField>* fields : {&f.concentration, &f.emission})
        for (const AirField& field : *fields)
            for (const float v : field.values)
                if (!std::isfinite(v))
                    throw std::runtime_error("air: at t = " + std::to_string(static_cast<long long>(t)) + " s the " +
                                             field.name + " " + field.long_name +
                                             " field is not finite (NaN or infinite); the air model left its valid range");
    return f;
}

void AirModel::fill_trips(std::vector<TripRow>& rows) {
    if (rows.empty()) return;
    const std::vector<double> tot = backend_->vehicle_totals();
    const std::size_t n = static_cast<std::size_t>(setup_.n_trips);
    for (TripRow& r : rows) {
        const std::size_t v = static_cast<std::size_t>(r.id);
        auto g = [&](int s) { return tot[static_cast<std::size_t>(s) * n + v] * 1e3; };
        r.co2_g = static_cast<float>(g(kernels::kEmitCO2));
        r.nox_g = static_cast<float>(g(kernels::kEmitNOx));
        r.pm10_g = static_cast<float>(g(kernels::kEmitPMExhaust) + g(kernels::kEmitPM10NonExhaust));
        r.pm25_g = static_cast<float>(g(kernels::kEmitPMExhaust) + g(kernels::kEmitPM25NonExhaust));
    }
}

std::vector<Kpi> AirModel::kpis(double t_end) {
    std::vector<Kpi> out;
    const AirBudget b = backend_->budget();
    const std::vector<double> mx = backend_->max_increment();
    const std::vector<double> integral = backend_->field_integral();
    const std::size_t cells = static_cast<std::size_t>(setup_.grid.cells());
    double pop = 0.0;
    for (double p : setup_.cell_population) pop += p;
    const double T = last_air_t_ > 0 ? last_air_t_ : t_end;
    auto add_stats = [&](const std::string& name, int p, double scale, double bg, const char* units) {
        double sum = 0.0, weighted = 0.0;
        for (std::size_t c = 0; c < cells; ++c) {
            const double mean = integral[static_cast<std::size_t>(p) * cells + c] / T;
            sum += mean;
            weighted += setup_.cell_population[c] * mean;
        }
        out.push_back({"air_max:" + name, scale * mx[p] + bg, units,
                       "largest cell concentration at the end of any air step, background included"});
        out.push_back({"air_mean:" + name, scale * sum / static_cast<double>(cells) + bg, units,
                       "mean concentration over the grid and the run, background included"});
        if (pop > 0)
            out.push_back({"air_exposure:" + name, scale * weighted / pop + bg, units,
                           "population-weighted mean concentration over the run (zones' residents per cell)"});
    };
    for (std::size_t p = 0; p < setup_.pollutants.size(); ++p) {
        const std::string& name = setup_.pollutants[p];
        const bool co2 = name == "CO2";
        add_stats(name, static_cast<int>(p), co2 ? 1e-3 : 1.0, setup_.background_ug_m3[p], co2 ? "mg m-3" : "ug m-3");
        if (name == "NOx") add_stats("NO2", static_cast<int>(p), setup_.no2_fraction, setup_.no2_background_ug_m3, "ug m-3");
    }
    if (setup_.pollutant_index("NOx") >= 0)
        out.push_back({"air_who_exceedance_cell_hours:NO2", who_cell_hours_no2_, "h",
                       "cell-hours whose 24-h mean NO2 (the run's mean when shorter) exceeds the WHO 2021 guideline of 25 ug/m3"});
    if (setup_.pollutant_index("PM2.5") >= 0)
        out.push_back({"air_who_exceedance_cell_hours:PM2.5", who_cell_hours_pm25_, "h",
                       "cell-hours whose 24-h mean PM2.5 (the run's mean when shorter) exceeds the WHO 2021 guideline of 15 ug/m3"});
    // Emitted mass per vehicle type, summed in trip order (deterministic).
    const std::vector<double> tot = backend_->vehicle_totals();
    const std::size_t n = static_cast<std::size_t>(setup_.n_trips);
    const std::size_t ntypes = setup_.type_names.size();
    std::vector<std::array<double, 4>> by_type(ntypes, {0, 0, 0, 0});
    for (std::size_t v = 0; v < n; ++v) {
        const auto ty = static_cast<std::size_t>(vehicle_types_[v]);
        auto g = [&](int s) { return tot[static_cast<std::size_t>(s) * n + v]; };
        by_type[ty][0] += g(kernels::kEmitCO2);
        by_type[ty][1] += g(kernels::kEmitNOx);
        by_type[ty][2] += g(kernels::kEmitPMExhaust) + g(kernels::kEmitPM10NonExhaust);
        by_type[ty][3] += g(kernels::kEmitPMExhaust) + g(kernels::kEmitPM25NonExhaust);
    }
    const char* species[] = {"CO2", "NOx", "PM10", "PM2.5"};
    for (std::size_t t = 0; t < ntypes; ++t)
        for (int s = 0; s < 4; ++s)
            out.push_back({"air_vehicle_emitted_kg:" + setup_.type_names[t] + ":" + species[s], by_type[t][s], "kg",
                           "mass emitted by the vehicles of this type (exhaust and, for PM, non-exhaust)"});
    for (std::size_t p = 0; p < setup_.pollutants.size(); ++p) {
        const std::string base = "air_budget_kg:" + setup_.pollutants[p] + ":";
        out.push_back({base + "emitted", b.emitted[p], "kg", "mass emitted into the air grid (vehicles and stacks)"});
        out.push_back({base + "in_grid", b.in_grid[p], "kg", "mass above the background in the grid at the end"});
        out.push_back({base + "outflow", b.outflow[p], "kg", "net mass carried out of the grid across its edges"});
        out.push_back({base + "removed", b.removed[p], "kg", "mass removed by decay and deposition"});
    }
    return out;
}

}  // namespace citytwin::sim
