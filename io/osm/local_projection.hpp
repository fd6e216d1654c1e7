#pragma once
// Longitude/latitude (WGS 84) to metres on a transverse Mercator projection centred on the
// data, through PROJ. Within the few kilometres of a city extract its scale error is below
// 1e-5, so lengths measured on it are lengths on the ground.
#include <memory>
#include <string>
#include <utility>

namespace citytwin::io::osm {

class LocalProjection {
public:
    // Centred on (lon0, lat0) in degrees: that point is x = 0, y = 0; x points east, y north.
    LocalProjection(double lon0_deg, double lat0_deg);
    ~LocalProjection();
    LocalProjection(const LocalProjection&) = delete;
    LocalProjection& operator=(const LocalProjection&) = delete;

    // (x, y) in metres of a point given in degrees.
    std::pair<double, double> to_metres(double lon_deg, double lat_deg) const;

    // The projected coordinate system as a PROJ string, for the record in the scenario.
    const std::string& definition() const { return definition_; }
    double origin_lon() const { return lon0_; }
    double origin_lat() const { return lat0_; }

private:
    struct Handles;
    double lon0_, lat0_;
    std::string definition_;
    std::unique_ptr<Handles> h_;
};

}  // namespace citytwin::io::osm
