#include "sim/core/memory_estimate.hpp"

#include <algorithm>
#include <sstream>

#include "sim/air/air_setup.hpp"
#include "sim/core/scenario_error.hpp"
#include "sim/power/power_setup.hpp"
#include "sim/traffic/traffic_backend.hpp"
#include "sim/traffic/traffic_setup.hpp"

namespace citytwin::sim {
namespace {

std::string gib(std::size_t b) {
    std::ostringstream o;
    o.precision(3);
    o << static_cast<double>(b) / (1024.0 * 1024.0 * 1024.0) << " GiB";
    return o.str();
}

// Records in flight between the engine and the output writer: its queue and the one being
// written (io/output/run_writer.hpp, kQueueCapacity = 8).
constexpr std::size_t kFramesInFlight = 10;

}  // namespace

std::vector<MemoryPart> estimate_memory(const Scenario& sc, const TrafficSetup& t, const PowerSetup* power,
                                        const AirSetup* air) {
    std::vector<MemoryPart> parts;
    const std::size_t trips = t.trips.size();
    const std::size_t links = static_cast<std::size_t>(t.net.links());
    // estimate_traffic_bytes holds network, routing and vehicles together; the network and
    // routing parts are split out here so the error can name what drives the largest.
    const std::size_t traffic = estimate_traffic_bytes(t);
    const std::size_t dests = t.dest_links.size();
    const std::size_t routing = std::min(traffic, routing_bytes(t));
    const std::size_t network = std::min(traffic - routing, links * 64 + static_cast<std::size_t>(t.net.lanes()) * 80 +
                                                                static_cast<std::size_t>(t.net.connections()) * 48);
    parts.push_back({"the road network (" + std::to_string(links) + " links)", "network", sc.network.mark, network, true});
    parts.push_back({t.use_tables ? "next-hop routing tables (" + std::to_string(links) + " links x " + std::to_string(dests) +
                                        " destination links)"
                                  : "per-vehicle routes (" + std::to_string(trips) + " trips on " + std::to_string(links) + " links)",
                     "demand", sc.demand.mark, routing, true});
    parts.push_back({"the vehicles of " + std::to_string(trips) + " trips", "demand", sc.demand.mark,
                     traffic - routing - network, true});
    // Link frames on their way to the file, and vehicle frames: at most one vehicle per 7.5 m
    // of lane (a jam), and never more than the trips (so the demand drives their size).
    parts.push_back({"link frames being written", "network", sc.network.mark, kFramesInFlight * links * 5 * 4, false});
    if (sc.outputs.vehicles_every_s > 0.0) {
        double lane_m = 0.0;
        for (std::size_t l = 0; l < links; ++l) lane_m += t.net.link_length[l] * t.net.link_lanes[l];
        const std::size_t vehicles = std::min<std::size_t>(trips, static_cast<std::size_t>(lane_m / 7.5) + 1);
        parts.push_back({"vehicle frames being written (up to " + std::to_string(vehicles) + " vehicles each)",
                         "demand", sc.demand.mark, kFramesInFlight * vehicles * 20, false});
    }
    if (air)
        parts.push_back({"the air grid (" + std::to_string(air->grid.nx) + " x " + std::to_string(air->grid.ny) +
                             " cells, " + std::to_string(air->pollutants.size()) + " pollutants)",
                         "air.cell", sc.air->mark, estimate_air_bytes(*air), true});
    if (power) {
        std::size_t buses = 0, feeders = power->feeders.size();
        for (const Feeder& f : power->feeders) buses += static_cast<std::size_t>(f.buses());
        // Per bus: voltages, currents, loads of a batch and the load model; per trip at most
        // one charging session (bus, start, power, energy).
        parts.push_back({"the feeders (" + std::to_string(feeders) + " feeders, " + std::to_string(buses) +
                             " buses) and charging sessions",
                         "power.feeders", sc.power->mark, buses * 512 + trips * 48, true});
    }
    return parts;
}

void check_memory(const std::vector<MemoryPart>& parts, const DeviceChoice& device, std::size_t host_available) {
    const bool cuda = device.backend == "cuda";
    auto check = [&](bool device_side, std::size_t available, const std::string& where) {
        if (available == 0) return;
        std::size_t need = 0;
        const MemoryPart* largest = nullptr;
        std::string list;
        for (const MemoryPart& p : parts) {
            // On the cpu backend device and host are one memory.
            if (cuda && p.on_device != device_side) continue;
            need += p.bytes;
            if (!largest || p.bytes > largest->bytes) largest = &p;
            list += (list.empty() ? "" : "; ") + p.what + " " + gib(p.bytes);
        }
        if (!largest || need <= available / 10 * 9) return;
        throw ScenarioError(largest->mark, largest->key,
                            "the scenario needs about " + gib(need) + " of " + where + " memory (" + list + ") but " +
                                gib(available) + " are available; the largest part is " + largest->what +
                                ": reduce " + largest->key);
    };
    check(true, device.memory_available, device.backend + " device");
    if (cuda) check(false, host_available, "host");
}

}  // namespace citytwin::sim
