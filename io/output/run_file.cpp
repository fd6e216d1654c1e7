#include "io/output/run_file.hpp"

#include <hdf5_hl.h>

#include <limits>
#include <numeric>

#include "io/output/cf_time.hpp"
#include "io/output/georeference_attributes.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/output_error.hpp"
#include "io/output/power_datasets.hpp"
#include "io/output/run_layout.hpp"
#include "sim/core/utc_clock.hpp"

namespace citytwin::io {
namespace {

using h5::Description;
using h5::ExtendableDataset;
using h5::make_group;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr double kNaNd = std::numeric_limits<double>::quiet_NaN();
constexpr hsize_t kTimeChunk = 512;   // frames per chunk of the small per-frame datasets
constexpr hsize_t kRowChunk = 65536;  // vehicle rows / trip rows per chunk (<= 512 KiB)

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += '\n';
        out += lines[i];
    }
    return out;
}

template <typename T, typename Row, typename Field>
std::vector<T> column(const std::vector<Row>& rows, Field field) {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(static_cast<T>(field(r)));
    return out;
}

h5::Handle file_access(bool locking) {
    h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "creating file access list");
    h5::check_status(H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST),
                     "selecting the HDF5 1.10 file format");
    // Lock against a second writer where the filesystem supports it; don't fail where it doesn't.
    h5::check_status(H5Pset_file_locking(fapl, locking, true), "configuring file locking");
    return fapl;
}

}  // namespace

RunFile::RunFile(const std::string& path, const sim::RunMetadata& meta,
                 const sim::NetworkGeometry& net)
    : path_(path), link_count_(net.link_ids.size()) {
    // SWMR needs the 1.10 file format; its metadata is checksummed and written in dependency
    // order, which is what keeps a killed run's file readable.
    h5::Handle fapl = file_access(true);
    file_ = h5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl),
                     "cannot create HDF5 file");
    write_root_attributes(meta);
    write_network(net);
    create_traffic();
    flush();
}

void RunFile::write_root_attributes(const sim::RunMetadata& meta) {
    const hid_t root = file_.get();
    h5::write_string_attribute(root, "format", std::string(layout::kFormat));
    h5::write_string_attribute(root, "citytwin_version", meta.version);
    h5::write_string_attribute(root, "scenario_name", meta.scenario_name);
    h5::write_string_attribute(root, "scenario_yaml", meta.scenario_yaml);
    h5::write_string_attribute(root, "scenario_file", meta.scenario_file);
    h5::write_string_attribute(root, "overrides", join_lines(meta.overrides));
    h5::write_string_attribute(root, "scenario_bases", join_lines(meta.scenario_bases));
    h5::write_uint64_attribute(root, "seed", meta.seed);
    h5::write_string_attribute(root, "backend", meta.backend);
    h5::write_string_attribute(root, "device", meta.device_name);
    h5::write_int32_attribute(root, "threads", meta.threads);
    h5::write_string_attribute(root, "start", meta.start);
    h5::write_double_attribute(root, "duration_s", meta.duration_s);
    h5::write_double_attribute(root, "step_s", meta.step_s);
    h5::write_double_attribute(root, "output_every_s", meta.output_every_s);
    h5::write_double_attribute(root, "vehicles_every_s", meta.vehicles_every_s);
    h5::write_string_attribute(root, "created_utc",
                               meta.created_utc.empty() ? sim::utc_now_iso() : meta.created_utc);
}

