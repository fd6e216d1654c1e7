#include "io/output/xdmf_sidecar.hpp"

#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <vector>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

struct Dataset {
    std::string path;
    std::vector<hsize_t> dims;
    std::string number_type;   // XDMF NumberType
    int precision = 4;
};

class Layout {
public:
    // `root`: where the run file's layout starts ("" for run and difference files; a
    // checkpoint's /view).
    Layout(hid_t file, std::string h5_name, std::string root) : file_(file), name_(std::move(h5_name)), root_(std::move(root)) {}

    // The dataset at `layout_path` (a run file's path) under the root.
    std::optional<Dataset> dataset(const std::string& layout_path) const {
        const std::string path = root_ + layout_path;
        if (!h5::path_exists(file_, path)) return std::nullopt;
        h5::Handle ds = h5::open_dataset(file_, path);
        Dataset d{path, h5::extent(ds), "Float", 4};
        h5::Handle type = h5::type(H5Dget_type(ds), "reading the type of '" + path + "'");
        const auto size = static_cast<int>(H5Tget_size(type));
        switch (H5Tget_class(type)) {
            case H5T_FLOAT: d.number_type = "Float"; break;
            case H5T_INTEGER: d.number_type = size == 1 ? "Char" : "Int"; break;
            default: return std::nullopt;   // strings: not arrays XDMF reads
        }
        d.precision = size;
        return d;
    }
    // Datasets directly in `group` whose shape is `dims`, by name.
    std::vector<Dataset> datasets_shaped(const std::string& layout_group, const std::vector<hsize_t>& dims) const {
        std::vector<Dataset> out;
        const std::string group = root_ + layout_group;
        if (!h5::path_exists(file_, group)) return out;
        h5::Handle g = h5::group(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), "opening '" + group + "'");
        for (const std::string& name : h5::list_datasets(g)) {
            if (name.find('/') != std::string::npos) continue;
            if (auto d = dataset(layout_group + "/" + name); d && d->dims == dims) out.push_back(*d);
        }
        return out;
    }
    // Values of a dataset found by dataset() (its full path).
    std::vector<double> values(const std::string& path) const {
        return h5::read_all<double>(h5::open_dataset(file_, path));
    }
    const std::string& name() const { return name_; }

private:
    hid_t file_;
    std::string name_, root_;
};

std::string dims_text(const std::vector<hsize_t>& dims) {
    std::string s;
    for (hsize_t d : dims) s += (s.empty() ? "" : " ") + std::to_string(d);
    return s;
}

std::string item(const Layout& l, const Dataset& d) {
    return "<DataItem Dimensions=\"" + dims_text(d.dims) + "\" NumberType=\"" + d.number_type + "\" Precision=\"" +
           std::to_string(d.precision) + "\" Format=\"HDF\">" + l.name() + ":" + d.path + "</DataItem>";
}

// Row `row` (of `count` elements from `first`) along the first dimension of `d`.
std::string slab(const Layout& l, const Dataset& d, hsize_t row, hsize_t first = 0, hsize_t count = 0) {
    std::vector<hsize_t> start(d.dims.size(), 0), stride(d.dims.size(), 1), counts = d.dims;
    start[0] = row;
    counts[0] = 1;
    if (d.dims.size() == 1) {   // a range of a 1-D dataset
        start[0] = first;
        counts[0] = count;
    }
    // The result drops the one row taken: ParaView's XDMF reader fails to copy a (1, n) slab
    // into an attribute of n cells ("Can't Write Temp Dataset").
    std::vector<hsize_t> result = counts;
    if (result.size() > 1) result.erase(result.begin());
    return "<DataItem ItemType=\"HyperSlab\" Dimensions=\"" + dims_text(result) + "\" Type=\"HyperSlab\">" +
           "<DataItem Dimensions=\"3 " + std::to_string(d.dims.size()) + "\" Format=\"XML\">" + dims_text(start) + " " +
           dims_text(stride) + " " + dims_text(counts) + "</DataItem>" + item(l, d) + "</DataItem>";
}

