#include "io/sumo/sumo_config.hpp"

#include <filesystem>
#include <functional>

#include "io/sumo/xml_tree.hpp"

namespace citytwin::io {

namespace {

// SUMO writes times as seconds, or (since 1.x) as "HH:MM:SS" clock values.
std::optional<double> parse_time(const std::string& v) {
    try {
        std::size_t used = 0;
        if (v.find(':') != std::string::npos) {
            double t = 0.0;
            std::size_t start = 0;
            while (true) {
                const auto colon = v.find(':', start);
                t = t * 60.0 + std::stod(v.substr(start, colon - start), &used);
                if (colon == std::string::npos) break;
                start = colon + 1;
            }
            return t;
        }
        const double t = std::stod(v, &used);
        if (used != v.size()) return std::nullopt;
        return t;
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace

SumoConfig read_sumo_config(const std::string& path) {
    const XmlDocument doc = read_xml(path, {"configuration", "sumoConfiguration"});
    SumoConfig c;
    c.file = path;
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    auto resolve = [&](const std::string& f) {
        std::filesystem::path p(f);
        if (p.is_relative()) p = dir / p;
        return p.lexically_normal().string();
    };
    // Options are elements <name value="..."/> inside section elements (input, time, ...).
    std::function<void(const XmlElement&)> visit = [&](const XmlElement& e) {
        for (const auto& child : e.children) {
            const XmlElement& o = *child;
            if (!o.children.empty()) {
                visit(o);
                continue;
            }
            const std::string* value = o.attr("value");
            if (!value) continue;
            const std::string& n = o.name;
            auto time = [&](const char* what) {
                const auto t = parse_time(*value);
                if (!t) doc.fail(o, "value", std::string("expected a ") + what + " in seconds, got '" + *value + "'");
                return *t;
            };
            if (n == "net-file" || n == "n") c.net = resolve(*value);
            else if (n == "route-files" || n == "r")
                for (const auto& f : split_list(*value)) c.routes.push_back(resolve(f));
            else if (n == "additional-files" || n == "a")
                for (const auto& f : split_list(*value)) c.additional.push_back(resolve(f));
            else if (n == "begin" || n == "b") c.begin_s = time("begin time");
            else if (n == "end" || n == "e") c.end_s = time("end time");
            else if (n == "step-length") c.step_s = time("step length");
            else if (n == "seed") {
                try {
                    c.seed = std::stoull(*value);
                } catch (...) {
                    doc.fail(o, "value", "expected a whole number, got '" + *value + "'");
                }
            } else {
                c.ignored.push_back(n);
            }
        }
    };
    visit(*doc.root);
    if (c.net.empty()) doc.fail(*doc.root, "", "the configuration names no net-file");
    if (!(c.step_s > 0.0)) doc.fail(*doc.root, "step-length", "the step length must be > 0");
    if (c.end_s && *c.end_s <= c.begin_s) doc.fail(*doc.root, "end", "the end time must be after the begin time");
    return c;
}

}  // namespace citytwin::io
