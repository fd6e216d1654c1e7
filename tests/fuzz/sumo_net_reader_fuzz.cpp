// SUMO .net.xml reader: the input is the network file (no additional files). Any exception
// other than ScenarioError is a finding.
#include <cstddef>
#include <cstdint>

#include "io/sumo/sumo_net_reader.hpp"
#include "sim/core/scenario_error.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = citytwin::fuzz::input_file(data, size, "fuzz.net.xml");
    try {
        citytwin::io::SumoNotes notes;
        citytwin::io::read_sumo_net(path, {}, notes);
    } catch (const citytwin::sim::ScenarioError&) {
    }
    return 0;
}
