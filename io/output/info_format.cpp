// format_info_text / format_info_json: the two renderings of a RunSummary that
// `citytwin info` prints.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string_view>

#include "io/output/json_text.hpp"
#include "io/output/kpi_tree.hpp"
#include "io/output/run_reader.hpp"

namespace citytwin::io {
namespace {

bool is_integral(double v) {
    // 2^53: beyond it not every integer is representable, so "integral" stops meaning much.
    return std::isfinite(v) && std::fabs(v) < 9007199254740992.0 && v == std::floor(v);
}

std::string integer_text(double v) { return std::to_string(static_cast<long long>(v)); }

// Shortest text that reads back to the same double.
std::string shortest_text(double v) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

std::string human_number(double v) {
    if (std::isnan(v)) return "n/a";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (is_integral(v)) return integer_text(v);
    char buffer[64];
    // Large rates read better without an exponent; otherwise 6 significant digits.
    std::snprintf(buffer, sizeof buffer, std::fabs(v) >= 1e5 ? "%.1f" : "%.6g", v);
    return buffer;
}

std::string seconds_text(double v) { return human_number(v) + " s"; }

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 if malformed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    std::size_t n = 0;
    std::uint32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2;
        code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        code = lead & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((n == 3 && code < 0x800) || (n == 4 && (code < 0x10000 || code > 0x10FFFF)) ||
        (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return n;
}

}  // namespace

// JSON string literal; control characters escaped, invalid UTF-8 replaced by U+FFFD so the
// output is always valid JSON whatever bytes a scenario name holds.
std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        char escaped[8];
                        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                        out += escaped;
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\\ufffd";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    out += '"';
    return out;
}

std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    return is_integral(v) ? integer_text(v) : shortest_text(v);
}

// How far an unfinished run got, and whether it is still being written or ended without /kpi.
std::string incomplete_status(const RunSummary& s) {
    const double reached = s.link_frames > 0 ? s.last_time_s : 0.0;
    std::string progress = seconds_text(reached) + " of " + seconds_text(s.meta.duration_s) + " simulated";
    if (s.meta.duration_s > 0) progress += " (" + human_number(std::floor(100.0 * reached / s.meta.duration_s)) + " %)";
    const std::string kpis = "; KPIs below are computed from the trips written";
    if (s.being_written) return "INCOMPLETE: running, being written now: " + progress + kpis;
    if (s.status == "stopped" || s.status == "interrupted")
        return "INCOMPLETE: " + s.status + " at " + seconds_text(s.stopped_at_s) +
               " (continue it with citytwin resume and its checkpoint)" + kpis;
    return "INCOMPLETE: the run did not finish (no /kpi; it ended, killed or failed, after " + progress + ")" + kpis;
}

std::string format_info_json(const RunSummary& s) {
    const std::string_view fixed_keys[] = {"file", "scenario", "backend", "device",
                                           "seed", "complete", "links",   "last_time_s",
                                           "status", "being_written", "duration_s"};
    std::string out = "{";
    // Appending piecewise (not "literal" + string) also sidesteps a GCC 12 -Wrestrict false
    // positive.
    auto add = [&](std::string_view key, const std::string& value) {
        if (out.size() > 1) out += ',';
        out += json_string(key);
        out += ':';
        out += value;
    };
    add("file", json_string(s.file));
    add("scenario", json_string(s.meta.scenario_name));
    add("backend", json_string(s.meta.backend));
    add("device", json_string(s.meta.device_name));
    add("seed", std::to_string(s.meta.seed));
    add("complete", s.complete ? "true" : "false");
    add("links", std::to_string(s.links));
    add("last_time_s", json_number(s.last_time_s));
    add("status", json_string(s.complete ? std::string("complete") : s.status));
    add("being_written", s.being_written ? "true" : "false");
    add("duration_s", json_number(s.meta.duration_s));
    for (const sim::Kpi& kpi : s.kpis) {
        if (std::find(std::begin(fixed_keys), std::end(fixed_keys), kpi.name) !=
            std::end(fixed_keys))
            continue;
        if (kpi.name.find(kKpiPathSeparator) != std::string::npos) continue;  // nested below
        add(kpi.name, json_number(kpi.value));
    }
    const std::string nested = nested_kpi_members(s.kpis);
    if (!nested.empty()) out += (out.size() > 1 ? "," : "") + nested;
    out += "}";
    return out;
}