void RunFile::write_network(const sim::NetworkGeometry& net) {
    h5::Handle network = make_group(file_, layout::kNetwork);
    h5::Handle nodes = make_group(file_, layout::kNodes);
    h5::Handle links = make_group(file_, layout::kLinks);

    // Ids are the coordinate of each table, so xarray indexes nodes and links by name.
    h5::Handle node_id = h5::write_string_array(nodes, "id", net.node_ids, {"1", "node id"});
    h5::make_scale(node_id, "id");
    const h5::Handle node_columns[] = {
        h5::write_array<double>(nodes, "x", net.node_x_m, {"m", "node x coordinate"}),
        h5::write_array<double>(nodes, "y", net.node_y_m, {"m", "node y coordinate"}),
        h5::write_array<std::int32_t>(nodes, "signalised", net.node_signalised,
                                      {"1", "1 if the junction has a signal plan, else 0"}),
    };
    for (const auto& ds : node_columns) h5::attach_scale(ds, node_id, 0);

    h5::write_georeference(file_, net);

    h5::Handle link_id = h5::write_string_array(links, "id", net.link_ids, {"1", "link id"});
    h5::make_scale(link_id, "id");
    const h5::Handle link_columns[] = {
        h5::write_array<std::int32_t>(links, "from_node", net.link_from_node,
                                      {"1", "index of the upstream node in /network/nodes"}),
        h5::write_array<std::int32_t>(links, "to_node", net.link_to_node,
                                      {"1", "index of the downstream node in /network/nodes"}),
        h5::write_array<std::int32_t>(links, "lanes", net.link_lanes, {"1", "number of lanes"}),
        h5::write_array<double>(links, "length", net.link_length_m, {"m", "link length"}),
        h5::write_array<double>(links, "speed_limit", net.link_speed_limit_mps,
                                {"m s-1", "speed limit"}),
    };
    for (const auto& ds : link_columns) h5::attach_scale(ds, link_id, 0);

    h5::Handle boundary =
        h5::create_bare_dimension(links, "link_boundary", net.link_shape_offset.size(),
                                  {"1", "dimension of shape_offset: one entry per link plus one"});
    h5::Handle offset = h5::write_array<std::int32_t>(
        links, "shape_offset", net.link_shape_offset,
        {"1", "link i owns shape points [shape_offset[i], shape_offset[i+1])"});
    h5::attach_scale(offset, boundary, 0);

    h5::Handle point = h5::create_bare_dimension(links, "shape_point", net.shape_x_m.size(),
                                                 {"1", "dimension of the link shape points"});
    h5::Handle shape_x = h5::write_array<double>(links, "shape_x", net.shape_x_m,
                                                 {"m", "link shape point x coordinate"});
    h5::Handle shape_y = h5::write_array<double>(links, "shape_y", net.shape_y_m,
                                                 {"m", "link shape point y coordinate"});
    h5::attach_scale(shape_x, point, 0);
    h5::attach_scale(shape_y, point, 0);
}

