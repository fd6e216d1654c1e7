#include "io/output/georeference_attributes.hpp"

#include "io/output/h5_attributes.hpp"

namespace citytwin::io::h5 {

void write_georeference(hid_t root, const sim::NetworkGeometry& net) {
    write_string_attribute(root, "crs", net.crs);
    write_double_attribute(root, "crs_offset_x", net.crs_offset_x_m);
    write_double_attribute(root, "crs_offset_y", net.crs_offset_y_m);
    write_double_attribute(root, "origin_lon", net.origin_lon_deg);
    write_double_attribute(root, "origin_lat", net.origin_lat_deg);
}

void copy_georeference(hid_t from_root, hid_t to_root) {
    if (has_attribute(from_root, "crs")) write_string_attribute(to_root, "crs", read_string_attribute(from_root, "crs"));
    for (const char* name : {"crs_offset_x", "crs_offset_y", "origin_lon", "origin_lat"})
        if (has_attribute(from_root, name)) write_double_attribute(to_root, name, read_double_attribute(from_root, name));
}

}  // namespace citytwin::io::h5
