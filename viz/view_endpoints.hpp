#pragma once
// The viewer's HTTP routes: the page (compiled into the program, so nothing but it is ever
// served from disk) and the API, each frame answer one frame read on demand:
//   GET /api/meta                                the run, its layers and their frame times
//   GET /api/network                             link ids, lanes and polylines; air grid; buses
//   GET /api/series                              the charts' time series (view_kpi_series.hpp)
//   GET /api/links?layer=speed&frame=K[&side=]   one value per link (side: run, base, diff)
//   GET /api/air?layer=NO2&frame=K[&side=]       one air field
//   GET /api/buses?layer=voltage&frame=K[&side=] one value per feeder bus, with positions
//   GET /api/vehicles?frame=K[&side=run|base]    one vehicle frame
// Frame requests take format=json (the default) or format=bin (view_frame_binary.hpp).
// A bad request gets a 4xx answer {"error": "..."}; nothing a client sends stops the server.
#include <cstddef>

namespace httplib {
class Server;
}

namespace citytwin::viz {

class ViewSession;

// Registers the routes on `server`; `session` must outlive it. `cache_bytes` bounds the
// answers kept in memory.
void add_view_routes(httplib::Server& server, const ViewSession& session, std::size_t cache_bytes);

}  // namespace citytwin::viz
