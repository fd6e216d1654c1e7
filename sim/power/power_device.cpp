// The power-flow state on a device and its batched solve: compiled once for Thrust's OpenMP
// system (cpu) and once by nvcc (cuda, through power_device.cu). Topology and loads live in
// device arrays; a solve is one launch over the batch's elements.
#include <cmath>
#include <stdexcept>
#include <string>

#include <thrust/copy.h>

#include "kernels/backend.hpp"
#include "sim/core/device_state.hpp"
#include "kernels/power/loads.hpp"
#include "kernels/power/sweep.hpp"
#include "sim/power/power_backend.hpp"

#if !CT_DEVICE_CODE
#include <omp.h>
#endif

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

namespace k = citytwin::kernels;
using citytwin::CITYTWIN_BACKEND_NS::dvec;
using citytwin::CITYTWIN_BACKEND_NS::parallel_for;
using citytwin::CITYTWIN_BACKEND_NS::raw;

template <class T>
std::vector<T> to_host(const dvec<T>& v) {
    std::vector<T> h(v.size());
    if (!h.empty()) thrust::copy(v.begin(), v.end(), h.begin());
    return h;
}

class DevicePower final : public PowerBackend {
public:
    DevicePower(const std::vector<Feeder>& feeders, const SweepSettings& s, const BusDemand* demand)
        : feeders_(feeders), settings_(s) {
        std::vector<std::int32_t> begin{0}, parent;
        std::vector<double> r, x;
        for (const Feeder& f : feeders) {
            const double zb = f.z_base_ohm();
            for (std::int32_t i = 0; i < f.buses(); ++i) {
                parent.push_back(f.parent[i]);
                r.push_back(f.r_ohm[i] / zb);
                x.push_back(f.x_ohm[i] / zb);
            }
            begin.push_back(begin.back() + f.buses());
        }
        bus_begin_ = dvec<std::int32_t>(begin.begin(), begin.end());
        parent_ = dvec<std::int32_t>(parent.begin(), parent.end());
        r_pu_ = dvec<double>(r.begin(), r.end());
        x_pu_ = dvec<double>(x.begin(), x.end());
        total_buses_ = begin.back();
        if (demand) {
            const auto need = static_cast<std::size_t>(total_buses_);
            for (const auto* v : {&demand->fixed_p_kw, &demand->fixed_q_kvar, &demand->residents,
                                  &demand->commercial_jobs, &demand->industrial_jobs, &demand->pv_kwp})
                if (v->size() != need) throw std::invalid_argument("BusDemand arrays must have one value per bus");
            fixed_p_ = dvec<double>(demand->fixed_p_kw.begin(), demand->fixed_p_kw.end());
            fixed_q_ = dvec<double>(demand->fixed_q_kvar.begin(), demand->fixed_q_kvar.end());
            residents_ = dvec<double>(demand->residents.begin(), demand->residents.end());
            commercial_ = dvec<double>(demand->commercial_jobs.begin(), demand->commercial_jobs.end());
            industrial_ = dvec<double>(demand->industrial_jobs.begin(), demand->industrial_jobs.end());
            pv_kwp_ = dvec<double>(demand->pv_kwp.begin(), demand->pv_kwp.end());
            have_demand_ = true;
        }
    }

    const char* backend_name() const override { return CT_DEVICE_CODE ? "cuda" : "cpu"; }