std::string leaf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// A temporal collection: one grid per time on the named topology and geometry, with one
// attribute per series (its row k at time k), named by `label`.
template <typename Label>
void temporal_grids(std::ostream& x, const Layout& l, const std::string& name, const std::string& topology,
                    const std::string& geometry, const std::vector<double>& times, const std::vector<Dataset>& series,
                    const char* center, Label label) {
    x << "  <Grid Name=\"" << name << "\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
    for (std::size_t k = 0; k < times.size(); ++k) {
        x << "   <Grid Name=\"" << name << "\"><Time Value=\"" << times[k] << "\"/>"
          << "<Topology Reference=\"/Xdmf/Domain/Topology[@Name='" << topology << "']\"/>"
          << "<Geometry Reference=\"/Xdmf/Domain/Geometry[@Name='" << geometry << "']\"/>\n";
        for (const Dataset& d : series)
            x << "    <Attribute Name=\"" << label(d) << "\" Center=\"" << center << "\">" << slab(l, d, k) << "</Attribute>\n";
        x << "   </Grid>\n";
    }
    x << "  </Grid>\n";
}

void link_series(std::ostream& x, const Layout& l) {
    const auto shape_x = l.dataset(std::string(layout::kLinks) + "/shape_x");
    const auto shape_y = l.dataset(std::string(layout::kLinks) + "/shape_y");
    const auto offsets = l.dataset(std::string(layout::kLinks) + "/shape_offset");
    if (!shape_x || !shape_y || !offsets || offsets->dims.empty() || offsets->dims[0] < 1) return;
    const std::vector<double> offset = l.values(offsets->path);
    const std::size_t links = offset.size() - 1;
    // Mixed topology: per link the polyline code (2), its point count, its point indices.
    x << "  <Topology Name=\"links\" TopologyType=\"Mixed\" NumberOfElements=\"" << links << "\">\n"
      << "   <DataItem Dimensions=\"" << 2 * links + static_cast<std::size_t>(offset.back()) << "\" NumberType=\"Int\" Format=\"XML\">";
    for (std::size_t i = 0; i < links; ++i) {
        x << (i ? " " : "") << 2 << " " << static_cast<long long>(offset[i + 1] - offset[i]);
        for (auto p = static_cast<long long>(offset[i]); p < static_cast<long long>(offset[i + 1]); ++p) x << " " << p;
    }
    x << "</DataItem>\n  </Topology>\n";
    x << "  <Geometry Name=\"link_points\" GeometryType=\"X_Y\">" << item(l, *shape_x) << item(l, *shape_y) << "</Geometry>\n";

    const auto time = l.dataset(layout::kTime);
    const std::vector<Dataset> series = l.datasets_shaped(layout::kLinkSeries, {time ? time->dims[0] : 0, links});
    const std::vector<double> times = time ? l.values(time->path) : std::vector<double>{};
    if (times.empty()) {   // no frames yet: the network alone
        x << "  <Grid Name=\"network\"><Topology Reference=\"/Xdmf/Domain/Topology[@Name='links']\"/>"
             "<Geometry Reference=\"/Xdmf/Domain/Geometry[@Name='link_points']\"/></Grid>\n";
        return;
    }
    temporal_grids(x, l, "links", "links", "link_points", times, series, "Cell", [](const Dataset& d) { return leaf(d.path); });
}

void air_fields(std::ostream& x, const Layout& l) {
    const auto ax = l.dataset(std::string(layout::kAir) + "/x"), ay = l.dataset(std::string(layout::kAir) + "/y");
    const auto time = l.dataset(std::string(layout::kAir) + "/time");
    if (!ax || !ay || !time) return;
    const std::vector<double> xs = l.values(ax->path), ys = l.values(ay->path), times = l.values(time->path);
    if (xs.empty() || ys.empty()) return;
    const double cell = xs.size() > 1 ? xs[1] - xs[0] : (ys.size() > 1 ? ys[1] - ys[0] : 1.0);
    const hsize_t nx = xs.size(), ny = ys.size();
    std::vector<Dataset> fields;
    for (const char* group : {"/air/concentration", "/air/emission"})
        for (Dataset& d : l.datasets_shaped(group, {times.size(), ny, nx})) fields.push_back(d);
    // Nodes at the cell corners, so the fields are cell data; XDMF lists the slowest axis (y) first.
    x << "  <Topology Name=\"air_cells\" TopologyType=\"2DCoRectMesh\" Dimensions=\"" << ny + 1 << " " << nx + 1 << "\"/>\n"
      << "  <Geometry Name=\"air_corners\" GeometryType=\"ORIGIN_DXDY\">"
      << "<DataItem Dimensions=\"2\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">" << ys[0] - cell / 2 << " "
      << xs[0] - cell / 2 << "</DataItem><DataItem Dimensions=\"2\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">"
      << cell << " " << cell << "</DataItem></Geometry>\n";
    temporal_grids(x, l, "air", "air_cells", "air_corners", times, fields, "Cell", [](const Dataset& d) {
        return (d.path.find("/emission/") != std::string::npos ? "emission " : "") + leaf(d.path);
    });
}

