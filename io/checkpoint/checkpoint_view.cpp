#include "io/checkpoint/checkpoint_view.hpp"

#include <span>
#include <string>
#include <vector>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"

namespace citytwin::io {
namespace {

template <typename T>
void one(hid_t group, const char* name, T value, const h5::Description& d) {
    h5::write_array<T>(group, name, std::vector<T>{value}, d);
}

void network(hid_t view, const sim::NetworkGeometry& net) {
    h5::Handle g = h5::make_group(view, "network");
    h5::Handle links = h5::make_group(g, "links");
    h5::write_array<std::int32_t>(links, "shape_offset", net.link_shape_offset,
                                  {"1", "link i owns shape points [shape_offset[i], shape_offset[i+1])"});
    h5::write_array<double>(links, "shape_x", net.shape_x_m, {"m", "link shape point x"});
    h5::write_array<double>(links, "shape_y", net.shape_y_m, {"m", "link shape point y"});
}

void vehicles(hid_t view, const sim::VehicleFrame& v) {
    h5::Handle traffic = h5::make_group(view, "traffic");
    h5::Handle g = h5::make_group(traffic, "vehicles");
    one<double>(g, "time", v.time_s, {"s", "time of the checkpoint, since scenario start"});
    one<std::int64_t>(g, "offset", 0, {"1", "first row of the frame"});
    one<std::int64_t>(g, "count", static_cast<std::int64_t>(v.id.size()), {"1", "rows (running vehicles) in the frame"});
    h5::write_array<std::int32_t>(g, "id", v.id, {"1", "trip id of the vehicle"});
    h5::write_array<float>(g, "x", v.x_m, {"m", "position x"});
    h5::write_array<float>(g, "y", v.y_m, {"m", "position y"});
    h5::write_array<float>(g, "speed", v.speed_mps, {"m s-1", "speed"});
    h5::write_array<std::int32_t>(g, "link", v.link, {"1", "index of the link the vehicle is on"});
    if (v.lane.size() == v.id.size()) h5::write_array<std::int32_t>(g, "lane", v.lane, {"1", "lane index within the link, 0 = rightmost"});
    if (v.heading_deg.size() == v.id.size())
        h5::write_array<float>(g, "heading", v.heading_deg, {"degree", "direction of travel, clockwise from north"});
    if (v.type.size() == v.id.size()) h5::write_array<std::int32_t>(g, "type", v.type, {"1", "vehicle type index"});
}

void air(hid_t view, const sim::AirFrame& f) {
    h5::Handle g = h5::make_group(view, "air");
    std::vector<double> x(static_cast<std::size_t>(f.grid.nx)), y(static_cast<std::size_t>(f.grid.ny));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = f.grid.x0_m + (static_cast<double>(i) + 0.5) * f.grid.cell_m;
    for (std::size_t j = 0; j < y.size(); ++j) y[j] = f.grid.y0_m + (static_cast<double>(j) + 0.5) * f.grid.cell_m;
    h5::write_array<double>(g, "x", x, {"m", "cell centre x"});
    h5::write_array<double>(g, "y", y, {"m", "cell centre y"});
    one<double>(g, "time", f.time_s, {"s", "time of the checkpoint, since scenario start"});
    h5::Handle c = h5::make_group(g, "concentration");
    // (time, y, x) with one time, as the run file's fields.
    const hsize_t dims[3] = {1, static_cast<hsize_t>(f.grid.ny), static_cast<hsize_t>(f.grid.nx)};
    for (const sim::AirField& field : f.concentration) {
        h5::Handle space = h5::space(H5Screate_simple(3, dims, nullptr), "creating dataspace");
        h5::Handle ds = h5::dataset(H5Dcreate2(c, field.name.c_str(), H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                    "creating '/view/air/concentration/" + field.name + "'");
        if (!field.values.empty())
            h5::check_status(H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, field.values.data()),
                             "writing '/view/air/concentration/" + field.name + "'");
        h5::write_units(ds, field.units, field.long_name);
    }
}

}  // namespace

void write_state_view(hid_t file, const sim::StateView& v) {
    h5::Handle view = h5::make_group(file, kCheckpointView);
    network(view, v.network);
    vehicles(view, v.vehicles);
    if (v.air) air(view, *v.air);
}

}  // namespace citytwin::io
