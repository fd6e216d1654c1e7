// The air state on a device and its step: compiled once for Thrust's OpenMP system (cpu) and
// once by nvcc (cuda, through air_device.cu). Fields, sources and accumulators stay on the
// device; the host launches kernels and copies out at output intervals.
#include <algorithm>
#include <cmath>

#include <thrust/extrema.h>
#include <thrust/functional.h>
#include <thrust/reduce.h>

#include "kernels/air/advection.hpp"
#include "kernels/air/diffusion.hpp"
#include "kernels/air/field_sums.hpp"
#include "kernels/air/source_cells.hpp"
#include "kernels/air/transport_rows.hpp"
#include "kernels/air/vehicle_emissions.hpp"
#include "kernels/backend.hpp"
#include "sim/air/air_backend.hpp"
#include "sim/air/pollutants.hpp"
#include "sim/core/device_state.hpp"
#include "sim/traffic/device_network.hpp"  // up(), down()

#if !CT_DEVICE_CODE
#include <omp.h>
#endif

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

namespace k = citytwin::kernels;
using citytwin::CITYTWIN_BACKEND_NS::dvec;
using citytwin::CITYTWIN_BACKEND_NS::fill;
using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
using citytwin::CITYTWIN_BACKEND_NS::raw;

constexpr double kCourantMax = 0.9;     // per advection half step
constexpr double kDiffusionMax = 0.225; // κ = K Δt / Δx² (stable and positive up to ¼)

class DeviceAir final : public AirBackend {
public:
    explicit DeviceAir(const AirSetup& s)
        : s_(s), shape_{s.grid.nx, s.grid.ny, static_cast<std::int32_t>(s.pollutants.size())} {
        const std::size_t n = static_cast<std::size_t>(shape_.size());
        c_ = dvec<float>(n, 0.0f);
        tmp_ = dvec<float>(n, 0.0f);
        rate_ = dvec<float>(n, 0.0f);
        source_ = dvec<unsigned long long>(n, 0ull);
        emitted_frame_ = dvec<double>(n, 0.0);
        integral_ = dvec<double>(n, 0.0);
        const std::size_t np = s.pollutants.size();
        lo_x_ = dvec<double>(np * s.grid.ny, 0.0);
        hi_x_ = dvec<double>(np * s.grid.ny, 0.0);
        lo_y_ = dvec<double>(np * s.grid.nx, 0.0);
        hi_y_ = dvec<double>(np * s.grid.nx, 0.0);
        outflow_ = dvec<double>(np, 0.0);
        removed_ = dvec<double>(np, 0.0);
        sums_ = dvec<double>(np, 0.0);
        keep_ = dvec<float>(np, 1.0f);
        emitted_kg_.assign(np, 0.0);
        max_.assign(np, 0.0);
        weight_ = up(s.weight);
        type_class_ = up(s.type_class);
        type_exhaust_ = up(s.type_exhaust);
        type_nonexhaust_ = up(s.type_nonexhaust);
        coef_ = up(s.coef);
        totals_ = dvec<double>(std::max<std::size_t>(1, static_cast<std::size_t>(s.n_trips) * k::kEmitSpecies), 0.0);
        height_ = 0.0;
    }

    void save(StateWriter& w) override {
        StateSaver v(w, "air/");
        state(v);
    }
    void restore(const StateReader& r, const RestorePlan& plan) override {
        StateLoader v(r, "air/", plan, static_cast<std::size_t>(s_.n_trips));
        state(v);
    }

    void emit(const k::VehicleStateView& v) override {
        parallel_for("air.vehicle_emissions", v.n_active,
                     k::VehicleEmissions{v, source_grid(), raw(type_class_), raw(type_exhaust_), raw(type_nonexhaust_),
                                         raw(coef_), v.step_s, s_.n_trips, raw(totals_)});
    }

    void add_point_sources(const std::vector<std::int64_t>& cell, const std::vector<double>& kg) override {
        if (cell.empty()) return;
        dvec<std::int64_t> dc = up(cell);
        dvec<double> dk = up(kg);
        parallel_for("air.point_sources", static_cast<std::int64_t>(cell.size()),
                     k::AddPointSources{raw(dc), raw(dk), shape_.np, shape_.cells(), raw(source_)});
    }

