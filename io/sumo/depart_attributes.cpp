#include "io/sumo/depart_attributes.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "io/scenario/physical_ranges.hpp"
#include "kernels/traffic/traffic_view.hpp"

namespace citytwin::io {
namespace {

// A plain finite number, or nothing.
std::optional<double> plain_number(const std::string& text) {
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(x)) return std::nullopt;
    return x;
}

}  // namespace

void read_depart(const XmlDocument& doc, const XmlElement& e, sim::TripSpec& t) {
    if (const std::string* lane = e.attr("departLane")) {
        static const std::pair<const char*, std::int32_t> kLanes[] = {
            {"best", kernels::kDepartLaneBest}, {"free", kernels::kDepartLaneFree}, {"random", kernels::kDepartLaneRandom},
            {"allowed", kernels::kDepartLaneAllowed}, {"first", kernels::kDepartLaneFirst}};
        bool named = false;
        for (const auto& [name, code] : kLanes)
            if (*lane == name) t.depart_lane = code, named = true;
        if (!named) {
            const double i = plain_number(*lane).value_or(-1.0);
            if (!(i >= 0.0) || i > 31.0 || i != std::floor(i))
                doc.fail(e, "departLane", "expected best, free, random, allowed, first or a lane index 0 .. 31, got '" + *lane + "'");
            t.depart_lane = static_cast<std::int32_t>(i);
        }
    }
    if (const std::string* pos = e.attr("departPos")) {
        static const std::pair<const char*, float> kPos[] = {{"base", kernels::kDepartPosBase}, {"random", kernels::kDepartPosRandom},
                                                             {"random_free", kernels::kDepartPosRandom}, {"last", kernels::kDepartPosLast},
                                                             {"free", kernels::kDepartPosFree}};
        bool named = false;
        for (const auto& [name, code] : kPos)
            if (*pos == name) t.depart_pos = code, named = true;
        if (!named) {
            const std::optional<double> given = plain_number(*pos);
            const double x = given.value_or(0.0);
            if (!given || std::abs(x) > ranges::kLinkLengthMaxM)
                doc.fail(e, "departPos", "expected base, random, last, free or metres, got '" + *pos + "'");
            // Negative: from the lane end, as SUMO counts it (resolved against the link).
            t.depart_pos = static_cast<float>(std::abs(x));
            t.depart_pos_from_end = x < 0.0;
        }
    }
    if (const std::string* speed = e.attr("departSpeed")) {
        static const std::pair<const char*, float> kSpeed[] = {
            {"max", kernels::kDepartSpeedMax}, {"speedLimit", kernels::kDepartSpeedMax}, {"desired", kernels::kDepartSpeedDesired},
            {"random", kernels::kDepartSpeedRandom}, {"avg", kernels::kDepartSpeedAvg}, {"last", kernels::kDepartSpeedLast}};
        bool named = false;
        for (const auto& [name, code] : kSpeed)
            if (*speed == name) t.depart_speed = code, named = true;
        if (!named) {
            const double v = plain_number(*speed).value_or(-1.0);
            if (!(v >= 0.0) || v > ranges::kSpeedMaxMps)
                doc.fail(e, "departSpeed", "expected max, desired, random, avg, last or a speed 0 .. 100 m/s, got '" + *speed + "'");
            t.depart_speed = static_cast<float>(v);
        }
    }
}

}  // namespace citytwin::io
