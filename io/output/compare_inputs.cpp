#include "io/output/compare_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

#include "io/output/compare_error.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_layout.hpp"
#include "io/scenario/start_time.hpp"

namespace citytwin::io {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::vector<double> doubles_if_present(hid_t file, const std::string& path) {
    if (!h5::path_exists(file, path)) return {};
    return h5::read_all<double>(h5::open_dataset(file, path));
}

std::vector<std::string> strings_if_present(hid_t file, const std::string& path) {
    if (!h5::path_exists(file, path)) return {};
    return h5::read_strings(h5::open_dataset(file, path));
}

void read_layout(hid_t file, CompareInput& in) {
    in.link_ids = strings_if_present(file, "/network/links/id");
    in.link_times = doubles_if_present(file, layout::kTime);
    if (h5::path_exists(file, layout::kAir)) {
        h5::Handle air = h5::group(H5Gopen2(file, layout::kAir, H5P_DEFAULT), "opening '/air'");
        in.air_cell = h5::read_double_attribute(air, "cell_size");
        in.air_x0 = h5::read_double_attribute(air, "x0");
        in.air_y0 = h5::read_double_attribute(air, "y0");
        in.air_nx = static_cast<std::int64_t>(h5::length(h5::open_dataset(file, "/air/x")));
        in.air_ny = static_cast<std::int64_t>(h5::length(h5::open_dataset(file, "/air/y")));
        in.air_times = doubles_if_present(file, "/air/time");
        if (h5::path_exists(file, "/air/concentration")) {
            h5::Handle c = h5::group(H5Gopen2(file, "/air/concentration", H5P_DEFAULT), "opening '/air/concentration'");
            in.air_fields = h5::list_datasets(c);
        }
    }
    const auto bus_ids = strings_if_present(file, "/grid/buses/id");
    if (!bus_ids.empty()) {
        const auto feeders = strings_if_present(file, "/grid/feeders/id");
        const auto feeder_of = h5::read_all<std::int32_t>(h5::open_dataset(file, "/grid/buses/feeder"));
        for (std::size_t b = 0; b < bus_ids.size(); ++b) {
            const auto f = static_cast<std::size_t>(feeder_of.at(b));
            in.bus_keys.push_back((f < feeders.size() ? feeders[f] : std::to_string(f)) + "/" + bus_ids[b]);
        }
        in.power_times = doubles_if_present(file, layout::kPowerTime);
    }
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}
std::string seconds(double s) { return number(s) + " s"; }

// Frames at a clock time every file has (millisecond resolution), for one time axis.
template <class Times>
FrameMatch match_frames(const std::vector<CompareInput>& base, const std::vector<CompareInput>& variant,
                        Times times, bool& dropped) {
    const double origin = base.front().start_known ? base.front().start_epoch_s : 0.0;
    auto key = [](const CompareInput& in, double t) {
        return std::llround(((in.start_known ? in.start_epoch_s : 0.0) + t) * 1000.0);
    };
    std::vector<std::map<long long, std::uint64_t>> rows;
    for (const auto* side : {&base, &variant})
        for (const CompareInput& in : *side) {
            std::map<long long, std::uint64_t> r;
            const std::vector<double>& t = times(in);
            for (std::size_t k = 0; k < t.size(); ++k) r.emplace(key(in, t[k]), k);
            rows.push_back(std::move(r));
        }
    FrameMatch m;
    m.base_rows.resize(base.size());
    m.variant_rows.resize(variant.size());
    dropped = false;
    for (const auto& [k, row] : rows.front()) {
        bool everywhere = true;
        for (const auto& r : rows) everywhere = everywhere && r.count(k) > 0;
        if (!everywhere) continue;
        m.time_s.push_back(static_cast<double>(k) / 1000.0 - origin);
        for (std::size_t f = 0; f < rows.size(); ++f) {
            auto& out = f < base.size() ? m.base_rows[f] : m.variant_rows[f - base.size()];
            out.push_back(rows[f].at(k));
        }
    }
    for (const auto& r : rows) dropped = dropped || r.size() != m.time_s.size();
    return m;
}

template <class Field>
void require_shared(const std::vector<CompareInput>& side, const char* which, const char* what, Field field) {
    for (const CompareInput& in : side)
        if (field(in) != field(side.front()))
            throw CompareError("the " + std::string(which) + " runs '" + side.front().summary.file + "' and '" +
                               in.summary.file + "' have different " + what +
                               ": replications of one side must share it");
}

// Per base entry the variant index of the same id (or -1); ids only on one side listed.
std::vector<std::int64_t> match_ids(const std::vector<std::string>& base, const std::vector<std::string>& variant,
                                    std::vector<std::string>& base_only, std::vector<std::string>& variant_only) {
    std::map<std::string, std::int64_t> index;
    for (std::size_t i = 0; i < variant.size(); ++i) index.emplace(variant[i], static_cast<std::int64_t>(i));
    std::vector<std::int64_t> out;
    std::set<std::string> matched;
    for (const std::string& id : base) {
        const auto it = index.find(id);
        out.push_back(it == index.end() ? -1 : it->second);
        if (it == index.end()) base_only.push_back(id); else matched.insert(id);
    }
    for (const std::string& id : variant)
        if (matched.count(id) == 0) variant_only.push_back(id);
    return out;
}

std::string period_text(const CompareInput& in) {
    return "'" + in.summary.file + "' " + in.summary.meta.start + " + " + seconds(in.summary.meta.duration_s);
}

}  // namespace

