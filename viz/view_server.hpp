#pragma once
// `citytwin view`: serves a run (and a base run to compare with) to a browser on 127.0.0.1
// until SIGINT or SIGTERM.
#include <cstddef>
#include <string>

namespace citytwin::viz {

struct ViewRequest {
    std::string run;
    std::string base;            // --compare; empty: none
    int port = 8080;             // 0: any free port
    std::size_t cache_mib = 64;  // answers kept in memory
};

// Prints "citytwin: viewing RUN at http://127.0.0.1:PORT/" (stdout, flushed) once listening,
// and returns when a signal stops the server. Throws io::ReplayError for a bad run file, and
// std::runtime_error when the port cannot be bound.
void serve_view(const ViewRequest& request);

}  // namespace citytwin::viz
