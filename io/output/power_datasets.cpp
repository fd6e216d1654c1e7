#include "io/output/power_datasets.hpp"

#include <limits>
#include <numeric>
#include <stdexcept>

#include "io/output/cf_time.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

using h5::Description;
using h5::ExtendableDataset;
using h5::make_group;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr hsize_t kTimeChunk = 512;

h5::Handle index_scale(hid_t loc, const std::string& name, std::size_t n, const std::string& what) {
    std::vector<std::int32_t> index(n);
    std::iota(index.begin(), index.end(), 0);
    h5::Handle ds = h5::write_array<std::int32_t>(loc, name, index, {"1", what});
    h5::make_scale(ds, name);
    return ds;
}

}  // namespace

PowerDatasets::PowerDatasets(hid_t file, const sim::PowerGrid& g)
    : buses_(g.bus_ids.size()), branches_(g.branch_to_bus.size()), feeders_(g.feeder_ids.size()) {
    // --- /grid: static ------------------------------------------------------------------------
    h5::Handle grid = make_group(file, layout::kGrid);
    h5::Handle gf = make_group(file, layout::kGridFeeders);
    h5::Handle gb = make_group(file, layout::kGridBuses);
    h5::Handle gr = make_group(file, layout::kGridBranches);
    // Each table has a dimension scale (its ids, or a bare dimension) so netCDF readers open it.
    h5::Handle feeder_id = h5::write_string_array(gf, "id", g.feeder_ids, {"1", "feeder id"});
    h5::make_scale(feeder_id, "id");
    const h5::Handle feeder_columns[] = {
        h5::write_array<double>(gf, "base_kv", g.feeder_base_kv, {"kV", "base voltage, line to line"}),
        h5::write_array<double>(gf, "slack_pu", g.feeder_slack_pu, {"1", "voltage held at the head bus, per unit"}),
        h5::write_array<double>(gf, "transformer_kva", g.feeder_transformer_kva,
                                {"kVA", "head transformer rating (0: none given)"}),
    };
    for (const auto& ds : feeder_columns) h5::attach_scale(ds, feeder_id, 0);
    h5::Handle boundary = h5::create_bare_dimension(gf, "feeder_boundary", g.feeder_bus_begin.size(),
                                                    {"1", "dimension of bus_begin: one entry per feeder plus one"});
    h5::Handle bus_begin = h5::write_array<std::int32_t>(
        gf, "bus_begin", g.feeder_bus_begin,
        {"1", "feeder f owns buses [bus_begin[f], bus_begin[f+1]); its first is the head"});
    h5::attach_scale(bus_begin, boundary, 0);

    h5::Handle bus_id = h5::write_string_array(gb, "id", g.bus_ids, {"1", "bus id within its feeder"});
    h5::make_scale(bus_id, "id");
    const h5::Handle bus_columns[] = {
        h5::write_array<std::int32_t>(gb, "feeder", g.bus_feeder, {"1", "index of the bus's feeder"}),
        h5::write_string_array(gb, "zones", g.bus_zones, {"1", "ids of the zones the bus supplies, comma separated"}),
        h5::write_array<double>(gb, "x", g.bus_x_m, {"m", "bus x (zone centroid or substation; NaN if unknown)"}),
        h5::write_array<double>(gb, "y", g.bus_y_m, {"m", "bus y (zone centroid or substation; NaN if unknown)"}),
        h5::write_array<double>(gb, "residents", g.bus_residents, {"1", "residents of the zones supplied"}),
        h5::write_array<double>(gb, "jobs", g.bus_jobs, {"1", "jobs of the zones supplied"}),
        h5::write_array<double>(gb, "pv_kwp", g.bus_pv_kwp, {"kW", "rooftop PV installed (peak DC rating)"}),
    };
    for (const auto& ds : bus_columns) h5::attach_scale(ds, bus_id, 0);

    h5::Handle branch_dim = h5::create_bare_dimension(gr, "branch", g.branch_to_bus.size(), {"1", "dimension of the branch table"});
    const h5::Handle branch_columns[] = {
        h5::write_array<std::int32_t>(gr, "from_bus", g.branch_from_bus, {"1", "index of the upstream bus"}),
        h5::write_array<std::int32_t>(gr, "to_bus", g.branch_to_bus, {"1", "index of the downstream bus"}),
        h5::write_array<double>(gr, "r_ohm", g.branch_r_ohm, {"ohm", "series resistance"}),
        h5::write_array<double>(gr, "x_ohm", g.branch_x_ohm, {"ohm", "series reactance"}),
        h5::write_array<double>(gr, "ampacity_a", g.branch_ampacity_a, {"A", "current rating (0: none given)"}),
    };
    for (const auto& ds : branch_columns) h5::attach_scale(ds, branch_dim, 0);

    // --- /power: one row per power step ---------------------------------------------------------
    h5::Handle power = make_group(file, layout::kPower);
    h5::Handle pb = make_group(file, layout::kPowerBuses);
    h5::Handle pr = make_group(file, layout::kPowerBranches);
    h5::Handle pf = make_group(file, layout::kPowerFeeders);
    time_ = ExtendableDataset::make_1d<double>(power, "time", kTimeChunk, kNaN,
                                               {"s", "end of the power step, since scenario start"});
    h5::make_scale(time_.id(), "power_time");
    h5::write_cf_time_units(time_.id());
    interval_ = ExtendableDataset::make_1d<double>(power, "interval", kTimeChunk, kNaN,
                                                   {"s", "length of the power step (loads are its means)"});
    temperature_ = ExtendableDataset::make_1d<double>(power, "temperature", kTimeChunk, kNaN,
                                                      {"degC", "air temperature used for the step"});
    irradiance_ = ExtendableDataset::make_1d<double>(power, "irradiance", kTimeChunk, kNaN,
                                                     {"W m-2", "global horizontal irradiance used for the step"});
    for (const ExtendableDataset* ds : {&interval_, &temperature_, &irradiance_}) h5::attach_scale(ds->id(), time_.id(), 0);
    h5::Handle bus = index_scale(power, "bus", buses_, "bus index into /grid/buses");
    h5::Handle branch = index_scale(power, "branch", branches_, "branch index into /grid/branches");
    h5::Handle feeder = index_scale(power, "feeder", feeders_, "feeder index into /grid/feeders");

    auto series = [&](hid_t loc, const char* name, std::size_t width, hid_t scale, const Description& d) {
        ExtendableDataset ds = ExtendableDataset::make_2d<double>(loc, name, width, kNaN, d);
        h5::attach_scale(ds.id(), time_.id(), 0);
        h5::attach_scale(ds.id(), scale, 1);
        return ds;
    };
    v_ = series(pb, "v", buses_, bus, {"1", "voltage magnitude, per unit"});
    p_ = series(pb, "p", buses_, bus, {"kW", "net real power drawn (base + temperature + ev - pv); negative: infeed"});
    q_ = series(pb, "q", buses_, bus, {"kvar", "reactive power drawn"});
    p_base_ = series(pb, "p_base", buses_, bus, {"kW", "base load: branch table plus land-use profiles"});
    p_temperature_ = series(pb, "p_temperature", buses_, bus, {"kW", "heating and cooling load (change-point model)"});
    p_ev_ = series(pb, "p_ev", buses_, bus, {"kW", "electric-vehicle charging, mean over the step"});
    p_pv_ = series(pb, "p_pv", buses_, bus, {"kW", "rooftop PV output"});
    current_ = series(pr, "current", branches_, branch, {"A", "branch current magnitude"});
    loading_ = series(pr, "loading", branches_, branch, {"%", "current as a share of ampacity (NaN: no rating)"});
    loss_ = series(pr, "loss", branches_, branch, {"kW", "real power lost in the branch"});
    head_p_ = series(pf, "head_p", feeders_, feeder, {"kW", "real power into the feeder at its head"});
    head_q_ = series(pf, "head_q", feeders_, feeder, {"kvar", "reactive power into the feeder at its head"});
    transformer_loading_ = series(pf, "transformer_loading", feeders_, feeder,
                                  {"%", "head apparent power as a share of the transformer rating (NaN: no rating)"});
    iterations_ = ExtendableDataset::make_2d<std::int32_t>(pf, "iterations", feeders_, -1, {"1", "sweep iterations"});
    converged_ = ExtendableDataset::make_2d<std::int8_t>(pf, "converged", feeders_, -1,
                                                         {"1", "1 if the sweep converged, 0 if not"});
    for (const ExtendableDataset* ds : {&iterations_, &converged_}) {
        h5::attach_scale(ds->id(), time_.id(), 0);
        h5::attach_scale(ds->id(), feeder, 1);
    }
}