    void advance(double dt, const TransportParams& tp) override {
        last_ = tp;
        // The column keeps its mass when the mixed layer deepens or shrinks.
        if (height_ > 0.0 && tp.mixing_height_m != height_)
            parallel_for("air.rescale_height", shape_.size(),
                         k::ScaleField{raw(c_), static_cast<float>(height_ / tp.mixing_height_m)});
        height_ = tp.mixing_height_m;
        const double dx = s_.grid.cell_m;
        const double volume = dx * dx * height_;
        const double kg_per_unit = volume * 1e-9;   // kg in a cell at 1 µg/m³
        take_sources(dt, volume);

        const double vmax = std::max(std::fabs(tp.u_mps), std::fabs(tp.v_mps));
        const double n_adv = std::ceil(vmax * dt / (2.0 * kCourantMax * dx) - 1e-12);
        const double n_dif = std::ceil(tp.diffusivity_m2_s * dt / (kDiffusionMax * dx * dx) - 1e-12);
        const std::int64_t nsub = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::max(n_adv, n_dif)));
        const double h = dt / static_cast<double>(nsub);
        std::vector<float> keep(shape_.np);
        for (int p = 0; p < shape_.np; ++p) keep[p] = static_cast<float>(std::exp(-tp.removal_per_s[p] * h));
        keep_ = up(keep);
        const float nu_x = static_cast<float>(tp.u_mps * 0.5 * h / dx);
        const float nu_y = static_cast<float>(tp.v_mps * 0.5 * h / dx);
        const float kappa = static_cast<float>(tp.diffusivity_m2_s * h / (dx * dx));
        for (std::int64_t n = 0; n < nsub; ++n) {
            advect(false, nu_x, kg_per_unit);
            advect(true, nu_y, kg_per_unit);
            if (kappa > 0.0f) diffuse(kappa, tp, kg_per_unit);
            parallel_for("air.source_decay", static_cast<std::int64_t>(shape_.np) * shape_.ny,
                         k::SourceAndDecayRows{shape_.nx, shape_.ny, raw(c_), raw(rate_), raw(keep_),
                                               static_cast<float>(h), raw(lo_x_)});
            parallel_for("air.removed_sum", shape_.np,
                         k::AddLineSums{shape_.ny, raw(lo_x_), nullptr, kg_per_unit, raw(removed_)});
            advect(true, nu_y, kg_per_unit);
            advect(false, nu_x, kg_per_unit);
        }
        substeps_ += nsub;
        parallel_for("air.integrate", shape_.size(), k::IntegrateField{raw(c_), dt, raw(integral_)});
        for (int p = 0; p < shape_.np; ++p) {
            const auto first = c_.begin() + static_cast<std::ptrdiff_t>(p * shape_.cells());
            const float m = thrust::reduce(thrust::device, first, first + static_cast<std::ptrdiff_t>(shape_.cells()),
                                           0.0f, thrust::maximum<float>());
            max_[p] = std::max(max_[p], static_cast<double>(m));
        }
    }

    AirFrame frame(double t, double interval_s) override {
        AirFrame f = fields(t, interval_s, true);
        fill("air.reset_frame_emissions", emitted_frame_, 0.0);
        return f;
    }

    AirFrame concentrations(double t) override { return fields(t, 0.0, false); }

    // The frame at t: concentrations, and with `emissions` the mean emission since the last frame.
    AirFrame fields(double t, double interval_s, bool emissions) {
        AirFrame f;
        f.time_s = t;
        f.grid = AirGridInfo{s_.grid.x0, s_.grid.y0, s_.grid.cell_m, s_.grid.nx, s_.grid.ny};
        const std::size_t cells = static_cast<std::size_t>(shape_.cells());
        const std::vector<float> c = down(c_, static_cast<std::size_t>(shape_.size()));
        const std::vector<double> em = emissions ? down(emitted_frame_, static_cast<std::size_t>(shape_.size())) : std::vector<double>{};
        for (int p = 0; p < shape_.np; ++p) {
            const std::string& name = s_.pollutants[p];
            const bool co2 = name == "CO2";
            const PollutantInfo* info = find_pollutant(name);
            AirField cf{name, co2 ? "mg m-3" : "ug m-3",
                        std::string(info->long_name) + ", concentration in the mixed layer, background included", {}};
            cf.values.resize(cells);
            const double bg = s_.background_ug_m3[p];
            for (std::size_t i = 0; i < cells; ++i)
                cf.values[i] = static_cast<float>((c[p * cells + i] + bg) * (co2 ? 1e-3 : 1.0));
            f.concentration.push_back(std::move(cf));
            if (name == "NOx") {
                AirField no2{"NO2", "ug m-3",
                             "nitrogen dioxide: NO2/NOx ambient ratio times the NOx increment, plus the NO2 background", {}};
                no2.values.resize(cells);
                for (std::size_t i = 0; i < cells; ++i)
                    no2.values[i] = static_cast<float>(s_.no2_fraction * c[p * cells + i] + s_.no2_background_ug_m3);
                f.concentration.push_back(std::move(no2));
            }
            if (!emissions) continue;
            AirField ef{name, "g s-1", std::string(info->long_name) + ", mean emission into the cell over the output interval", {}};
            ef.values.resize(cells);
            for (std::size_t i = 0; i < cells; ++i)
                ef.values[i] = static_cast<float>(interval_s > 0 ? em[p * cells + i] * 1e3 / interval_s : 0.0);
            f.emission.push_back(std::move(ef));
        }
        f.wind_speed_mps = std::hypot(last_.u_mps, last_.v_mps);
        f.wind_from_deg = std::fmod(std::atan2(-last_.u_mps, -last_.v_mps) * 180.0 / M_PI + 360.0, 360.0);
        f.mixing_height_m = last_.mixing_height_m;
        f.diffusivity_m2_s = last_.diffusivity_m2_s;
        return f;
    }

    AirBudget budget() override {
        AirBudget b;
        const std::size_t np = static_cast<std::size_t>(shape_.np);
        b.emitted = emitted_kg_;
        b.outflow = down(outflow_, np);
        b.removed = down(removed_, np);
        dvec<double> rows(static_cast<std::size_t>(shape_.np) * shape_.ny);
        parallel_for("air.row_sums", static_cast<std::int64_t>(rows.size()), k::RowSums{shape_.nx, raw(c_), raw(rows)});
        fill("air.reset_sums", sums_, 0.0);
        parallel_for("air.grid_mass", shape_.np,
                     k::AddLineSums{shape_.ny, raw(rows), nullptr, s_.grid.cell_m * s_.grid.cell_m * height_ * 1e-9, raw(sums_)});
        b.in_grid = down(sums_, np);
        return b;
    }

    std::vector<double> vehicle_totals() override {
        return down(totals_, static_cast<std::size_t>(s_.n_trips) * k::kEmitSpecies);
    }
    std::vector<double> field_integral() override { return down(integral_, static_cast<std::size_t>(shape_.size())); }
    std::vector<double> max_increment() const override { return max_; }

    std::vector<float> field(int p) override {
        const std::vector<float> all = down(c_, static_cast<std::size_t>(shape_.size()));
        const auto first = all.begin() + static_cast<std::ptrdiff_t>(p * shape_.cells());
        return {first, first + static_cast<std::ptrdiff_t>(shape_.cells())};
    }

    void set_field(int p, const std::vector<float>& values) override {
        thrust::copy(values.begin(), values.end(), c_.begin() + static_cast<std::ptrdiff_t>(p * shape_.cells()));
    }

    std::int64_t substeps() const override { return substeps_; }

