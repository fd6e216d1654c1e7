#include "io/osm/local_projection.hpp"

#include <proj.h>

#include <cstdio>
#include <stdexcept>

namespace citytwin::io::osm {

struct LocalProjection::Handles {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Handles() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

LocalProjection::LocalProjection(double lon0_deg, double lat0_deg)
    : lon0_(lon0_deg), lat0_(lat0_deg), h_(std::make_unique<Handles>()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "+proj=tmerc +lat_0=%.7f +lon_0=%.7f +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m",
                  lat0_deg, lon0_deg);
    definition_ = buf;
    // A pipeline from degrees needs no PROJ database: the datum is WGS 84 on both sides.
    const std::string pipeline =
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step " + definition_;
    h_->ctx = proj_context_create();
    h_->pj = proj_create(h_->ctx, pipeline.c_str());
    if (!h_->pj)
        throw std::runtime_error("PROJ cannot create the projection '" + definition_ + "': " +
                                 proj_context_errno_string(h_->ctx, proj_context_errno(h_->ctx)));
}

LocalProjection::~LocalProjection() = default;

std::pair<double, double> LocalProjection::to_metres(double lon_deg, double lat_deg) const {
    const PJ_COORD out = proj_trans(h_->pj, PJ_FWD, proj_coord(lon_deg, lat_deg, 0, 0));
    return {out.xy.x, out.xy.y};
}

}  // namespace citytwin::io::osm
