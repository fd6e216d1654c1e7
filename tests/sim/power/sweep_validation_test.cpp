// The batched backward/forward sweep against published and closed-form results.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/power/sweep_status.hpp"
#include "sim/core/device_select.hpp"
#include "sim/power/power_backend.hpp"
#include "sim/power/snapshot.hpp"
#include "tests/sim/power/power_test_data.hpp"

namespace citytwin {
namespace {

// Baran & Wu, IEEE Trans. Power Delivery 4(2):1401-1407 (1989), as solved in MATPOWER's
// case33bw: loss 202.68 kW, 135.14 kvar; minimum voltage 0.91309 pu at bus 18.
TEST(PowerSweep, Ieee33BusMatchesThePublishedSolution) {
    const sim::Feeder f = sim::build_feeder(test::ieee33_spec());
    ASSERT_EQ(f.buses(), 33);
    const sim::SnapshotResult r = sim::solve_snapshot(f);
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.p_loss_kw, 202.68, 0.05);
    EXPECT_NEAR(r.q_loss_kvar, 135.14, 0.05);
    EXPECT_NEAR(r.v_min_pu, 0.91309, 0.00005);
    EXPECT_EQ(r.v_min_bus, "18");
    EXPECT_NEAR(r.load_p_kw, 3715.0, 1e-9);
    EXPECT_NEAR(r.load_q_kvar, 2300.0, 1e-9);
}

// One line, one load: V2 = V1 - Z conj(S / V2). With V1 real, |V2|^2 = u solves
// u^2 - (V1^2 - 2(RP + XQ)) u + |Z|^2 |S|^2 = 0 (the larger root is the operating point).
TEST(PowerSweep, TwoBusLineMatchesTheClosedFormVoltageDrop) {
    const double kv = 11.0, r_ohm = 3.0, x_ohm = 4.0, p_kw = 800.0, q_kvar = 300.0, v1 = 1.02;
    sim::FeederSpec spec = test::feeder_spec({test::branch("a", "b", r_ohm, x_ohm, p_kw, q_kvar)}, kv);
    spec.slack_pu = v1;
    const sim::Feeder f = sim::build_feeder(spec);
    auto backend = sim::make_power_backend_cpu({f}, {}, nullptr, 0);
    backend->set_batch({0});
    backend->set_loads(f.p_kw, f.q_kvar);
    backend->solve();
    sim::SweepResults res;
    backend->results(res);
    ASSERT_EQ(res.status[0], kSweepConverged);

    const double zb = kv * kv, R = r_ohm / zb, X = x_ohm / zb, P = p_kw / 1000.0, Q = q_kvar / 1000.0;
    const double b = v1 * v1 - 2.0 * (R * P + X * Q);
    const double u = 0.5 * (b + std::sqrt(b * b - 4.0 * (R * R + X * X) * (P * P + Q * Q)));
    const double v2 = std::sqrt(u);
    EXPECT_NEAR(res.v_pu[1], v2, 1e-9);
    EXPECT_NEAR(res.v_pu[0], v1, 1e-15);
    const double i_pu = std::sqrt(P * P + Q * Q) / v2;  // |I| = |S| / |V2|
    EXPECT_NEAR(res.branch_current_a[1], i_pu * f.i_base_a(), 1e-6);
    EXPECT_NEAR(res.p_loss_kw[0], R * i_pu * i_pu * 1000.0, 1e-6);
    EXPECT_NEAR(res.q_loss_kvar[0], X * i_pu * i_pu * 1000.0, 1e-6);
}

// Power balance at the head: S_head = Σ loads + Σ Z|I|^2, checked on a batch of the 33-bus
// feeder under scaled loads (down to net generation at some buses).
TEST(PowerSweep, HeadPowerEqualsLoadsPlusLossesAtEveryElement) {
    const sim::Feeder f = sim::build_feeder(test::ieee33_spec());
    const int n = 48;
    std::vector<std::int32_t> elements(n, 0);
    std::vector<double> p, q;
    std::vector<double> load_p(n, 0.0), load_q(n, 0.0);
    for (int e = 0; e < n; ++e)
        for (std::int32_t i = 0; i < f.buses(); ++i) {
            // Load scale 0.1 .. 1.5, and at every fifth bus a PV infeed that reverses the flow.
            const double s = 0.1 + 1.4 * e / (n - 1);
            const double pv = (i % 5 == 4) ? 150.0 * (e % 4) : 0.0;
            p.push_back(f.p_kw[i] * s - pv);
            q.push_back(f.q_kvar[i] * s);
            load_p[e] += p.back();
            load_q[e] += q.back();
        }
    auto backend = sim::make_power_backend_cpu({f}, {}, nullptr, 2);
    backend->set_batch(elements);
    backend->set_loads(p, q);
    backend->solve();
    sim::SweepResults r;
    backend->results(r);
    for (int e = 0; e < n; ++e) {
        ASSERT_EQ(r.status[e], kSweepConverged) << e;
        const double sp = load_p[e] + r.p_loss_kw[e], sq = load_q[e] + r.q_loss_kvar[e];
        EXPECT_NEAR(r.head_p_kw[e], sp, 1e-9 * std::abs(r.head_p_kw[e])) << e;
        EXPECT_NEAR(r.head_q_kvar[e], sq, 1e-9 * std::abs(r.head_q_kvar[e])) << e;
        // Branch losses from the per-branch currents add up to the element's total.
        double sum = 0.0;
        for (std::int32_t i = 1; i < f.buses(); ++i) sum += r.branch_p_loss_kw[r.offset[e] + i];
        EXPECT_NEAR(sum, r.p_loss_kw[e], 1e-9 * r.p_loss_kw[e]) << e;
    }
}

TEST(PowerSweep, CopiesInOneBatchGiveIdenticalAnswers) {
    const sim::Feeder f = sim::build_feeder(test::ieee33_spec());
    const sim::Feeder g = sim::build_feeder(test::feeder_spec(
        {test::branch("s", "a", 0.5, 0.4, 300, 100), test::branch("a", "b", 0.7, 0.5, 200, 50),
         test::branch("a", "c", 0.3, 0.2, 100, 20)}));
    const int n = 300;  // enough for the parallel path
    std::vector<std::int32_t> elements;
    std::vector<double> p, q;
    for (int e = 0; e < n; ++e) {
        const sim::Feeder& h = e % 3 == 1 ? g : f;
        elements.push_back(e % 3 == 1 ? 1 : 0);
        p.insert(p.end(), h.p_kw.begin(), h.p_kw.end());
        q.insert(q.end(), h.q_kvar.begin(), h.q_kvar.end());
    }
    std::vector<double> reference_v;
    for (int threads : {1, 2})
      for (int interleave : {0, 1}) {
        sim::SweepSettings settings;
        settings.interleave = interleave;  // the GPU's layout, checked here on the CPU
        auto backend = sim::make_power_backend_cpu({f, g}, settings, nullptr, threads);
        backend->set_batch(elements);
        backend->set_loads(p, q);
        backend->solve();
        sim::SweepResults r;
        backend->results(r);
        const sim::SnapshotResult one = sim::solve_snapshot(f);
        for (int e = 0; e < n; ++e) {
            const int ref = e % 3 == 1 ? 1 : 0;
            EXPECT_EQ(r.p_loss_kw[e], r.p_loss_kw[ref]) << e;
            EXPECT_EQ(r.q_loss_kvar[e], r.q_loss_kvar[ref]) << e;
            EXPECT_EQ(r.v_min_pu[e], r.v_min_pu[ref]) << e;
            EXPECT_EQ(r.iterations[e], r.iterations[ref]) << e;
            const std::int32_t buses = ref == 1 ? g.buses() : f.buses();
            for (std::int32_t i = 0; i < buses; ++i) EXPECT_EQ(r.v_pu[r.offset[e] + i], r.v_pu[r.offset[ref] + i]);
        }
        // ... the same as the snapshot solve of the feeder alone, whatever the threads and layout.
        EXPECT_EQ(r.p_loss_kw[0], one.p_loss_kw);
        if (reference_v.empty()) reference_v = r.v_pu;
        EXPECT_EQ(r.v_pu, reference_v);
      }
}

TEST(PowerSweep, OverloadedFeederIsFlaggedNotReportedAsASolution) {
    sim::Feeder f = sim::build_feeder(test::ieee33_spec());
    for (double& p : f.p_kw) p *= 8.0;
    for (double& q : f.q_kvar) q *= 8.0;
    const sim::SnapshotResult r = sim::solve_snapshot(f);
    EXPECT_FALSE(r.converged);
    sim::SweepSettings few;
    few.max_iterations = 2;
    const sim::SnapshotResult capped = sim::solve_snapshot(sim::build_feeder(test::ieee33_spec()), few);
    EXPECT_FALSE(capped.converged);
    EXPECT_FALSE(capped.collapsed);
    EXPECT_EQ(capped.iterations, 2);
}

}  // namespace
}  // namespace citytwin