void RunFile::create_traffic() {
    h5::Handle traffic = make_group(file_, layout::kTraffic);
    h5::Handle series = make_group(file_, layout::kLinkSeries);
    h5::Handle vehicles = make_group(file_, layout::kVehicles);
    h5::Handle trips = make_group(file_, layout::kTrips);

    // --- link time series: (time, link) -------------------------------------------------------
    links_.time = ExtendableDataset::make_1d<double>(
        traffic, "time", kTimeChunk, kNaNd,
        {"s", "end of the output interval, since scenario start"});
    h5::make_scale(links_.time.id(), "time");
    h5::write_cf_time_units(links_.time.id());
    std::vector<std::int32_t> index(link_count_);
    std::iota(index.begin(), index.end(), 0);
    h5::Handle link_index = h5::write_array<std::int32_t>(traffic, "link_index", index,
                                                          {"1", "link index into /network/links"});
    h5::make_scale(link_index, "link_index");

    const std::size_t n = link_count_;
    links_.entered = ExtendableDataset::make_2d<std::int32_t>(
        series, "entered", n, 0, {"1", "vehicles that entered the link during the interval"});
    links_.left = ExtendableDataset::make_2d<std::int32_t>(
        series, "left", n, 0,
        {"1", "vehicles that left the link (moved on or arrived) during the interval"});
    links_.mean_speed = ExtendableDataset::make_2d<float>(
        series, "mean_speed", n, kNaN,
        {"m s-1", "mean speed over vehicle-steps on the link in the interval (NaN if none)"});
    links_.density = ExtendableDataset::make_2d<float>(
        series, "density", n, kNaN,
        {"km-1", "mean number of vehicles on the link per km of link (all lanes)"});
    links_.mean_travel_time = ExtendableDataset::make_2d<float>(
        series, "mean_travel_time", n, kNaN,
        {"s", "mean travel time of the vehicles that left the link in the interval (NaN if none)"});
    for (const ExtendableDataset* ds : {&links_.entered, &links_.left, &links_.mean_speed,
                                        &links_.density, &links_.mean_travel_time}) {
        h5::attach_scale(ds->id(), links_.time.id(), 0);
        h5::attach_scale(ds->id(), link_index, 1);
    }

    // --- vehicle frames: ragged, rows of frame k are [offset[k], offset[k] + count[k]) --------
    vehicles_.time = ExtendableDataset::make_1d<double>(
        vehicles, "time", kTimeChunk, kNaNd, {"s", "vehicle frame time, since scenario start"});
    h5::make_scale(vehicles_.time.id(), "time");
    h5::write_cf_time_units(vehicles_.time.id());
    vehicles_.offset = ExtendableDataset::make_1d<std::int64_t>(
        vehicles, "offset", kTimeChunk, 0, {"1", "first row of the frame in the row datasets"});
    vehicles_.count = ExtendableDataset::make_1d<std::int64_t>(
        vehicles, "count", kTimeChunk, 0, {"1", "number of rows (vehicles) in the frame"});
    h5::attach_scale(vehicles_.offset.id(), vehicles_.time.id(), 0);
    h5::attach_scale(vehicles_.count.id(), vehicles_.time.id(), 0);

    vehicles_.row = h5::create_bare_unlimited_dimension(
        vehicles, "row", {"1", "dimension of the vehicle rows of all frames, concatenated"});
    vehicles_.id = ExtendableDataset::make_1d<std::int32_t>(vehicles, "id", kRowChunk, -1,
                                                            {"1", "trip id of the vehicle"});
    vehicles_.x = ExtendableDataset::make_1d<float>(vehicles, "x", kRowChunk, kNaN,
                                                    {"m", "vehicle x coordinate"});
    vehicles_.y = ExtendableDataset::make_1d<float>(vehicles, "y", kRowChunk, kNaN,
                                                    {"m", "vehicle y coordinate"});
    vehicles_.speed = ExtendableDataset::make_1d<float>(vehicles, "speed", kRowChunk, kNaN,
                                                        {"m s-1", "vehicle speed"});
    vehicles_.link = ExtendableDataset::make_1d<std::int32_t>(
        vehicles, "link", kRowChunk, -1, {"1", "index of the link the vehicle is on"});
    vehicles_.lane = ExtendableDataset::make_1d<std::int32_t>(
        vehicles, "lane", kRowChunk, -1, {"1", "lane index within the link, 0 = rightmost (-1: not recorded)"});
    vehicles_.heading = ExtendableDataset::make_1d<float>(
        vehicles, "heading", kRowChunk, kNaN, {"degree", "direction of travel along the link, clockwise from north (+y)"});
    vehicles_.type = ExtendableDataset::make_1d<std::int32_t>(
        vehicles, "type", kRowChunk, -1, {"1", "vehicle type index (the scenario's vehicle types, in order; -1: not recorded)"});
    for (const ExtendableDataset* ds : {&vehicles_.id, &vehicles_.x, &vehicles_.y, &vehicles_.speed, &vehicles_.link,
                                        &vehicles_.lane, &vehicles_.heading, &vehicles_.type})
        h5::attach_scale(ds->id(), vehicles_.row.id(), 0);

    // --- trips: one column per field, indexed by trip id --------------------------------------
    auto& t = trips_;
    t.id = ExtendableDataset::make_1d<std::int32_t>(trips, "id", kRowChunk, -1, {"1", "trip id"});
    h5::make_scale(t.id.id(), "id");
    t.type = ExtendableDataset::make_1d<std::int32_t>(trips, "type", kRowChunk, -1,
                                                      {"1", "vehicle type index"});
    t.origin_link = ExtendableDataset::make_1d<std::int32_t>(trips, "origin_link", kRowChunk, -1,
                                                             {"1", "index of the origin link"});
    t.destination_link = ExtendableDataset::make_1d<std::int32_t>(
        trips, "destination_link", kRowChunk, -1, {"1", "index of the destination link"});
    t.depart = ExtendableDataset::make_1d<double>(
        trips, "depart", kRowChunk, kNaNd, {"s", "scheduled departure, since scenario start"});
    t.insert = ExtendableDataset::make_1d<double>(
        trips, "insert", kRowChunk, kNaNd,
        {"s", "actual insertion into the network, since scenario start (-1: never inserted)"});
    t.arrival = ExtendableDataset::make_1d<double>(
        trips, "arrival", kRowChunk, kNaNd,
        {"s", "arrival, since scenario start (-1: not arrived)"});
    t.route_length = ExtendableDataset::make_1d<float>(trips, "route_length", kRowChunk, kNaN,
                                                       {"m", "distance driven"});
    t.time_loss = ExtendableDataset::make_1d<float>(
        trips, "time_loss", kRowChunk, kNaN, {"s", "time lost driving below the desired speed"});
    t.depart_delay = ExtendableDataset::make_1d<float>(
        trips, "depart_delay", kRowChunk, kNaN,
        {"s", "insertion minus scheduled departure (up to the end if still waiting)"});
    t.status = ExtendableDataset::make_1d<std::int8_t>(trips, "status", kRowChunk, -1,
                                                       {"1", "trip status at the time of writing"});
    // CF flag attributes spell the enum for any reader.
    const std::int8_t codes[] = {0, 1, 2, 3, 4, 5};
    h5::write_int8_array_attribute(t.status.id(), "flag_values", codes);
    h5::write_string_attribute(t.status.id(), "flag_meanings",
                               "pending waiting running arrived unroutable removed cancelled");
    t.co2 = ExtendableDataset::make_1d<float>(trips, "co2", kRowChunk, kNaN,
                                              {"g", "exhaust CO2 emitted over the trip (NaN without an air model)"});
    t.nox = ExtendableDataset::make_1d<float>(trips, "nox", kRowChunk, kNaN,
                                              {"g", "exhaust NOx emitted over the trip (NaN without an air model)"});
    t.pm10 = ExtendableDataset::make_1d<float>(
        trips, "pm10", kRowChunk, kNaN, {"g", "PM10 emitted over the trip, exhaust and non-exhaust (NaN without an air model)"});
    t.pm25 = ExtendableDataset::make_1d<float>(
        trips, "pm25", kRowChunk, kNaN, {"g", "PM2.5 emitted over the trip, exhaust and non-exhaust (NaN without an air model)"});
    for (const ExtendableDataset* ds :
         {&t.type, &t.origin_link, &t.destination_link, &t.depart, &t.insert, &t.arrival,
          &t.route_length, &t.time_loss, &t.depart_delay, &t.status, &t.co2, &t.nox, &t.pm10, &t.pm25})
        h5::attach_scale(ds->id(), t.id.id(), 0);
}