void PowerDatasets::append(const sim::PowerFrame& f) {
    for (const auto* v : {&f.v_pu, &f.p_kw, &f.q_kvar, &f.p_base_kw, &f.p_temperature_kw, &f.p_ev_kw, &f.p_pv_kw})
        if (v->size() != buses_) throw std::invalid_argument("power frame: bus arrays must have one value per bus");
    for (const auto* v : {&f.current_a, &f.loading_pct, &f.loss_kw})
        if (v->size() != branches_) throw std::invalid_argument("power frame: branch arrays must have one value per branch");
    if (f.head_p_kw.size() != feeders_ || f.head_q_kvar.size() != feeders_ || f.transformer_loading_pct.size() != feeders_ ||
        f.iterations.size() != feeders_ || f.converged.size() != feeders_)
        throw std::invalid_argument("power frame: feeder arrays must have one value per feeder");
    v_.append(f.v_pu);
    p_.append(f.p_kw);
    q_.append(f.q_kvar);
    p_base_.append(f.p_base_kw);
    p_temperature_.append(f.p_temperature_kw);
    p_ev_.append(f.p_ev_kw);
    p_pv_.append(f.p_pv_kw);
    current_.append(f.current_a);
    loading_.append(f.loading_pct);
    loss_.append(f.loss_kw);
    head_p_.append(f.head_p_kw);
    head_q_.append(f.head_q_kvar);
    transformer_loading_.append(f.transformer_loading_pct);
    iterations_.append(f.iterations);
    converged_.append(f.converged);
    interval_.append(&f.interval_s, 1);
    temperature_.append(&f.temperature_c, 1);
    irradiance_.append(&f.irradiance_wm2, 1);
    time_.append(&f.time_s, 1);  // last: readers count steps by the time axis
}

}  // namespace citytwin::io