    void set_batch(const std::vector<std::int32_t>& element_feeder) override {
        const std::size_t ne = element_feeder.size();
        std::vector<std::int64_t> offset(ne), dev_offset(ne), dev_stride(ne, 1);
        std::vector<double> slack(ne);
        std::vector<std::int64_t> count(feeders_.size(), 0);
        std::int64_t o = 0;
        for (std::size_t e = 0; e < ne; ++e) {
            const std::int32_t f = element_feeder[e];
            if (f < 0 || f >= static_cast<std::int32_t>(feeders_.size()))
                throw std::invalid_argument("set_batch: feeder index out of range");
            offset[e] = o;
            slack[e] = feeders_[f].slack_pu;
            o += feeders_[f].buses();
            ++count[f];
        }
        const bool interleave = settings_.interleave < 0 ? CT_DEVICE_CODE != 0 : settings_.interleave != 0;
        if (!interleave) {
            dev_offset = offset;
        } else {
            // Feeder by feeder; within a feeder's block, bus i of its k-th element at base + k + i * count.
            std::vector<std::int64_t> base(feeders_.size(), 0), seen(feeders_.size(), 0);
            std::int64_t b = 0;
            for (std::size_t f = 0; f < feeders_.size(); ++f) {
                base[f] = b;
                b += count[f] * feeders_[f].buses();
            }
            for (std::size_t e = 0; e < ne; ++e) {
                const std::int32_t f = element_feeder[e];
                dev_offset[e] = base[f] + seen[f]++;
                dev_stride[e] = count[f];
            }
        }
        element_feeder_h_ = element_feeder;
        offset_h_ = offset;
        dev_offset_h_ = dev_offset;
        dev_stride_h_ = dev_stride;
        n_elements_ = static_cast<std::int64_t>(ne);
        n_values_ = o;
        feeder_ = dvec<std::int32_t>(element_feeder.begin(), element_feeder.end());
        offset_ = dvec<std::int64_t>(dev_offset.begin(), dev_offset.end());
        stride_ = dvec<std::int64_t>(dev_stride.begin(), dev_stride.end());
        slack_ = dvec<double>(slack.begin(), slack.end());
        for (auto* v : {&p_, &q_, &vr_, &vi_, &ir_, &ii_}) v->resize(static_cast<std::size_t>(o));
        for (auto* v : {&p_loss_, &q_loss_, &head_p_, &head_q_, &v_min_}) v->resize(ne);
        iterations_.resize(ne);
        v_min_bus_.resize(ne);
        status_.resize(ne);
    }

    void set_loads(const std::vector<double>& p_kw, const std::vector<double>& q_kvar) override {
        if (p_kw.size() != static_cast<std::size_t>(n_values_) || q_kvar.size() != p_kw.size())
            throw std::invalid_argument("set_loads: expected " + std::to_string(n_values_) + " values per array");
        std::vector<double> p(p_kw.size()), q(q_kvar.size());
        for_each_value([&](std::size_t api, std::size_t dev) {
            p[dev] = p_kw[api] * 1e-3;
            q[dev] = q_kvar[api] * 1e-3;
        });
        thrust::copy(p.begin(), p.end(), p_.begin());
        thrust::copy(q.begin(), q.end(), q_.begin());
    }

    void assemble_loads(const LoadStepFactors& f, const std::vector<double>& ev_kw) override {
        if (!have_demand_) throw std::logic_error("assemble_loads: the backend was built without bus demand");
        // The engine's batch: one element per feeder, laid out as the global bus order.
        if (element_feeder_h_ != one_per_feeder()) set_batch(one_per_feeder());
        if (ev_kw.size() != static_cast<std::size_t>(total_buses_))
            throw std::invalid_argument("assemble_loads: one EV power per bus expected");
        ev_ = dvec<double>(ev_kw.begin(), ev_kw.end());
        for (auto* v : {&base_, &temperature_, &pv_}) v->resize(static_cast<std::size_t>(total_buses_));
        parallel_for("power.assemble_loads", total_buses_,
                     k::AssembleBusLoads{k::BusDemandView{raw(fixed_p_), raw(fixed_q_), raw(residents_),
                                                          raw(commercial_), raw(industrial_), raw(pv_kwp_)},
                                         k::LoadFactors{f.residential_kw_per_person, f.commercial_kw_per_job,
                                                        f.industrial_kw_per_job, f.temperature_kw_per_person,
                                                        f.pv_kw_per_kwp, f.tan_phi},
                                         raw(ev_),
                                         k::BusLoadPartsView{raw(base_), raw(temperature_), raw(pv_), raw(p_), raw(q_)}});
    }