void RunFile::append_links(const sim::LinkSeriesFrame& frame) {
    appending();
    // Values first, time last: the time axis is what readers count frames by.
    links_.entered.append(frame.entered);
    links_.left.append(frame.left);
    links_.mean_speed.append(frame.mean_speed_mps);
    links_.density.append(frame.density_veh_per_km);
    links_.mean_travel_time.append(frame.mean_travel_time_s);
    links_.time.append(&frame.time_s, 1);
}

void RunFile::append_vehicles(const sim::VehicleFrame& frame) {
    appending();
    const auto first = static_cast<std::int64_t>(vehicles_.id.rows());
    const auto rows = static_cast<std::int64_t>(frame.id.size());
    vehicles_.id.append(frame.id);
    vehicles_.x.append(frame.x_m);
    vehicles_.y.append(frame.y_m);
    vehicles_.speed.append(frame.speed_mps);
    vehicles_.link.append(frame.link);
    const auto n = frame.id.size();
    vehicles_.lane.append(frame.lane.size() == n ? frame.lane : std::vector<std::int32_t>(n, -1));
    vehicles_.heading.append(frame.heading_deg.size() == n ? frame.heading_deg : std::vector<float>(n, kNaN));
    vehicles_.type.append(frame.type.size() == n ? frame.type : std::vector<std::int32_t>(n, -1));
    vehicles_.row.extend_to(vehicles_.id.rows());
    vehicles_.offset.append(&first, 1);
    vehicles_.count.append(&rows, 1);
    vehicles_.time.append(&frame.time_s, 1);
}

void RunFile::append_trips(const std::vector<sim::TripRow>& rows) {
    if (rows.empty()) return;
    appending();
    using R = sim::TripRow;
    auto& t = trips_;
    t.type.append(column<std::int32_t>(rows, [](const R& r) { return r.type; }));
    t.origin_link.append(column<std::int32_t>(rows, [](const R& r) { return r.origin_link; }));
    t.destination_link.append(
        column<std::int32_t>(rows, [](const R& r) { return r.destination_link; }));
    t.depart.append(column<double>(rows, [](const R& r) { return r.depart_s; }));
    t.insert.append(column<double>(rows, [](const R& r) { return r.insert_s; }));
    t.arrival.append(column<double>(rows, [](const R& r) { return r.arrival_s; }));
    t.route_length.append(column<float>(rows, [](const R& r) { return r.route_length_m; }));
    t.time_loss.append(column<float>(rows, [](const R& r) { return r.time_loss_s; }));
    t.depart_delay.append(column<float>(rows, [](const R& r) { return r.depart_delay_s; }));
    t.status.append(column<std::int8_t>(rows, [](const R& r) { return r.status; }));
    t.co2.append(column<float>(rows, [](const R& r) { return r.co2_g; }));
    t.nox.append(column<float>(rows, [](const R& r) { return r.nox_g; }));
    t.pm10.append(column<float>(rows, [](const R& r) { return r.pm10_g; }));
    t.pm25.append(column<float>(rows, [](const R& r) { return r.pm25_g; }));
    t.id.append(column<std::int32_t>(rows, [](const R& r) { return r.id; }));  // row count last
}

