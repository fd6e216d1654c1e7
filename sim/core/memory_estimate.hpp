#pragma once
// What a run's state will take, domain by domain, checked against the device's memory (and,
// for a CUDA run, its host side against the host's) before any state is built: a scenario
// that cannot fit is an error naming the key that drives the largest part, not a
// std::bad_alloc hours in.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/core/device_select.hpp"
#include "sim/core/scenario.hpp"

namespace citytwin::sim {

struct TrafficSetup;
struct PowerSetup;
struct AirSetup;

struct MemoryPart {
    std::string what;     // "traffic state of 25000 trips"
    std::string key;      // the scenario key that drives it: "demand", "network", "air.cell", ...
    SourceMark mark;      // where that key is
    std::size_t bytes = 0;
    bool on_device = true;  // false: host memory only (output frames being written)
};

// Every domain the scenario runs: network, routing tables, trips, vehicle frames, air grid,
// feeders. `power` and `air` are null when the scenario has no such section.
std::vector<MemoryPart> estimate_memory(const Scenario& sc, const TrafficSetup& traffic, const PowerSetup* power,
                                        const AirSetup* air);

// Throws ScenarioError at the largest part's key when the parts on the device exceed 90 % of
// `device.memory_available`, or (cuda) the host parts exceed 90 % of `host_available`.
void check_memory(const std::vector<MemoryPart>& parts, const DeviceChoice& device, std::size_t host_available);

}  // namespace citytwin::sim