    void solve() override {
        const k::SweepTopologyView topo{raw(bus_begin_), raw(parent_), raw(r_pu_), raw(x_pu_)};
        const k::SweepBatchView b{raw(feeder_), raw(offset_), raw(stride_), raw(slack_), raw(p_), raw(q_), raw(vr_), raw(vi_),
                                  raw(ir_), raw(ii_), raw(iterations_), raw(status_), raw(p_loss_), raw(q_loss_),
                                  raw(head_p_), raw(head_q_), raw(v_min_), raw(v_min_bus_)};
        // One element per work item: on a CPU each core sweeps whole feeders.
        const k::BackwardForwardSweep sweep{topo, b, settings_.tolerance_pu, settings_.max_iterations};
        // parallel_for runs fewer than a few thousand items inline, but each element here is a
        // whole feeder's sweep: go parallel by the work (buses), not by the item count; tiny
        // batches (a snapshot, a few small feeders) still run inline.
        if (n_elements_ > 1 && n_values_ >= 4096) {
            thrust::for_each_n(thrust::device, thrust::counting_iterator<std::int64_t>(0), n_elements_, sweep);
            citytwin::CITYTWIN_BACKEND_NS::check_device("power.sweep");
        } else {
            parallel_for("power.sweep", n_elements_, sweep);
        }
    }

    void summaries(SweepResults& out) override {
        out.iterations = to_host(iterations_);
        out.status = to_host(status_);
        out.p_loss_kw = scaled(to_host(p_loss_), 1e3);
        out.q_loss_kvar = scaled(to_host(q_loss_), 1e3);
        out.head_p_kw = scaled(to_host(head_p_), 1e3);
        out.head_q_kvar = scaled(to_host(head_q_), 1e3);
        out.v_min_pu = to_host(v_min_);
        out.v_min_bus = to_host(v_min_bus_);
        out.offset = offset_h_;
    }

    void results(SweepResults& out) override {
        summaries(out);
        const std::vector<double> vr = to_host(vr_), vi = to_host(vi_), ir = to_host(ir_), ii = to_host(ii_);
        const std::size_t n = vr.size();
        out.v_pu.resize(n);
        out.v_angle_rad.resize(n);
        out.branch_current_a.assign(n, 0.0);
        out.branch_p_loss_kw.assign(n, 0.0);
        for (std::size_t e = 0; e < element_feeder_h_.size(); ++e) {
            const Feeder& f = feeders_[element_feeder_h_[e]];
            const double ib = f.i_base_a(), zb = f.z_base_ohm();
            for (std::int32_t i = 0; i < f.buses(); ++i) {
                const auto j = static_cast<std::size_t>(offset_h_[e] + i);
                const auto d = static_cast<std::size_t>(dev_offset_h_[e] + i * dev_stride_h_[e]);
                out.v_pu[j] = std::hypot(vr[d], vi[d]);
                out.v_angle_rad[j] = std::atan2(vi[d], vr[d]);
                if (i == 0) continue;
                const double a2 = ir[d] * ir[d] + ii[d] * ii[d];
                out.branch_current_a[j] = std::sqrt(a2) * ib;
                out.branch_p_loss_kw[j] = f.r_ohm[i] / zb * a2 * 1e3;
            }
        }
    }

    BusLoadParts load_parts() override {
        BusLoadParts p;
        p.base_kw = to_host(base_);
        p.temperature_kw = to_host(temperature_);
        p.pv_kw = to_host(pv_);
        p.p_kw = scaled(to_host(p_), 1e3);
        p.q_kvar = scaled(to_host(q_), 1e3);
        return p;
    }

    std::int64_t batch_buses() const override { return n_values_; }

    void set_impedance(const std::vector<double>& r_ohm, const std::vector<double>& x_ohm) override {
        if (r_ohm.size() != static_cast<std::size_t>(total_buses_) || x_ohm.size() != r_ohm.size()) return;
        std::vector<double> r, x;
        std::size_t g = 0;
        for (Feeder& f : feeders_) {
            const double zb = f.z_base_ohm();
            for (std::int32_t i = 0; i < f.buses(); ++i, ++g) {
                f.r_ohm[i] = r_ohm[g];   // what the branch losses are reported with
                f.x_ohm[i] = x_ohm[g];
                r.push_back(r_ohm[g] / zb);
                x.push_back(x_ohm[g] / zb);
            }
        }
        state_upload(r, r_pu_);
        state_upload(x, x_pu_);
    }

