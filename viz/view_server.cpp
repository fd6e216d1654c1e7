#include "viz/view_server.hpp"

#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <ctime>
#include <iostream>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "viz/view_endpoints.hpp"
#include "viz/view_session.hpp"

namespace citytwin::viz {
namespace {

// Only the local machine: HPC users reach it through ssh port forwarding, nobody else can.
constexpr const char* kHost = "127.0.0.1";

}  // namespace

void serve_view(const ViewRequest& r) {
    if (r.port < 0 || r.port > 65535) throw std::invalid_argument("--port " + std::to_string(r.port) + ": expected 0 ... 65535");
    const ViewSession session(r.run, r.base);
    httplib::Server server;
    // httplib's default adds SO_REUSEPORT, which would let a second viewer share a port that is
    // in use instead of saying so: keep only SO_REUSEADDR (a restart right after a stop binds).
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    add_view_routes(server, session, r.cache_mib << 20);

    // SIGINT and SIGTERM are taken by one thread with sigtimedwait, so the server stops from
    // ordinary code (httplib's stop() is not safe in a signal handler). Blocked before the
    // server's threads start, so they inherit the mask and never see the signal.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    const int port = r.port == 0 ? server.bind_to_any_port(kHost) : (server.bind_to_port(kHost, r.port) ? r.port : -1);
    if (port <= 0) throw std::runtime_error("cannot listen on " + std::string(kHost) + ":" + std::to_string(r.port) + " (in use? try --port 0)");
    std::cout << "citytwin: viewing " << r.run << (r.base.empty() ? "" : " against " + r.base) << " at http://" << kHost << ":"
              << port << "/" << std::endl;

    std::atomic<bool> done{false};
    std::thread watcher([&] {
        const timespec tick{0, 200'000'000};
        while (!done) {
            if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) {
                server.stop();
                return;
            }
        }
    });
    server.listen_after_bind();
    done = true;
    watcher.join();
    std::cerr << "citytwin: viewer stopped\n";
}

}  // namespace citytwin::viz