CompareInput read_compare_input(const std::string& path) {
    CompareInput in;
    try {
        {
            h5::LibraryLock lock;
            if (H5Fis_hdf5(path.c_str()) > 0) {
                h5::Handle file = h5::open_file_read_only(path);
                if (h5::has_attribute(file, "kind"))
                    throw CompareError("'" + path + "' is a " + h5::read_string_attribute(file, "kind") +
                                       " file written by citytwin compare, not a run: compare runs");
            }
            H5Eclear2(H5E_DEFAULT);
        }
        in.summary = read_run_summary(path);
        if (!in.summary.complete)
            throw CompareError("'" + path +
                               "' is not a finished run (no /kpi: it was stopped, killed or is still running); "
                               "compare needs runs that ran to their end");
        h5::LibraryLock lock;
        h5::Handle file = h5::open_file_read_only(path);
        read_layout(file, in);
    } catch (const CompareError&) {
        throw;
    } catch (const std::exception& e) {
        const std::string what = e.what();
        throw CompareError(what.find(path) != std::string::npos ? what : "run file '" + path + "': " + what);
    }
    const StartTimeResult start = parse_start_time(in.summary.meta.start);
    if (start.time) {
        in.start_known = true;
        in.start_epoch_s = static_cast<double>(days_from_civil(start.time->year, static_cast<unsigned>(start.time->month),
                                                               static_cast<unsigned>(start.time->day))) *
                               86400.0 +
                           start.time->seconds_of_day;
    }
    return in;
}