    void set_pv_kwp(const std::vector<double>& kwp) override {
        if (kwp.size() == pv_kwp_.size()) state_upload(kwp, pv_kwp_);
    }

    void save(StateWriter& w) override {
        StateSaver v(w, "power/sweep/");
        state(v);
    }
    void restore(const StateReader& r) override {
        StateLoader v(r, "power/sweep/", RestorePlan{}, 0);
        state(v);
    }

private:
    // The batch's solution and load parts of the last step: each solve starts afresh, but these
    // are what the last frame showed, so a restored run holds exactly what the saved one held.
    template <class V>
    void state(V& v) {
        for (auto [name, a] : {std::pair{"p", &p_}, {"q", &q_}, {"vr", &vr_}, {"vi", &vi_}, {"ir", &ir_}, {"ii", &ii_},
                               {"p_loss", &p_loss_}, {"q_loss", &q_loss_}, {"head_p", &head_p_}, {"head_q", &head_q_},
                               {"v_min", &v_min_}, {"ev", &ev_}, {"base", &base_}, {"temperature", &temperature_},
                               {"pv", &pv_}})
            v.buffer(name, *a);
        v.buffer("iterations", iterations_);
        v.buffer("v_min_bus", v_min_bus_);
        v.buffer("status", status_);
    }

    // Calls fn(index in the API's element-major order, index in the device layout) for every value.
    template <class Fn>
    void for_each_value(Fn&& fn) const {
        for (std::size_t e = 0; e < element_feeder_h_.size(); ++e)
            for (std::int32_t i = 0; i < feeders_[element_feeder_h_[e]].buses(); ++i)
                fn(static_cast<std::size_t>(offset_h_[e] + i),
                   static_cast<std::size_t>(dev_offset_h_[e] + i * dev_stride_h_[e]));
    }
    static std::vector<double> scaled(std::vector<double> v, double s) {
        for (double& x : v) x *= s;
        return v;
    }
    std::vector<std::int32_t> one_per_feeder() const {
        std::vector<std::int32_t> e(feeders_.size());
        for (std::size_t i = 0; i < e.size(); ++i) e[i] = static_cast<std::int32_t>(i);
        return e;
    }

    std::vector<Feeder> feeders_;
    SweepSettings settings_;
    std::vector<std::int32_t> element_feeder_h_;
    std::vector<std::int64_t> offset_h_, dev_offset_h_, dev_stride_h_;
    std::int64_t total_buses_ = 0, n_elements_ = 0, n_values_ = 0;
    dvec<std::int32_t> bus_begin_, parent_;
    dvec<double> r_pu_, x_pu_;
    // batch
    dvec<std::int32_t> feeder_;
    dvec<std::int64_t> offset_, stride_;
    dvec<double> slack_, p_, q_, vr_, vi_, ir_, ii_;
    dvec<std::int32_t> iterations_, v_min_bus_;
    dvec<std::uint8_t> status_;
    dvec<double> p_loss_, q_loss_, head_p_, head_q_, v_min_;
    // load model
    bool have_demand_ = false;
    dvec<double> fixed_p_, fixed_q_, residents_, commercial_, industrial_, pv_kwp_, ev_, base_, temperature_, pv_;
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS

#define CT_POWER_CAT2(a, b) a##b
#define CT_POWER_CAT(a, b) CT_POWER_CAT2(a, b)

std::unique_ptr<PowerBackend> CT_POWER_CAT(make_power_backend_, CITYTWIN_BACKEND_NS)(
    const std::vector<Feeder>& feeders, const SweepSettings& s, const BusDemand* demand, int threads) {
#if !CT_DEVICE_CODE
    if (threads > 0) omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    return std::make_unique<CITYTWIN_BACKEND_NS::DevicePower>(feeders, s, demand);
}

}  // namespace citytwin::sim
