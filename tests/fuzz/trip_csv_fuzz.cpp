// Trip CSV reader: any text, against a fixed set of link ids and vehicle types. Any exception
// other than ScenarioError is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "io/scenario/trip_csv.hpp"
#include "sim/core/scenario_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::unordered_set<std::string> links{"a", "b", "c", "n0_0-n0_1", "n0_1-n0_0", "n1_1-n1_2"};
    static const citytwin::io::TripCsvRules rules{.links = &links, .types = {"car", "bus"}, .duration_s = 3600.0};
    try {
        citytwin::io::parse_trip_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv", rules);
    } catch (const citytwin::sim::ScenarioError&) {
    }
    return 0;
}
