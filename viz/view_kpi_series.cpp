#include "viz/view_kpi_series.hpp"

#include <algorithm>
#include <cmath>

#include "io/output/h5_datasets.hpp"
#include "io/output/json_text.hpp"
#include "io/output/output_error.hpp"
#include "io/output/replay_file.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::viz {
namespace {

namespace h5 = io::h5;
namespace layout = io::layout;

struct Matrix {
    std::size_t rows = 0, columns = 0;
    std::vector<double> values;   // row-major
};

std::vector<double> column(hid_t file, const std::string& key) { return h5::read_all<double>(h5::open_dataset(file, key)); }

// A (time, ...) dataset whole, as (time, everything else).
Matrix matrix(hid_t file, const std::string& key) {
    h5::Handle ds = h5::open_dataset(file, key);
    const auto dims = h5::extent(ds);
    Matrix m;
    m.rows = dims.empty() ? 0 : dims[0];
    m.columns = 1;
    for (std::size_t i = 1; i < dims.size(); ++i) m.columns *= dims[i];
    m.values.resize(m.rows * m.columns);
    if (!m.values.empty())
        h5::check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.values.data()), "reading " + key);
    return m;
}

// Frames of the axis that every array has (a killed run's axis may run ahead of its rows).
void trim(KpiSeries& s) {
    const std::size_t n = std::min(s.times.size(), s.values.size());
    s.times.resize(n);
    s.values.resize(n);
}

void traffic_series(hid_t file, std::vector<KpiSeries>& out) {
    if (h5::path_exists(file, layout::kVehicleTime)) {
        KpiSeries s{"vehicles", "vehicles on the network", "veh", column(file, layout::kVehicleTime),
                    column(file, std::string(layout::kVehicles) + "/count")};
        trim(s);
        out.push_back(std::move(s));
    }
    const std::string speed = std::string(layout::kLinkSeries) + "/mean_speed", density = std::string(layout::kLinkSeries) + "/density";
    if (!h5::path_exists(file, layout::kTime) || !h5::path_exists(file, speed) || !h5::path_exists(file, density)) return;
    const auto times = column(file, layout::kTime);
    const auto length = column(file, std::string(layout::kLinks) + "/length");
    const Matrix v = matrix(file, speed), d = matrix(file, density);
    // Weighted by the vehicles on each link (density x length): the speed a vehicle sees.
    KpiSeries s{"mean_speed", "mean speed of the vehicles", "km/h", times, {}};
    for (std::size_t t = 0; t < std::min(v.rows, d.rows); ++t) {
        double sum = 0.0, weight = 0.0;
        for (std::size_t k = 0; k < std::min({v.columns, d.columns, length.size()}); ++k) {
            const double speed_k = v.values[t * v.columns + k], w = d.values[t * d.columns + k] * length[k] / 1000.0;
            if (std::isfinite(speed_k) && std::isfinite(w) && w > 0) {
                sum += speed_k * w;
                weight += w;
            }
        }
        s.values.push_back(weight > 0 ? sum / weight * 3.6 : NAN);
    }
    trim(s);
    out.push_back(std::move(s));
    const std::string arrival = std::string(layout::kTrips) + "/arrival";
    if (!h5::path_exists(file, arrival) || times.empty()) return;
    // Arrivals in each output interval (time[k-1], time[k]], per hour.
    KpiSeries a{"arrivals", "trips arrived", "trips/h", times, std::vector<double>(times.size(), 0.0)};
    const double every = times.size() > 1 ? times[1] - times[0] : times[0];
    for (const double t : column(file, arrival)) {
        if (t < 0) continue;   // not arrived
        const auto k = static_cast<std::ptrdiff_t>(std::ceil((t - times[0]) / every - 1e-9));
        if (k >= 0 && k < static_cast<std::ptrdiff_t>(times.size())) a.values[static_cast<std::size_t>(k)] += 1.0;
    }
    for (double& x : a.values) x *= 3600.0 / every;
    out.push_back(std::move(a));
}