std::string format_info_text(const RunSummary& s) {
    const sim::RunMetadata& m = s.meta;
    std::ostringstream out;
    auto row = [&](std::string_view label, const std::string& value) {
        out << "  " << label << std::string(12 - std::min<std::size_t>(label.size(), 11), ' ')
            << value << '\n';
    };
    out << "citytwin run " << s.file << '\n';
    row("scenario",
        m.scenario_name + (m.scenario_file.empty() ? "" : "  (" + m.scenario_file + ")"));
    for (std::size_t i = 0; i < m.overrides.size(); ++i)
        row(i == 0 ? "overrides" : "", m.overrides[i]);
    row("version", m.version.empty() ? "unknown" : m.version);
    std::string backend = m.backend;
    if (m.backend == "cpu" && m.threads > 0)
        backend += ", " + std::to_string(m.threads) + " threads";
    row("backend", backend);
    row("device", m.device_name);
    row("seed", std::to_string(m.seed));
    row("start", m.start);
    row("duration", seconds_text(m.duration_s) + " (step " + seconds_text(m.step_s) + ")");
    row("output", "links every " + seconds_text(m.output_every_s) + ", vehicles " +
                      (m.vehicles_every_s > 0 ? "every " + seconds_text(m.vehicles_every_s)
                                              : std::string("off")));
    row("created", m.created_utc);
    if (s.kind == "difference") {
        row("status", "a difference file of citytwin compare (variant - base); its KPIs are in the "
                      "comparison table, not here");
        for (std::size_t i = 0; i < s.base_files.size(); ++i) row(i == 0 ? "base" : "", s.base_files[i]);
        for (std::size_t i = 0; i < s.variant_files.size(); ++i) row(i == 0 ? "variant" : "", s.variant_files[i]);
    } else {
        row("status", s.complete ? std::string("complete") : incomplete_status(s));
    }
    row("network", std::to_string(s.nodes) + " nodes, " + std::to_string(s.links) + " links");
    row("written", std::to_string(s.link_frames) + " link frames (last at " +
                       (s.link_frames > 0 ? seconds_text(s.last_time_s) : std::string("-")) +
                       "), " + std::to_string(s.vehicle_frames) + " vehicle frames, " +
                       std::to_string(s.trips_rows) + " trip rows");
    if (s.feeders > 0)
        row("grid", std::to_string(s.feeders) + " feeders, " + std::to_string(s.buses) + " buses, " +
                        std::to_string(s.power_steps) + " power steps written");

    if (s.kpis.empty()) {
        out << "\nno KPIs\n";
        return out.str();
    }
    // Columns: name (left), value (right-aligned), units, long name.
    std::size_t name_w = 3, value_w = 5, units_w = 5;
    std::vector<std::string> values;
    for (const sim::Kpi& k : s.kpis) {
        values.push_back(human_number(k.value));
        name_w = std::max(name_w, k.name.size());
        value_w = std::max(value_w, values.back().size());
        units_w = std::max(units_w, k.units.size());
    }
    auto pad_right = [](const std::string& t, std::size_t w) {
        return t + std::string(w > t.size() ? w - t.size() : 0, ' ');
    };
    auto pad_left = [](const std::string& t, std::size_t w) {
        return std::string(w > t.size() ? w - t.size() : 0, ' ') + t;
    };
    out << "\n  " << pad_right("KPI", name_w) << "  " << pad_left("value", value_w) << "  "
        << pad_right("units", units_w) << "  description\n";
    for (std::size_t i = 0; i < s.kpis.size(); ++i) {
        const sim::Kpi& k = s.kpis[i];
        std::string line = "  " + pad_right(k.name, name_w) + "  " + pad_left(values[i], value_w) +
                           "  " + pad_right(k.units, units_w) + "  " + k.long_name;
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
    return out.str();
}

}  // namespace citytwin::io
