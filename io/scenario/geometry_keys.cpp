// network.links[].shape and network.crs: how a network is drawn and where it lies on the Earth.
// Neither changes the simulation; both go to the run file (docs/output-format.md).
#include <cmath>
#include <cstdlib>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {
namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;
constexpr std::size_t kMaxShapePoints = 100'000;   // per link; OSM ways have at most 2,000 nodes

double coordinate(const Field& f, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v))
        f.fail("expected 'x,y x,y ...' (metres), got '" + text + "' in " + f.describe());
    if (std::abs(v) > ranges::kCoordinateMaxM)
        f.fail("a shape coordinate must be within +-" + std::to_string(static_cast<long long>(ranges::kCoordinateMaxM)) +
               " m, got " + text);
    return v;
}

}  // namespace

void read_link_shape(const Field& f, std::vector<double>& x, std::vector<double>& y) {
    const std::string s = f.text();
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        if (i == s.size()) break;
        const std::size_t end = std::min(s.find(' ', i), s.size());
        const std::string point = s.substr(i, end - i);
        const std::size_t comma = point.find(',');
        if (comma == std::string::npos) f.fail("expected 'x,y x,y ...' (metres), got point '" + point + "'");
        x.push_back(coordinate(f, point.substr(0, comma)));
        y.push_back(coordinate(f, point.substr(comma + 1)));
        if (x.size() > kMaxShapePoints) f.fail("a link shape has at most " + std::to_string(kMaxShapePoints) + " points");
        i = end;
    }
}

sim::Georeference read_crs(const Field& field) {
    const MapReader m(field, {"proj", "longitude", "latitude", "offset_x", "offset_y"});
    sim::Georeference g;
    if (auto f = m.get("proj")) g.crs = f->text();
    const auto lon = m.get("longitude"), lat = m.get("latitude");
    if (lon.has_value() != lat.has_value())
        (lon ? *lon : *lat).fail_at_key("give both longitude and latitude of the origin (x = 0, y = 0), or neither");
    if (lon) {
        g.origin_lon_deg = lon->quantity_in(Dimension::Angle, -180.0 * kDeg, 180.0 * kDeg) / kDeg;
        g.origin_lat_deg = lat->quantity_in(Dimension::Angle, -90.0 * kDeg, 90.0 * kDeg) / kDeg;
    }
    if (auto f = m.get("offset_x")) g.offset_x_m = f->quantity_in(Dimension::Length, -ranges::kCoordinateMaxM, ranges::kCoordinateMaxM);
    if (auto f = m.get("offset_y")) g.offset_y_m = f->quantity_in(Dimension::Length, -ranges::kCoordinateMaxM, ranges::kCoordinateMaxM);
    return g;
}

}  // namespace citytwin::io
