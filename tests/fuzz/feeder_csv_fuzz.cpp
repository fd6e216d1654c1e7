// Feeder branch CSV reader: any text. Any exception other than ScenarioError is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/power/feeder_csv.hpp"
#include "sim/core/scenario_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        citytwin::io::parse_feeder_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv",
                                       "power.feeders.file");
    } catch (const citytwin::sim::ScenarioError&) {
    }
    return 0;
}