private:
    k::SourceGrid source_grid() {
        return k::SourceGrid{s_.grid.x0, s_.grid.y0, 1.0 / s_.grid.cell_m, shape_.nx, shape_.ny, shape_.np,
                             raw(weight_), raw(source_)};
    }

    void take_sources(double dt, double volume) {
        // Integer sums: the same whatever the order of the reduction.
        for (int p = 0; p < shape_.np; ++p) {
            const auto first = source_.begin() + static_cast<std::ptrdiff_t>(p * shape_.cells());
            const unsigned long long units = thrust::reduce(
                thrust::device, first, first + static_cast<std::ptrdiff_t>(shape_.cells()), 0ull);
            emitted_kg_[p] += static_cast<double>(units) * k::kSourceUnitKg;
        }
        parallel_for("air.take_sources", shape_.size(),
                     k::TakeSources{raw(source_), raw(rate_), raw(emitted_frame_), k::kSourceUnitKg * 1e9 / volume, 1.0 / dt});
    }

    // CPU: one thread per row or strip (kernels/air/transport_rows.hpp), in parallel once the
    // grid is large enough to pay for a parallel region, whatever the number of items.
    template <class F>
    void launch_items(const char* label, std::int64_t items, const F& f) {
        if (shape_.size() < 4096) {
            for (std::int64_t r = 0; r < items; ++r) f(r);
            return;
        }
        thrust::for_each_n(thrust::device, thrust::counting_iterator<std::int64_t>(0), items, f);
        citytwin::CITYTWIN_BACKEND_NS::check_device(label);
    }

    // Fields, budgets and per-vehicle totals: all the air state that outlives an air step.
    template <class V>
    void state(V& v) {
        v.array("field/increment", c_);
        v.array("field/source_units", source_);
        v.array("field/rate", rate_);
        v.array("field/emitted_since_frame", emitted_frame_);
        v.array("field/integral", integral_);
        v.array("budget/outflow", outflow_);
        v.array("budget/removed", removed_);
        v.array("budget/keep", keep_);
        v.host("budget/emitted_kg", emitted_kg_);
        v.host("budget/max_increment", max_);
        v.trips("vehicles/emitted_kg", totals_, k::kEmitSpecies);
        v.scalar("transport/mixing_height_m", height_);
        v.scalar("transport/substeps", substeps_);
        v.scalar("transport/last_u_mps", last_.u_mps);
        v.scalar("transport/last_v_mps", last_.v_mps);
        v.scalar("transport/last_diffusivity_m2_s", last_.diffusivity_m2_s);
        v.scalar("transport/last_mixing_height_m", last_.mixing_height_m);
        v.host_buffer("transport/last_removal_per_s", last_.removal_per_s);
    }

    void advect(bool along_y, float nu, double kg_per_unit) {
        if (nu == 0.0f) return;
        dvec<double>& lo = along_y ? lo_y_ : lo_x_;
        dvec<double>& hi = along_y ? hi_y_ : hi_x_;
        const k::Advect1D cells{shape_, raw(c_), raw(tmp_), along_y, nu, s_.limiter, raw(lo), raw(hi)};
#if CT_DEVICE_CODE
        parallel_for(along_y ? "air.advect_y" : "air.advect_x", shape_.size(), cells);
#else
        if (along_y)
            launch_items("air.advect_y", k::AdvectColumns{cells}.items(), k::AdvectColumns{cells});
        else
            launch_items("air.advect_x", static_cast<std::int64_t>(shape_.np) * shape_.ny, k::AdvectRows{cells});
#endif
        c_.swap(tmp_);
        parallel_for("air.outflow_sum", shape_.np,
                     k::AddLineSums{along_y ? shape_.nx : shape_.ny, raw(lo), raw(hi), kg_per_unit, raw(outflow_)});
    }

    void diffuse(float kappa, const TransportParams& tp, double kg_per_unit) {
        const k::Diffuse2D cells{shape_, raw(c_), raw(tmp_), kappa, tp.u_mps > 0, tp.u_mps < 0, tp.v_mps > 0,
                                 tp.v_mps < 0, raw(lo_x_), raw(hi_x_), raw(lo_y_), raw(hi_y_)};
#if CT_DEVICE_CODE
        parallel_for("air.diffuse", shape_.size(), cells);
#else
        launch_items("air.diffuse", static_cast<std::int64_t>(shape_.np) * shape_.ny, k::DiffuseRows{cells});
#endif
        c_.swap(tmp_);
        parallel_for("air.diffusion_outflow_x", shape_.np,
                     k::AddLineSums{shape_.ny, raw(lo_x_), raw(hi_x_), kg_per_unit, raw(outflow_)});
        parallel_for("air.diffusion_outflow_y", shape_.np,
                     k::AddLineSums{shape_.nx, raw(lo_y_), raw(hi_y_), kg_per_unit, raw(outflow_)});
    }

    AirSetup s_;
    k::FieldShape shape_;
    dvec<float> c_, tmp_, rate_, keep_;
    dvec<unsigned long long> source_;
    dvec<double> emitted_frame_, integral_, lo_x_, hi_x_, lo_y_, hi_y_, outflow_, removed_, sums_;
    dvec<float> weight_, type_nonexhaust_, coef_;
    dvec<std::int32_t> type_class_;
    dvec<std::uint8_t> type_exhaust_;
    dvec<double> totals_;
    std::vector<double> emitted_kg_, max_;
    double height_ = 0.0;
    std::int64_t substeps_ = 0;
    TransportParams last_;
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS

#define CT_AIR_CAT2(a, b) a##b
#define CT_AIR_CAT(a, b) CT_AIR_CAT2(a, b)

std::unique_ptr<AirBackend> CT_AIR_CAT(make_air_backend_, CITYTWIN_BACKEND_NS)(const AirSetup& setup, int threads) {
#if !CT_DEVICE_CODE
    if (threads > 0) omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    return std::make_unique<CITYTWIN_BACKEND_NS::DeviceAir>(setup);
}

}  // namespace citytwin::sim
