#pragma once
// Net load of every bus for one power step (docs/models.md, "Power"): base load from the
// land-use shapes, temperature-driven heating and cooling, EV charging, minus rooftop PV.
// The time-of-day, weather and sun enter as per-step scalars computed on the host.
#include <cstdint>

#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

// Per bus, static over the run.
struct BusDemandView {
    const double* fixed_p_kw;       // loads of the branch table
    const double* fixed_q_kvar;
    const double* residents;
    const double* commercial_jobs;
    const double* industrial_jobs;
    const double* pv_kwp;
};

// This step's per-unit factors.
struct LoadFactors {
    double residential_kw_per_person;   // peak × shape(hour)
    double commercial_kw_per_job;
    double industrial_kw_per_job;
    double temperature_kw_per_person;   // change-point term at this temperature
    double pv_kw_per_kwp;               // irradiance / 1000 W/m² × performance ratio
    double tan_phi;                     // Q/P of base and temperature load
};

struct BusLoadPartsView {
    double* base_kw;
    double* temperature_kw;
    double* pv_kw;
    double* p_pu;                       // net, S_base = 1 MVA (the sweep's input)
    double* q_pu;
};

struct AssembleBusLoads {
    BusDemandView d;
    LoadFactors f;
    const double* ev_kw;                // charging power per bus this step
    BusLoadPartsView out;

    CT_HD void operator()(std::int64_t i) const {
        const double varying = d.residents[i] * f.residential_kw_per_person +
                               d.commercial_jobs[i] * f.commercial_kw_per_job +
                               d.industrial_jobs[i] * f.industrial_kw_per_job;
        const double base = d.fixed_p_kw[i] + varying;
        const double temperature = d.residents[i] * f.temperature_kw_per_person;
        const double pv = d.pv_kwp[i] * f.pv_kw_per_kwp;
        out.base_kw[i] = base;
        out.temperature_kw[i] = temperature;
        out.pv_kw[i] = pv;
        out.p_pu[i] = (base + temperature + ev_kw[i] - pv) * 1e-3;
        out.q_pu[i] = (d.fixed_q_kvar[i] + (varying + temperature) * f.tan_phi) * 1e-3;
    }
};

CT_KERNELS_END
