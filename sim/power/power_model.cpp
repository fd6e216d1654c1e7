#include "sim/power/power_model.hpp"

#include <cmath>
#include <stdexcept>
#include <limits>
#include <numeric>

#include "kernels/power/sweep_status.hpp"
#include "sim/power/clear_sky.hpp"
#include "sim/power/load_profiles.hpp"

namespace citytwin::sim {

namespace {

constexpr double kLowPu = 0.95, kHighPu = 1.05;   // ANSI C84.1 range A, service voltage
constexpr std::size_t kMaxWarnings = 10;

std::vector<EvTypeParams> ev_params(const std::vector<VehicleTypeSpec>& types) {
    std::vector<EvTypeParams> out;
    for (const VehicleTypeSpec& t : types) out.push_back({t.ev, t.battery_kwh, t.kwh_per_km, t.charger_kw});
    return out;
}

std::unique_ptr<PowerBackend> make_backend(const PowerSetup& s, const SweepSettings& w, const DeviceChoice& d) {
#if defined(CITYTWIN_HAVE_CUDA)
    if (d.backend == "cuda") return make_power_backend_cuda(s.feeders, w, &s.demand, d.threads);
#endif
    return make_power_backend_cpu(s.feeders, w, &s.demand, d.threads);
}

}  // namespace

PowerModel::PowerModel(const Scenario& sc, PowerSetup setup, const std::vector<VehicleTypeSpec>& types,
                       const DeviceChoice& device)
    : weather_(sc.weather),
      start_seconds_of_day_(sc.start_seconds_of_day),
      start_day_of_year_(sc.start_day_of_year),
      setup_(std::move(setup)),
      loads_(sc.power->loads),
      step_s_(sc.power->step_s),
      backend_(make_backend(setup_, SweepSettings{sc.power->tolerance_pu, sc.power->max_iterations}, device)),
      ev_(ev_params(types), setup_.link_bus, setup_.buses()),
      batteries_(setup_.interventions.batteries) {
    std::vector<ChargingPolicy> policies;
    for (const InterventionSpec& iv : sc.interventions)
        if (iv.action == InterventionAction::Charging)
            policies.push_back({iv.at_s, iv.until_s, iv.max_power_kw, iv.start_after_s_of_day});
    ev_.set_policies(std::move(policies), sc.start_seconds_of_day);
    std::vector<std::int32_t> one_per_feeder(setup_.feeders.size());
    std::iota(one_per_feeder.begin(), one_per_feeder.end(), 0);
    backend_->set_batch(one_per_feeder);
}

PowerGrid PowerModel::grid() const {
    PowerGrid g;
    g.feeder_bus_begin = setup_.bus_begin;
    for (std::size_t f = 0; f < setup_.feeders.size(); ++f) {
        const Feeder& fd = setup_.feeders[f];
        g.feeder_ids.push_back(fd.id);
        g.feeder_base_kv.push_back(fd.base_kv);
        g.feeder_slack_pu.push_back(fd.slack_pu);
        g.feeder_transformer_kva.push_back(fd.transformer_kva);
        const std::int32_t b0 = setup_.bus_begin[f];
        for (std::int32_t i = 0; i < fd.buses(); ++i) {
            g.bus_ids.push_back(fd.bus_id[i]);
            g.bus_feeder.push_back(static_cast<std::int32_t>(f));
            if (fd.parent[i] < 0) continue;
            g.branch_from_bus.push_back(b0 + fd.parent[i]);
            g.branch_to_bus.push_back(b0 + i);
            g.branch_r_ohm.push_back(fd.r_ohm[i]);
            g.branch_x_ohm.push_back(fd.x_ohm[i]);
            g.branch_ampacity_a.push_back(fd.ampacity_a[i]);
        }
    }
    g.bus_zones = setup_.bus_zones;
    g.bus_x_m = setup_.bus_x_m;
    g.bus_y_m = setup_.bus_y_m;
    g.bus_residents = setup_.demand.residents;
    for (std::int32_t b = 0; b < setup_.buses(); ++b)
        g.bus_jobs.push_back(setup_.demand.commercial_jobs[b] + setup_.demand.industrial_jobs[b]);
    g.bus_pv_kwp = setup_.demand.pv_kwp;
    return g;
}

LoadStepFactors PowerModel::factors(double t_mid, PowerFrame& frame) const {
    const double hour = (start_seconds_of_day_ + t_mid) / 3600.0;
    const WeatherState w = weather_at(weather_, t_mid);
    double ghi = w.irradiance_wm2;
    if (ghi < 0.0)
        ghi = clear_sky_ghi_wm2(cos_solar_zenith(start_day_of_year_, hour, weather_.latitude_rad,
                                                 weather_.longitude_rad, weather_.utc_offset_h));
    frame.temperature_c = w.temperature_c;
    frame.irradiance_wm2 = ghi;
    LoadStepFactors f;
    f.residential_kw_per_person = loads_.residential_kw_per_person * land_use_shape(LandUse::Residential, hour);
    f.commercial_kw_per_job = loads_.commercial_kw_per_job * land_use_shape(LandUse::Commercial, hour);
    f.industrial_kw_per_job = loads_.industrial_kw_per_job * land_use_shape(LandUse::Industrial, hour);
    f.temperature_kw_per_person = temperature_kw_per_person(w.temperature_c, loads_.heating_below_c, loads_.cooling_above_c,
                                                            loads_.heating_kw_per_c_person, loads_.cooling_kw_per_c_person);
    // PV: DC rating at 1000 W/m² (STC) scaled by irradiance and the performance ratio (IEC 61724).
    f.pv_kw_per_kwp = ghi / 1000.0 * loads_.pv_performance_ratio;
    f.tan_phi = std::tan(std::acos(loads_.power_factor));
    return f;
}

PowerFrame PowerModel::step(double t0, double t1) {
    PowerFrame fr;
    fr.time_s = t1;
    fr.interval_s = t1 - t0;
    const std::vector<double>& ev_kw = ev_.charge(t0, t1);
    // PV and line interventions: as in force at the interval's middle (a function of time, so
    // restored runs agree).
    const double mid = 0.5 * (t0 + t1);
    if (!setup_.interventions.pv.empty()) backend_->set_pv_kwp(pv_kwp_at(setup_, mid));
    if (!setup_.interventions.lines.empty()) {
        std::vector<double> r, x;
        impedance_at(setup_.feeders, setup_.bus_begin, setup_.interventions.lines, mid, r, x);
        backend_->set_impedance(r, x);
    }
    assemble(t0, t1, factors(mid, fr), ev_kw);
    backend_->solve();
    SweepResults r;
    backend_->results(r);
    const BusLoadParts parts = backend_->load_parts();
    fr.v_pu = r.v_pu;
    fr.p_kw = parts.p_kw;
    fr.q_kvar = parts.q_kvar;
    fr.p_base_kw = parts.base_kw;
    fr.p_temperature_kw = parts.temperature_kw;
    fr.p_ev_kw = ev_kw;
    fr.p_pv_kw = parts.pv_kw;
    const double minutes = fr.interval_s / 60.0, hours = fr.interval_s / 3600.0;
    bool any_low = false, any_high = false;
    double total_kw = 0.0, ev_total = 0.0;
    for (std::size_t f = 0; f < setup_.feeders.size(); ++f) {
        const Feeder& fd = setup_.feeders[f];
        const std::int32_t b0 = setup_.bus_begin[f];
        for (std::int32_t i = 1; i < fd.buses(); ++i) {
            const double a = r.branch_current_a[b0 + i];
            fr.current_a.push_back(a);
            fr.loading_pct.push_back(fd.ampacity_a[i] > 0.0 ? 100.0 * a / fd.ampacity_a[i]
                                                              : std::numeric_limits<double>::quiet_NaN());
            fr.loss_kw.push_back(r.branch_p_loss_kw[b0 + i]);
        }
        // Figures that overflowed are no operating point either, whatever the sweep's status.
        const bool finite = std::isfinite(r.head_p_kw[f]) && std::isfinite(r.head_q_kvar[f]) && std::isfinite(r.p_loss_kw[f]);
        // A sweep whose figures overflowed without reaching a collapse has left the model's
        // range: the run ends here, naming the domain and the step, rather than going on with
        // numbers that mean nothing (a collapse is an answer: flagged and counted below).
        if (!finite && r.status[f] != kSweepCollapsed)
            throw std::runtime_error("power: feeder " + fd.id + ", power step " + std::to_string(steps_ + 1) +
                                     " (ending at " + std::to_string(static_cast<long long>(t1)) +
                                     " s): the solution is not finite (NaN or infinite); the power model left its valid range");
        const bool ok = r.status[f] == kSweepConverged && finite;
        fr.head_p_kw.push_back(r.head_p_kw[f]);
        fr.head_q_kvar.push_back(r.head_q_kvar[f]);
        const double s_kva = std::hypot(r.head_p_kw[f], r.head_q_kvar[f]);
        const double loading = fd.transformer_kva > 0.0 ? 100.0 * s_kva / fd.transformer_kva
                                                        : std::numeric_limits<double>::quiet_NaN();
        fr.transformer_loading_pct.push_back(loading);
        fr.iterations.push_back(r.iterations[f]);
        fr.converged.push_back(ok ? 1 : 0);
        // A solve that did not converge is no operating point: it is written (flagged) but kept
        // out of the KPIs, and counted instead.
        if (ok) {
            ++converged_;
            for (std::int32_t i = 0; i < fd.buses(); ++i) {
                const double v = r.v_pu[b0 + i];
                v_min_ = std::min(v_min_, v);
                v_max_ = std::max(v_max_, v);
                if (v < kLowPu) { any_low = true; bus_minutes_below_ += minutes; }
                if (v > kHighPu) { any_high = true; bus_minutes_above_ += minutes; }
            }
            if (loading > 100.0) overload_minutes_ += minutes;
            total_kw += r.head_p_kw[f];
            energy_kwh_ += r.head_p_kw[f] * hours;
            loss_kwh_ += r.p_loss_kw[f] * hours;
        } else {
            ++non_converged_;
            if (warnings_.size() < kMaxWarnings)
                warnings_.push_back("feeder " + fd.id + ", power step ending at " + std::to_string(static_cast<long long>(t1)) +
                                    " s: the sweep did not converge (" +
                                    (!finite                          ? "figures not finite"
                                     : r.status[f] == kSweepCollapsed ? "voltage collapse"
                                                                      : "iteration cap") +
                                    " after " +
                                    std::to_string(r.iterations[f]) + " iterations)");
        }
    }
    for (double kw : ev_kw) ev_total += kw;
    if (ev_total > ev_peak_kw_) {
        ev_peak_kw_ = ev_total;
        ev_peak_hour_ = std::fmod((start_seconds_of_day_ + 0.5 * (t0 + t1)) / 3600.0, 24.0);
    }
    if (any_low) minutes_below_ += minutes;
    if (any_high) minutes_above_ += minutes;
    peak_kw_ = std::max(peak_kw_, total_kw);
    ++steps_;
    return fr;
}

void PowerModel::assemble(double t0, double t1, const LoadStepFactors& f, const std::vector<double>& ev_kw) {
    backend_->assemble_loads(f, ev_kw);
    if (batteries_.empty()) return;
    // The batteries answer the feeders' load without them; their power joins the EV channel's
    // bus loads (the frame's EV power stays the cars').
    const BusLoadParts parts = backend_->load_parts();
    std::vector<double> feeder_kw(setup_.feeders.size(), 0.0);
    for (std::size_t fd = 0; fd < setup_.feeders.size(); ++fd)
        for (std::int32_t b = setup_.bus_begin[fd]; b < setup_.bus_begin[fd + 1]; ++b) feeder_kw[fd] += parts.p_kw[b];
    std::vector<double> with_batteries = ev_kw;
    batteries_.dispatch(t0, t1, feeder_kw, with_batteries);
    if (with_batteries != ev_kw) backend_->assemble_loads(f, with_batteries);
}

void PowerModel::advance(const Tick& tick, Coupling&) {
    pending_ = step(last_t_, tick.t);
    last_t_ = tick.t;
}

void PowerModel::output(const Tick&, Coupling&, RunSink& sink) {
    if (pending_) sink.power(std::move(*pending_));
    pending_.reset();
}

void PowerModel::save(StateWriter& w) {
    backend_->save(w);
    ev_.save(w);
    batteries_.save(w);
    w.put("power/kpi/counts", std::vector<std::int64_t>{non_converged_, converged_, steps_});
    w.put("power/kpi/sums", std::vector<double>{peak_kw_, energy_kwh_, loss_kwh_, v_min_, v_max_, minutes_below_,
                                                minutes_above_, bus_minutes_below_, bus_minutes_above_, overload_minutes_,
                                                ev_peak_kw_, ev_peak_hour_, last_t_});
    std::string warnings;
    for (const std::string& m : warnings_) warnings += m + '\n';
    w.put("power/kpi/warnings", std::vector<std::uint8_t>(warnings.begin(), warnings.end()));
}

void PowerModel::restore(const StateReader& r, const RestorePlan&) {
    backend_->restore(r);
    ev_.restore(r);
    batteries_.restore(r);
    const auto c = r.get<std::int64_t>("power/kpi/counts", 3);
    non_converged_ = c[0], converged_ = c[1], steps_ = c[2];
    const auto s = r.get<double>("power/kpi/sums", 13);
    peak_kw_ = s[0], energy_kwh_ = s[1], loss_kwh_ = s[2], v_min_ = s[3], v_max_ = s[4], minutes_below_ = s[5];
    minutes_above_ = s[6], bus_minutes_below_ = s[7], bus_minutes_above_ = s[8], overload_minutes_ = s[9];
    ev_peak_kw_ = s[10], ev_peak_hour_ = s[11], last_t_ = s[12];
    const auto text = r.get<std::uint8_t>("power/kpi/warnings");
    warnings_.clear();
    std::string line;
    for (char ch : text) {
        if (ch != '\n') { line += ch; continue; }
        warnings_.push_back(line);
        line.clear();
    }
    pending_.reset();
}

void PowerModel::apply(const ScenarioChange& change) {
    weather_ = change.scenario->weather;
    if (change.scenario->power) loads_ = change.scenario->power->loads;
    std::vector<ChargingPolicy> policies;
    for (const InterventionSpec& iv : change.scenario->interventions)
        if (iv.action == InterventionAction::Charging)
            policies.push_back({iv.at_s, iv.until_s, iv.max_power_kw, iv.start_after_s_of_day});
    ev_.set_policies(std::move(policies), change.scenario->start_seconds_of_day);
}

std::vector<Kpi> PowerModel::kpis() const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<Kpi> out = {
        {"power_peak_demand_kw", converged_ ? peak_kw_ : nan, "kW", "highest total feeder-head real power of a power step"},
        {"power_energy_kwh", energy_kwh_, "kWh", "energy delivered into the feeders at their heads"},
        {"power_losses_kwh", loss_kwh_, "kWh", "energy lost in the feeders' branches"},
        {"power_v_min_pu", converged_ ? v_min_ : nan, "1", "lowest bus voltage of the run, per unit"},
        {"power_v_max_pu", converged_ ? v_max_ : nan, "1", "highest bus voltage of the run, per unit"},
        {"power_minutes_below_0_95_pu", minutes_below_, "min", "minutes with at least one bus below 0.95 pu (ANSI C84.1 range A)"},
        {"power_minutes_above_1_05_pu", minutes_above_, "min", "minutes with at least one bus above 1.05 pu (ANSI C84.1 range A)"},
        {"power_bus_minutes_below_0_95_pu", bus_minutes_below_, "min", "bus-minutes below 0.95 pu, summed over buses"},
        {"power_bus_minutes_above_1_05_pu", bus_minutes_above_, "min", "bus-minutes above 1.05 pu, summed over buses"},
        {"power_transformer_overload_minutes", overload_minutes_, "min", "feeder-minutes with the head transformer above its rating"},
        {"power_steps", static_cast<double>(steps_), "1", "power steps solved"},
        {"power_non_converged", static_cast<double>(non_converged_), "1", "feeder solves that did not converge"},
        {"ev_charging_sessions", static_cast<double>(ev_.sessions()), "1", "charging sessions started by arrived electric vehicles"},
        {"ev_energy_drawn_kwh", ev_.drawn_kwh(), "kWh", "energy the electric vehicles' trips took from their batteries"},
        {"ev_energy_delivered_kwh", ev_.delivered_kwh(), "kWh", "energy charged back during the run"},
        {"ev_energy_unserved_kwh", ev_.pending_kwh(), "kWh", "energy still to charge when the run ended"},
        {"ev_charging_peak_kw", ev_peak_kw_, "kW", "highest total EV charging power of a power step"},
        {"ev_charging_peak_local_hour", ev_peak_kw_ > 0 ? ev_peak_hour_ : nan, "h", "local clock time (hours) of that step's middle"},
    };
    if (!batteries_.empty()) {
        out.push_back({"battery_charged_kwh", batteries_.charged_kwh(), "kWh", "energy the batteries drew from the grid"});
        out.push_back({"battery_discharged_kwh", batteries_.discharged_kwh(), "kWh", "energy the batteries gave back to the grid"});
        out.push_back({"battery_stored_kwh", batteries_.stored_kwh(), "kWh", "energy stored in the installed batteries at the end"});
    }
    return out;
}

}  // namespace citytwin::sim