void buses(std::ostream& x, const Layout& l) {
    const auto bx = l.dataset(std::string(layout::kGridBuses) + "/x"), by = l.dataset(std::string(layout::kGridBuses) + "/y");
    const auto time = l.dataset(layout::kPowerTime);
    if (!bx || !by || !time || bx->dims.empty()) return;
    const hsize_t n = bx->dims[0];
    const std::vector<double> times = l.values(time->path);
    const std::vector<Dataset> series = l.datasets_shaped(layout::kPowerBuses, {times.size(), n});
    x << "  <Topology Name=\"buses\" TopologyType=\"Polyvertex\" NumberOfElements=\"" << n << "\"/>\n"
      << "  <Geometry Name=\"bus_points\" GeometryType=\"X_Y\">" << item(l, *bx) << item(l, *by) << "</Geometry>\n";
    temporal_grids(x, l, "buses", "buses", "bus_points", times, series, "Node", [](const Dataset& d) { return leaf(d.path); });
}

void vehicles(std::ostream& x, const Layout& l) {
    const std::string v = layout::kVehicles;
    const auto time = l.dataset(v + "/time"), vx = l.dataset(v + "/x"), vy = l.dataset(v + "/y");
    const auto off = l.dataset(v + "/offset"), cnt = l.dataset(v + "/count");
    if (!time || !vx || !vy || !off || !cnt) return;
    const std::vector<double> times = l.values(time->path), offset = l.values(off->path), count = l.values(cnt->path);
    std::vector<Dataset> columns;
    for (const char* name : {"/speed", "/id", "/link", "/lane", "/heading", "/type"})
        if (auto d = l.dataset(v + name); d && d->dims == vx->dims) columns.push_back(*d);
    x << "  <Grid Name=\"vehicles\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
    for (std::size_t k = 0; k < times.size() && k < offset.size() && k < count.size(); ++k) {
        const auto first = static_cast<hsize_t>(offset[k]), n = static_cast<hsize_t>(count[k]);
        if (first + n > vx->dims[0]) break;   // rows after the last flush
        x << "   <Grid Name=\"vehicles\"><Time Value=\"" << times[k] << "\"/>"
          << "<Topology TopologyType=\"Polyvertex\" NumberOfElements=\"" << n << "\"/>"
          << "<Geometry GeometryType=\"X_Y\">" << slab(l, *vx, 0, first, n) << slab(l, *vy, 0, first, n) << "</Geometry>\n";
        for (const Dataset& d : columns)
            x << "    <Attribute Name=\"" << leaf(d.path) << "\" Center=\"Node\">" << slab(l, d, 0, first, n) << "</Attribute>\n";
        x << "   </Grid>\n";
    }
    x << "  </Grid>\n";
}

}  // namespace

std::string xdmf_path_for(const std::string& h5_path) {
    return std::filesystem::path(h5_path).replace_extension(".xmf").string();
}

std::string write_xdmf_sidecar(const std::string& h5_path, const std::string& root) {
    const std::string out = xdmf_path_for(h5_path);
    std::ostringstream x;
    x.precision(17);
    {
        h5::LibraryLock lock;
        h5::Handle file = h5::open_file_read_only(h5_path);
        const Layout l(file, std::filesystem::path(h5_path).filename().string(), root);
        x << "<?xml version=\"1.0\" ?>\n<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
          << "<!-- ParaView's XDMF reader opens this; the arrays are in " << l.name() << " beside it (docs/visualisation.md) -->\n"
          << "<Xdmf Version=\"2.0\">\n <Domain>\n";
        link_series(x, l);
        air_fields(x, l);
        buses(x, l);
        vehicles(x, l);
        x << " </Domain>\n</Xdmf>\n";
    }
    // Written beside and renamed, so ParaView never reads half a sidecar.
    const std::string part = out + ".part";
    {
        std::ofstream f(part, std::ios::binary | std::ios::trunc);
        f << x.str();
        if (!f.flush()) throw OutputError("cannot write the XDMF sidecar '" + part + "'");
    }
    std::error_code ec;
    std::filesystem::rename(part, out, ec);
    if (ec) throw OutputError("cannot rename '" + part + "' to '" + out + "': " + ec.message());
    return out;
}

}  // namespace citytwin::io
