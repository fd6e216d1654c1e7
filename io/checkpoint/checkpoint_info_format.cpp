#include "io/checkpoint/checkpoint_info_format.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "io/output/json_text.hpp"

namespace citytwin::io {
namespace {

std::string mib(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

// Bytes per domain (the first component of the array names).
std::map<std::string, std::uint64_t> by_domain(const CheckpointReader& ck) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [name, bytes] : ck.array_bytes()) out[name.substr(0, name.find('/'))] += bytes;
    return out;
}

}  // namespace

std::string format_checkpoint_text(const CheckpointReader& ck) {
    const CheckpointInfo& i = ck.info();
    std::ostringstream o;
    o << "citytwin checkpoint " << ck.path() << "\n";
    o << "  scenario    " << i.scenario_name << "  (" << i.scenario_file << ")\n";
    for (std::size_t k = 0; k < i.overrides.size(); ++k) o << (k ? "              " : "  overrides   ") << i.overrides[k] << "\n";
    o << "  time        " << i.time_s << " s since the start " << i.start << " (step " << i.step << " of " << i.total_steps
      << ", " << i.step_s << " s steps; " << i.duration_s - i.time_s << " s to go)\n";
    o << "  domains    ";
    for (const std::string& d : i.domains) o << " " << d;
    o << "\n  network     " << i.links << " links, " << i.lanes << " lanes (fingerprint " << i.network_hash << ")\n";
    o << "  trips       " << i.trips << " (fingerprint " << i.trips_hash << ")\n";
    o << "  written by  citytwin " << i.citytwin_version << " on " << i.backend << " (" << i.device << "), "
      << i.created_utc << "\n";
    o << "  output      " << i.output_file << " (run " << i.output_run_id << ", " << i.output_extents.size()
      << " growing datasets recorded)\n";
    o << "  size        " << mib(i.state_bytes) << " of state in " << ck.array_bytes().size() << " arrays, file "
      << mib(i.file_bytes) << "; checksum " << i.checksum << " verified\n";
    for (const auto& [domain, bytes] : by_domain(ck)) o << "              " << domain << ": " << mib(bytes) << "\n";
    o << "  inputs      " << (i.inputs.empty() ? "none besides the scenario" : "") << "\n";
    for (const InputFileHash& f : i.inputs) o << "              " << f.path << " (" << f.bytes << " bytes, " << f.hash << ")\n";
    o << "  continue    citytwin resume " << ck.path();
    return o.str();
}

std::string format_checkpoint_json(const CheckpointReader& ck) {
    const CheckpointInfo& i = ck.info();
    std::ostringstream o;
    o << "{\"kind\":\"checkpoint\",\"format_version\":" << i.format_version
      << ",\"citytwin_version\":" << json_string(i.citytwin_version) << ",\"created_utc\":" << json_string(i.created_utc)
      << ",\"scenario_name\":" << json_string(i.scenario_name) << ",\"scenario_file\":" << json_string(i.scenario_file)
      << ",\"overrides\":[";
    for (std::size_t k = 0; k < i.overrides.size(); ++k) o << (k ? "," : "") << json_string(i.overrides[k]);
    o << "],\"seed\":" << i.seed << ",\"start\":" << json_string(i.start) << ",\"time_s\":" << json_number(i.time_s)
      << ",\"step\":" << i.step << ",\"total_steps\":" << i.total_steps << ",\"step_s\":" << json_number(i.step_s)
      << ",\"duration_s\":" << json_number(i.duration_s) << ",\"domains\":[";
    for (std::size_t k = 0; k < i.domains.size(); ++k) o << (k ? "," : "") << json_string(i.domains[k]);
    o << "],\"backend\":" << json_string(i.backend) << ",\"device\":" << json_string(i.device) << ",\"threads\":" << i.threads
      << ",\"links\":" << i.links << ",\"lanes\":" << i.lanes << ",\"trips\":" << i.trips
      << ",\"network_hash\":" << json_string(i.network_hash) << ",\"trips_hash\":" << json_string(i.trips_hash)
      << ",\"output_file\":" << json_string(i.output_file) << ",\"output_run_id\":" << json_string(i.output_run_id)
      << ",\"state_bytes\":" << i.state_bytes << ",\"file_bytes\":" << i.file_bytes << ",\"arrays\":" << ck.array_bytes().size()
      << ",\"checksum\":" << json_string(i.checksum) << ",\"domain_bytes\":{";
    bool first = true;
    for (const auto& [domain, bytes] : by_domain(ck)) {
        o << (first ? "" : ",") << json_string(domain) << ":" << bytes;
        first = false;
    }
    o << "},\"inputs\":[";
    for (std::size_t k = 0; k < i.inputs.size(); ++k)
        o << (k ? "," : "") << "{\"path\":" << json_string(i.inputs[k].path) << ",\"bytes\":" << i.inputs[k].bytes
          << ",\"hash\":" << json_string(i.inputs[k].hash) << "}";
    o << "]}";
    return o.str();
}

}  // namespace citytwin::io
