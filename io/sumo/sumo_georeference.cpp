#include "io/sumo/sumo_georeference.hpp"

#include <proj.h>

#include <cmath>
#include <string>

namespace citytwin::io {

void locate_sumo_origin(sim::LaneNetworkSpec& net) {
    if (net.projection.empty() || net.projection == "!") return;
    // Inverse projection to radians, then degrees: a pipeline needs no PROJ database.
    const std::string pipeline = "+proj=pipeline +step +inv " + net.projection +
                                 " +step +proj=unitconvert +xy_in=rad +xy_out=deg";
    PJ_CONTEXT* ctx = proj_context_create();
    proj_log_level(ctx, PJ_LOG_NONE);
    if (PJ* pj = proj_create(ctx, pipeline.c_str())) {
        const PJ_COORD out = proj_trans(pj, PJ_FWD, proj_coord(-net.net_offset_x, -net.net_offset_y, 0, 0));
        if (std::isfinite(out.xy.x) && std::isfinite(out.xy.y) && std::abs(out.xy.x) <= 180.0 && std::abs(out.xy.y) <= 90.0) {
            net.origin_lon_deg = out.xy.x;
            net.origin_lat_deg = out.xy.y;
        }
        proj_destroy(pj);
    }
    proj_context_destroy(ctx);
}

}  // namespace citytwin::io