void air_series(hid_t file, std::vector<KpiSeries>& out) {
    const std::string air_time = std::string(layout::kAir) + "/time";
    if (!h5::path_exists(file, air_time)) return;
    for (const char* p : {"NO2", "NOx", "PM2.5", "PM10"}) {
        const std::string key = std::string(layout::kAir) + "/concentration/" + p;
        if (!h5::path_exists(file, key)) continue;
        const Matrix m = matrix(file, key);
        KpiSeries s{std::string("air_mean:") + p, std::string("mean ") + p + " over the grid", "µg/m³", column(file, air_time), {}};
        for (std::size_t t = 0; t < m.rows; ++t) {
            double sum = 0.0;
            std::size_t n = 0;
            for (std::size_t c = 0; c < m.columns; ++c)
                if (std::isfinite(m.values[t * m.columns + c])) sum += m.values[t * m.columns + c], ++n;
            s.values.push_back(n ? sum / static_cast<double>(n) : NAN);
        }
        trim(s);
        out.push_back(std::move(s));
        return;   // one pollutant: the first the file has of these
    }
}

void power_series(hid_t file, std::vector<KpiSeries>& out) {
    const std::string v = std::string(layout::kPowerBuses) + "/v", head = std::string(layout::kPowerFeeders) + "/head_p";
    if (!h5::path_exists(file, layout::kPowerTime)) return;
    const auto times = column(file, layout::kPowerTime);
    const auto reduce = [&](const std::string& key, KpiSeries s, bool minimum) {
        if (!h5::path_exists(file, key)) return;
        const Matrix m = matrix(file, key);
        for (std::size_t t = 0; t < m.rows; ++t) {
            double r = minimum ? INFINITY : 0.0;
            for (std::size_t c = 0; c < m.columns; ++c) {
                const double x = m.values[t * m.columns + c];
                if (std::isfinite(x)) r = minimum ? std::min(r, x) : r + x;
            }
            s.values.push_back(std::isfinite(r) ? r : NAN);
        }
        s.times = times;
        trim(s);
        out.push_back(std::move(s));
    };
    reduce(v, {"v_min", "lowest bus voltage", "pu", {}, {}}, true);
    reduce(head, {"feeder_p", "power into the feeders", "kW", {}, {}}, false);
}

std::string numbers_json(const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + io::json_number(v[i]);
    return s + "]";
}

}  // namespace

std::vector<KpiSeries> kpi_series(const std::string& path) {
    std::vector<KpiSeries> out;
    h5::LibraryLock lock;
    try {
        h5::Handle file = h5::open_file_read_only(path);
        traffic_series(file, out);
        air_series(file, out);
        power_series(file, out);
    } catch (const io::OutputError& e) {
        throw io::ReplayError("run file '" + path + "': its time series (" + std::string(e.what()) + ")");
    }
    return out;
}

std::string kpi_series_json(const std::string& run, const std::string& base) {
    const auto series = kpi_series(run);
    const auto base_series = base.empty() ? std::vector<KpiSeries>{} : kpi_series(base);
    std::string s = "{\"series\":[";
    for (std::size_t i = 0; i < series.size(); ++i) {
        const KpiSeries& k = series[i];
        s += (i ? "," : "") + std::string("{\"name\":") + io::json_string(k.name) + ",\"label\":" + io::json_string(k.label) +
             ",\"units\":" + io::json_string(k.units) + ",\"times\":" + numbers_json(k.times) + ",\"values\":" + numbers_json(k.values);
        for (const KpiSeries& b : base_series)
            if (b.name == k.name) s += ",\"base_times\":" + numbers_json(b.times) + ",\"base_values\":" + numbers_json(b.values);
        s += "}";
    }
    return s + "]}";
}

}  // namespace citytwin::viz
