#include "io/sumo/sumo_config.hpp"

#include <filesystem>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>

#include "io/scenario/quantity.hpp"
#include "io/sumo/xml_tree.hpp"
#include "sim/core/scenario_limits.hpp"

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

// SUMO's seed is an int (SumoRNG::setSeed(int)) fed to std::mt19937, which keeps it modulo
// 2^32: -5 seeds as 4294967291 does. citytwin does the same, so every seed SUMO accepts gives
// a distinct, documented citytwin seed; what SUMO would reject as no int is an error here too.
unsigned long long sumo_seed(const XmlDocument& doc, const XmlElement& o, const std::string& value) {
    long long v = 0;
    const char* first = value.data() + (!value.empty() && value.front() == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(first, value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v < -2147483648LL || v > 2147483647LL)
        doc.fail(o, "value", "expected a whole number from -2147483648 to 2147483647 (SUMO's seed is an int), got '" +
                                 value + "'");
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(v));
}

}  // namespace

std::string sumo_option_of(const std::string& key_path) {
    static const std::map<std::string, std::string> options = {
        {"traffic.step", "step-length"},       {"demand.sumo.begin", "begin"},
        {"duration", "end"},                    {"seed", "seed"},
        {"network.sumo.net", "net-file"},       {"network.sumo.additional", "additional-files"},
        {"demand.sumo.routes", "route-files"}};
    for (const auto& [key, option] : options)
        if (key_path == key || key_path.starts_with(key + "[") || key_path.starts_with(key + "."))
            return option;
    return {};
}

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
            // Short and long option names record under the long one.
            static const std::map<std::string, std::string> long_names = {
                {"n", "net-file"}, {"r", "route-files"}, {"a", "additional-files"}, {"b", "begin"}, {"e", "end"}};
            const auto long_name = long_names.find(n);
            c.marks[long_name == long_names.end() ? n : long_name->second] = doc.mark(o);
            auto time = [&](const char* what) {
                const auto t = parse_time(*value);
                if (!t || !std::isfinite(*t))
                    doc.fail(o, "value", std::string("expected a ") + what + " in seconds, got '" + *value + "'");
                return *t;
            };
            if (n == "net-file" || n == "n") c.net = resolve(*value);
            else if (n == "route-files" || n == "r")
                for (const auto& f : split_list(*value)) c.routes.push_back(resolve(f));
            else if (n == "additional-files" || n == "a")
                for (const auto& f : split_list(*value)) c.additional.push_back(resolve(f));
            else if (n == "begin" || n == "b") c.begin_s = time("begin time");
            else if (n == "end" || n == "e") c.end_s = time("end time");
            else if (n == "step-length") {
                c.step_s = time("step length");
                if (!(c.step_s >= 0.01) || c.step_s > 2.0)
                    doc.fail(o, "value", "step-length " + *value + " s: citytwin's traffic step is 0.01 s to 2 s");
            } else if (n == "seed") {
                c.seed = sumo_seed(doc, o, *value);
            } else {
                c.ignored.push_back(n);
            }
        }
    };
    visit(*doc.root);
    if (c.net.empty()) doc.fail(*doc.root, "", "the configuration names no net-file");
    const XmlElement& root = *doc.root;
    auto option_fail = [&](const char* option, const std::string& message) {
        const auto it = c.marks.find(option);
        if (it == c.marks.end()) doc.fail(root, option, message);
        throw sim::ScenarioError(it->second, std::string("<") + option + " value>", message);
    };
    if (c.begin_s < 0.0) option_fail("begin", "the begin time must not be negative");
    if (c.end_s && *c.end_s <= c.begin_s) option_fail("end", "the end time must be after the begin time");
    if (c.end_s && *c.end_s - c.begin_s > sim::kMaxDurationS)
        option_fail("end", "end - begin is " + format_limit(*c.end_s - c.begin_s) +
                               " s; a citytwin run lasts at most 31 d (2678400 s)");
    return c;
}

}  // namespace citytwin::io
