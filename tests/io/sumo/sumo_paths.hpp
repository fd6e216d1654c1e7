#pragma once
// Where the SUMO test scenarios are: bologna-acosta is in the project (EPL-2.0); cologne8 is
// read from the shared reference data (non-commercial licence) and its tests skip without it.
#include <filesystem>
#include <string>
#include <vector>

namespace citytwin::test {

inline std::string bologna(const std::string& file) {
    return std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/sumo/bologna-acosta/" + file;
}
inline std::string cologne8(const std::string& file) { return std::string(CITYTWIN_SHARED_DATA) + "/sumo/cologne8/" + file; }
inline bool have_cologne8() { return std::filesystem::exists(cologne8("cologne8.net.xml")); }

inline std::vector<std::string> bologna_additional() {
    return {bologna("acosta_vtypes.add.xml"), bologna("acosta_detectors.add.xml"), bologna("acosta_bus_stops.add.xml"),
            bologna("acosta_tls.add.xml")};
}
inline std::vector<std::string> bologna_routes() { return {bologna("acosta.rou.xml"), bologna("acosta_busses.rou.xml")}; }

// A fresh scratch folder for one test.
inline std::string scratch_dir(const std::string& name) {
    const auto d = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "sumo" / name;
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d.string();
}

}  // namespace citytwin::test