void RunFile::create_air(const sim::AirFrame& layout) {
    if (!air_) air_ = std::make_unique<AirDatasets>(file_, layout);
}

namespace {

// Names by index in `group`: the index 0 .. n-1 as dimension scale `scale`, the names on it.
void names_by_index(hid_t file, const char* group, const char* scale, const std::string& index_meaning,
                    const std::vector<std::string>& names, const std::string& name_meaning) {
    h5::Handle g = make_group(file, group);
    std::vector<std::int32_t> index(names.size());
    std::iota(index.begin(), index.end(), 0);
    h5::Handle ids = h5::write_array<std::int32_t>(g, scale, index, {"1", index_meaning});
    h5::make_scale(ids, scale);
    h5::attach_scale(h5::write_string_array(g, "name", names, {"1", name_meaning}), ids, 0);
}

}  // namespace

void RunFile::create_traffic_names(const sim::TrafficNames& names) {
    if (names_written_) return;
    // Fixed datasets, so before SWMR writing starts (the engine sends them first).
    if (mode_ != Mode::building) throw OutputError("internal: the traffic names after the first appended record");
    names_by_index(file_, layout::kTypes, "type", "vehicle type index", names.types,
                   "vehicle type id, by type index (the SUMO vType id when imported)");
    if (!names.trips.empty())
        names_by_index(file_, layout::kTripNames, "id", "trip id", names.trips,
                       "the source's id of the trip (SUMO vehicle, trip or flow.N id; the trip CSV's name column)");
    names_written_ = true;
}

void RunFile::create_interventions(const sim::InterventionTable& table) {
    if (interventions_) return;
    h5::Handle group = make_group(file_, "/interventions");
    h5::Handle ids = h5::write_string_array(group, "id", table.ids, {"1", "intervention id, in the scenario's order"});
    h5::Handle actions = h5::write_string_array(group, "action", table.actions, {"1", "its action: close, speed_limit, lanes, signal, ban, demand, fleet, weather, stack, charging, pv, battery, feeder"});
    h5::make_scale(ids, "id");
    h5::attach_scale(actions, ids, 0);
    auto d = std::make_unique<Interventions>();
    d->time = ExtendableDataset::make_1d<double>(group, "time", kTimeChunk, kNaNd, {"s", "time the intervention was applied or reverted, since scenario start"});
    h5::make_scale(d->time.id(), "time");
    h5::write_cf_time_units(d->time.id());
    d->intervention = ExtendableDataset::make_1d<std::int32_t>(group, "intervention", kTimeChunk, -1, {"1", "index into /interventions/id"});
    d->applied = ExtendableDataset::make_1d<std::int8_t>(group, "applied", kTimeChunk, -1, {"1", "1 applied, 0 reverted (its until)"});
    d->links = ExtendableDataset::make_1d<std::int32_t>(group, "links", kTimeChunk, -1, {"1", "links (and lanes) it closes, narrows, limits or bans (0 for other actions)"});
    d->rerouted = ExtendableDataset::make_1d<std::int64_t>(group, "rerouted", kTimeChunk, -1, {"1", "vehicles that turned away from a link closed or a zone banned then"});
    d->cancelled = ExtendableDataset::make_1d<std::int64_t>(group, "cancelled", kTimeChunk, -1, {"1", "trips it cancelled then"});
    d->changed = ExtendableDataset::make_1d<std::int64_t>(group, "changed", kTimeChunk, -1, {"1", "trips it switched to another vehicle type then"});
    for (const ExtendableDataset* ds : {&d->intervention, &d->applied, &d->links, &d->rerouted, &d->cancelled, &d->changed}) h5::attach_scale(ds->id(), d->time.id(), 0);
    interventions_ = std::move(d);
}

