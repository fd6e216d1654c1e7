// SUMO route reader: the input is a route file, read against the bologna-acosta network and
// its additional files (tests/data/sumo), loaded once. Any exception other than ScenarioError is
// a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/sumo/sumo_demand_reader.hpp"
#include "io/sumo/sumo_net_reader.hpp"
#include "sim/core/scenario_error.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

const std::string kBologna = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/sumo/bologna-acosta/";

// As tests/io/sumo/sumo_paths.hpp's bologna_additional().
const std::vector<std::string> kAdditional{kBologna + "acosta_vtypes.add.xml", kBologna + "acosta_detectors.add.xml",
                                           kBologna + "acosta_bus_stops.add.xml", kBologna + "acosta_tls.add.xml"};

const citytwin::sim::LaneNetworkSpec& bologna_net() {
    static const citytwin::sim::LaneNetworkSpec net = [] {
        citytwin::io::SumoNotes notes;
        return citytwin::io::read_sumo_net(kBologna + "acosta_buslanes.net.xml", kAdditional, notes);
    }();
    return net;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const citytwin::sim::LaneNetworkSpec& net = bologna_net();
    const std::string path = citytwin::fuzz::input_file(data, size, "fuzz.rou.xml");
    try {
        citytwin::io::SumoNotes notes;
        citytwin::io::SumoDemandOptions options;
        options.end_s = 3600.0;
        citytwin::io::read_sumo_demand({path}, kAdditional, net, options, notes);
    } catch (const citytwin::sim::ScenarioError&) {
    }
    return 0;
}