namespace citytwin {
namespace {

// The CUDA backend solves the same batch to the same answer (run only where a GPU is visible).
TEST(PowerSweep, CudaAndCpuAgree) {
#if defined(CITYTWIN_HAVE_CUDA)
    std::string why;
    if (sim::cuda_device_count(&why) == 0) GTEST_SKIP() << "no GPU: " << why;
    const sim::Feeder f = sim::build_feeder(test::ieee33_spec());
    const int n = 2000;
    std::vector<double> p, q;
    for (int e = 0; e < n; ++e)
        for (std::int32_t i = 0; i < f.buses(); ++i) {
            p.push_back(f.p_kw[i] * (0.2 + 1.2 * e / n));
            q.push_back(f.q_kvar[i] * (0.2 + 1.2 * e / n));
        }
    sim::SweepResults rc, rg;
    for (auto* r : {&rc, &rg}) {
        auto b = r == &rc ? sim::make_power_backend_cpu({f}, {}, nullptr, 0) : sim::make_power_backend_cuda({f}, {}, nullptr, 0);
        b->set_batch(std::vector<std::int32_t>(n, 0));
        b->set_loads(p, q);
        b->solve();
        b->results(*r);
    }
    for (int e = 0; e < n; ++e) {
        EXPECT_NEAR(rg.p_loss_kw[e], rc.p_loss_kw[e], 1e-9 * rc.p_loss_kw[e]) << e;
        EXPECT_EQ(rg.iterations[e], rc.iterations[e]) << e;
    }
    for (std::size_t j = 0; j < rc.v_pu.size(); ++j) EXPECT_NEAR(rg.v_pu[j], rc.v_pu[j], 1e-12) << j;
#else
    GTEST_SKIP() << "built without the CUDA backend";
#endif
}

}  // namespace
}  // namespace citytwin