void RunFile::append_intervention(const sim::InterventionRow& row) {
    appending();
    if (!interventions_) throw OutputError("an intervention row before the /interventions table");
    Interventions& d = *interventions_;
    d.intervention.append(std::vector<std::int32_t>{row.intervention});
    d.applied.append(std::vector<std::int8_t>{row.applied});
    d.links.append(std::vector<std::int32_t>{row.links});
    d.rerouted.append(std::vector<std::int64_t>{row.rerouted});
    d.cancelled.append(std::vector<std::int64_t>{row.cancelled});
    d.changed.append(std::vector<std::int64_t>{row.changed});
    d.time.append(std::vector<double>{row.time_s});   // last: the time axis counts complete rows
}

void RunFile::set_attribute(const std::string& name, const std::string& text, double number, bool is_number) {
    if (is_number) h5::write_double_attribute(file_, name, number);
    else h5::write_string_attribute(file_, name, text);
}

void RunFile::append_air(const sim::AirFrame& frame) {
    // Created on the first frame when no layout came first (the engine always sends one).
    if (!air_) air_ = std::make_unique<AirDatasets>(file_, frame);
    appending();
    air_->append(frame);
}

void RunFile::write_kpis(const std::vector<sim::Kpi>& kpis) {
    restructuring();
    // Track creation order so readers list KPIs in the order the simulator reported them.
    h5::Handle gcpl = h5::plist(H5Pcreate(H5P_GROUP_CREATE), "creating group creation list");
    h5::check_status(
        H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "tracking link creation order");
    h5::Handle group = h5::group(H5Gcreate2(file_, layout::kKpi, H5P_DEFAULT, gcpl, H5P_DEFAULT),
                                 "creating group '/kpi'");
    h5::Handle scalar = h5::space(H5Screate(H5S_SCALAR), "creating scalar dataspace");
    for (const sim::Kpi& kpi : kpis) {
        h5::Handle ds = h5::dataset(H5Dcreate2(group, kpi.name.c_str(), H5T_IEEE_F64LE, scalar,
                                               H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                    "creating KPI '" + kpi.name + "'");
        h5::check_status(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &kpi.value),
                         "writing KPI '" + kpi.name + "'");
        h5::write_units(ds, kpi.units.empty() ? "1" : kpi.units,
                        kpi.long_name.empty() ? kpi.name : kpi.long_name);
    }
}

RunFile::~RunFile() = default;

void RunFile::create_power(const sim::PowerGrid& grid) {
    if (power_) throw std::logic_error("RunFile: the power grid is written once");
    power_ = std::make_unique<PowerDatasets>(file_, grid);
}

void RunFile::append_power(const sim::PowerFrame& frame) {
    appending();
    if (!power_) throw std::logic_error("RunFile: power frame before the power grid");
    power_->append(frame);
}

void RunFile::flush() { h5::check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flushing HDF5 file"); }

void RunFile::appending() {
    if (mode_ == Mode::appending) return;
    if (mode_ == Mode::finishing)
        throw OutputError("internal: a record was appended after the run's closing attributes");
    // Every group and dataset exists now: from here on HDF5 only appends, in SWMR order, so
    // the file on disk is consistent whenever the process dies.
    flush();
    h5::check_status(H5Fstart_swmr_write(file_), "starting SWMR writing");
    mode_ = Mode::appending;
}

void RunFile::restructuring() {
    if (mode_ != Mode::appending) return;
    // /kpi is many new objects, which SWMR mode is not made for (HDF5 1.10 lets the writer
    // create them, without its ordering guarantees): close, which leaves a complete and
    // consistent file, and reopen plainly for it, a few milliseconds. The status attribute and
    // anything a direct user creates late are written in SWMR mode.
    close();
    // Without HDF5's lock, so a SWMR reader that still watches the file does not fail the run;
    // the run's own output lock (output_lock.hpp) keeps other writers out.
    h5::Handle fapl = file_access(false);
    file_ = h5::file(H5Fopen(path_.c_str(), H5F_ACC_RDWR, fapl), "reopening HDF5 file");
    mode_ = Mode::finishing;
}

void RunFile::close() {
    // Datasets first: with HDF5's default (weak) close degree, open objects keep the file open.
    links_ = {};
    vehicles_ = {};
    trips_ = {};
    air_.reset();
    power_.reset();
    interventions_.reset();
    file_.close("closing HDF5 file");
}

}  // namespace citytwin::io
