#include "viz/view_endpoints.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <memory>

#include <httplib.h>

#include "io/output/json_text.hpp"
#include "io/output/output_error.hpp"
#include "viz/view_cache.hpp"
#include "viz/view_page.hpp"
#include "viz/view_session.hpp"

namespace citytwin::viz {
namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kBinary = "application/octet-stream";

void send_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content("{\"error\":" + io::json_string(message) + "}", kJson);
}

std::string param(const httplib::Request& req, const std::string& name, bool required) {
    if (!req.has_param(name.c_str())) {
        if (required) throw ViewRequestError(400, "missing query parameter '" + name + "'");
        return "";
    }
    return req.get_param_value(name.c_str());
}

std::size_t frame_param(const httplib::Request& req) {
    const std::string text = param(req, "frame", true);
    std::size_t frame = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), frame);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        throw ViewRequestError(400, "frame '" + text + "': expected a frame index 0, 1, 2 ...");
    return frame;
}

// format=bin: the binary layout of view_frame_binary.hpp; json (the default) otherwise.
bool binary_param(const httplib::Request& req) {
    const std::string text = param(req, "format", false);
    if (text.empty() || text == "json") return false;
    if (text == "bin") return true;
    throw ViewRequestError(400, "format '" + text + "': expected json or bin");
}

// Answers from the cache or computes, and turns every failure into a JSON error: a request
// the file cannot serve is the client's (4xx); a file HDF5 cannot read is a 500, not a crash.
using Answer = std::function<std::string(const httplib::Request&, bool binary)>;

httplib::Server::Handler api(std::shared_ptr<ViewCache> cache, Answer answer, std::vector<std::string> known) {
    return [cache, answer = std::move(answer), known = std::move(known)](const httplib::Request& req, httplib::Response& res) {
        try {
            for (const auto& [name, value] : req.params) {
                bool ok = false;
                for (const auto& k : known) ok = ok || k == name;
                if (!ok) throw ViewRequestError(400, "unknown query parameter '" + name + "'");
            }
            const bool binary = std::find(known.begin(), known.end(), "format") != known.end() && binary_param(req);
            std::string key = req.path;
            for (const auto& k : known) key += "&" + k + "=" + (req.has_param(k.c_str()) ? req.get_param_value(k.c_str()) : "");
            const char* type = binary ? kBinary : kJson;
            if (auto hit = cache->find(key)) {
                res.set_content(*hit, type);
                return;
            }
            std::string body = answer(req, binary);
            res.set_content(body, type);
            cache->put(key, std::move(body));
        } catch (const ViewRequestError& e) {
            send_error(res, e.status, e.what());
        } catch (const io::ReplayError& e) {
            send_error(res, 404, e.what());
        } catch (const std::exception& e) {
            send_error(res, 500, e.what());
        }
    };
}

}  // namespace

void add_view_routes(httplib::Server& server, const ViewSession& s, std::size_t cache_bytes) {
    auto cache = std::make_shared<ViewCache>(cache_bytes);
    for (const PageAsset* a = page_assets_begin(); a != page_assets_end(); ++a) {
        const std::string path(a->path), type(a->content_type), body(a->body);
        server.Get(path, [type, body](const httplib::Request&, httplib::Response& res) { res.set_content(body, type.c_str()); });
    }
    server.Get("/api/meta", api(cache, [&s](const httplib::Request&, bool) { return s.meta_json(); }, {}));
    server.Get("/api/network", api(cache, [&s](const httplib::Request&, bool) { return s.network_json(); }, {}));
    server.Get("/api/series", api(cache, [&s](const httplib::Request&, bool) { return s.series_json(); }, {}));
    const std::vector<std::string> layered = {"layer", "frame", "side", "format"};
    const auto values = [&s](LayerKind kind, std::string (ViewSession::*json)(const std::string&, std::size_t, ViewSide) const) {
        return [&s, kind, json](const httplib::Request& r, bool binary) {
            const std::string layer = param(r, "layer", true);
            const std::size_t frame = frame_param(r);
            const ViewSide side = parse_side(param(r, "side", false), s.comparing());
            return binary ? s.values_binary(kind, layer, frame, side) : (s.*json)(layer, frame, side);
        };
    };
    server.Get("/api/links", api(cache, values(LayerKind::Links, &ViewSession::links_json), layered));
    server.Get("/api/air", api(cache, values(LayerKind::Air, &ViewSession::air_json), layered));
    server.Get("/api/buses", api(cache, values(LayerKind::Buses, &ViewSession::buses_json), layered));
    server.Get("/api/vehicles", api(cache, [&s](const httplib::Request& r, bool binary) {
        const std::size_t frame = frame_param(r);
        const ViewSide side = parse_side(param(r, "side", false), s.comparing());
        return binary ? s.vehicles_binary(frame, side) : s.vehicles_json(frame, side);
    }, {"frame", "side", "format"}));
    // Anything else (other paths, other methods) is a JSON 404/405, never a file from disk.
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (res.body.empty())
            res.set_content("{\"error\":" + io::json_string("no such resource: " + req.method + " " + req.path) + "}", kJson);
    });
}

}  // namespace citytwin::viz