Alignment align_runs(const std::vector<CompareInput>& base, const std::vector<CompareInput>& variant,
                     std::vector<std::string>& warnings) {
    if (base.empty() || variant.empty()) throw CompareError("compare needs at least one base and one variant run");
    Alignment a;
    for (const auto& [side, which] : {std::pair{&base, "base"}, std::pair{&variant, "variant"}}) {
        require_shared(*side, which, "networks (link ids)", [](const CompareInput& in) { return in.link_ids; });
        require_shared(*side, which, "air grids", [](const CompareInput& in) {
            return std::vector<double>{double(in.air_nx), double(in.air_ny), in.air_x0, in.air_y0, in.air_cell};
        });
        require_shared(*side, which, "buses", [](const CompareInput& in) { return in.bus_keys; });
    }
    const CompareInput& b = base.front();
    const CompareInput& v = variant.front();

    // --- links, matched by id -------------------------------------------------------------------
    a.variant_link = match_ids(b.link_ids, v.link_ids, a.base_only_links, a.variant_only_links);
    if (!b.link_ids.empty() && a.base_only_links.size() == b.link_ids.size())
        throw CompareError("the runs are of different networks: no link id of '" + b.summary.file + "' (" +
                           std::to_string(b.link_ids.size()) + " links) is in '" + v.summary.file + "' (" +
                           std::to_string(v.link_ids.size()) + " links); compare needs links that match by id");
    if (!a.base_only_links.empty())
        warnings.push_back(std::to_string(a.base_only_links.size()) +
                           " links are only in the base network (their differences are NaN): " + join(a.base_only_links));
    if (!a.variant_only_links.empty())
        warnings.push_back(std::to_string(a.variant_only_links.size()) +
                           " links are only in the variant network (not compared): " + join(a.variant_only_links));

    // --- periods -----------------------------------------------------------------------------------
    bool same_period = true;
    for (const auto* side : {&base, &variant})
        for (const CompareInput& in : *side)
            same_period = same_period && in.summary.meta.start == b.summary.meta.start &&
                          in.summary.meta.duration_s == b.summary.meta.duration_s;
    bool dropped = false;
    a.link_frames = match_frames(base, variant, [](const CompareInput& in) -> const std::vector<double>& {
        return in.link_times;
    }, dropped);
    if (a.link_frames.time_s.empty() && !b.link_times.empty() && !v.link_times.empty())
        throw CompareError("the runs have no output time in common (" + period_text(b) + ", " + period_text(v) +
                           "): there is no common period to compare over");
    if (!same_period || dropped) {
        std::string text = same_period ? "the runs write their link frames at different times"
                                       : "the runs cover different periods (" + period_text(b) + ", " + period_text(v) + ")";
        text += ": the fields are compared over the " + std::to_string(a.link_frames.time_s.size()) + " link frames in common";
        if (!a.link_frames.time_s.empty())
            text += " (" + seconds(a.link_frames.time_s.front()) + " to " + seconds(a.link_frames.time_s.back()) +
                    " after the base start)";
        if (!same_period) text += "; each KPI covers its own run's period";
        warnings.push_back(text);
    }

    // --- air, on one grid ----------------------------------------------------------------------------
    const bool base_air = b.air_nx > 0, variant_air = v.air_nx > 0;
    if (base_air != variant_air) {
        warnings.push_back(std::string("only the ") + (base_air ? "base" : "variant") +
                           " runs have an air model: no air differences");
    } else if (base_air) {
        if (b.air_nx != v.air_nx || b.air_ny != v.air_ny || b.air_x0 != v.air_x0 || b.air_y0 != v.air_y0 ||
            b.air_cell != v.air_cell) {
            warnings.push_back("the air grids differ (" + std::to_string(b.air_nx) + " x " + std::to_string(b.air_ny) +
                               " cells of " + number(b.air_cell) + " m against " +
                               std::to_string(v.air_nx) + " x " + std::to_string(v.air_ny) + " of " +
                               number(v.air_cell) + " m): no air differences");
        } else {
            a.air = true;
            std::set_intersection(b.air_fields.begin(), b.air_fields.end(), v.air_fields.begin(), v.air_fields.end(),
                                  std::back_inserter(a.air_fields));
            std::vector<std::string> one_side;
            std::set_symmetric_difference(b.air_fields.begin(), b.air_fields.end(), v.air_fields.begin(),
                                          v.air_fields.end(), std::back_inserter(one_side));
            if (!one_side.empty())
                warnings.push_back("pollutants carried by one side only, not compared: " + join(one_side));
            a.air_frames = match_frames(base, variant, [](const CompareInput& in) -> const std::vector<double>& {
                return in.air_times;
            }, dropped);
            if (a.air_frames.time_s.empty() && !b.air_times.empty() && !v.air_times.empty())
                warnings.push_back("the runs have no air frame at a common time: the air differences are empty");
        }
    }

    // --- power, buses matched by feeder and id ---------------------------------------------------------
    const bool base_grid = !b.bus_keys.empty(), variant_grid = !v.bus_keys.empty();
    if (base_grid != variant_grid) {
        warnings.push_back(std::string("only the ") + (base_grid ? "base" : "variant") +
                           " runs have an electricity grid: no bus differences");
    } else if (base_grid) {
        a.variant_bus = match_ids(b.bus_keys, v.bus_keys, a.base_only_buses, a.variant_only_buses);
        a.power = a.base_only_buses.size() < b.bus_keys.size();
        if (!a.power)
            warnings.push_back("no bus of the base grid is in the variant grid: no bus differences");
        else {
            if (!a.base_only_buses.empty())
                warnings.push_back(std::to_string(a.base_only_buses.size()) +
                                   " buses are only in the base grid (their differences are NaN): " + join(a.base_only_buses));
            if (!a.variant_only_buses.empty())
                warnings.push_back(std::to_string(a.variant_only_buses.size()) +
                                   " buses are only in the variant grid (not compared): " + join(a.variant_only_buses));
        }
        a.power_frames = match_frames(base, variant, [](const CompareInput& in) -> const std::vector<double>& {
            return in.power_times;
        }, dropped);
        if (a.power && a.power_frames.time_s.empty() && !b.power_times.empty() && !v.power_times.empty())
            warnings.push_back("the runs have no power step at a common time: the bus differences are empty");
    }
    return a;
}

}  // namespace citytwin::io
