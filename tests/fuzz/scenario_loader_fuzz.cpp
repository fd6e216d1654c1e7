// Scenario loader with --set overrides. The input is a scenario's YAML; after a line
// "#--set" each further line is one --set argument, applied as `citytwin run --set` does.
// Relative trip and feeder files are read from tests/data/scenarios. Any exception other than
// the loader's ScenarioError is a finding (uncaught, so libFuzzer reports it).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/scenario/scenario_loader.hpp"
#include "sim/core/scenario_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view kMarker = "\n#--set\n";
    const std::size_t at = text.find(kMarker);
    const std::string yaml(text.substr(0, at));
    std::vector<std::string> overrides;
    if (at != std::string_view::npos) {
        std::string_view rest = text.substr(at + kMarker.size());
        while (!rest.empty()) {
            const std::size_t nl = rest.find('\n');
            overrides.emplace_back(rest.substr(0, nl));
            rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        }
    }
    try {
        citytwin::io::load_scenario_text(yaml, "fuzz.yaml", overrides, CITYTWIN_SCENARIO_DATA);
    } catch (const citytwin::sim::ScenarioError&) {
    }
    return 0;
}
