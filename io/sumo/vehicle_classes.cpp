// SUMO's vehicle classes: which lanes they may use (allow/disallow) and their default type
// parameters ("Vehicle Type Parameter Defaults" in SUMO's documentation).
#include "io/sumo/vehicle_classes.hpp"

#include <unordered_map>

#include "io/sumo/xml_tree.hpp"

namespace citytwin::io {

std::uint8_t sumo_vclass_bit(const std::string& c) {
    static const std::unordered_map<std::string, std::uint8_t> k = {
        {"passenger", sim::kClassCar}, {"private", sim::kClassCar},   {"taxi", sim::kClassCar},
        {"evehicle", sim::kClassCar},  {"hov", sim::kClassCar},       {"vip", sim::kClassCar},
        {"emergency", sim::kClassCar}, {"authority", sim::kClassCar}, {"army", sim::kClassCar},
        {"custom1", sim::kClassCar},   {"custom2", sim::kClassCar},   {"ignoring", sim::kClassAllRoad},
        {"bus", sim::kClassBus},       {"coach", sim::kClassBus},     {"truck", sim::kClassTruck},
        {"trailer", sim::kClassTruck}, {"delivery", sim::kClassTruck}, {"motorcycle", sim::kClassMoto},
        {"moped", sim::kClassMoto},
    };
    const auto it = k.find(c);
    return it == k.end() ? 0 : it->second;
}

std::uint8_t sumo_lane_classes(const std::string* allow, const std::string* disallow) {
    if (allow) {
        if (*allow == "all") return sim::kClassAllRoad;
        std::uint8_t m = 0;
        for (const auto& c : split_list(*allow)) m |= (c == "ignoring" ? 0 : sumo_vclass_bit(c));
        return m;
    }
    std::uint8_t m = sim::kClassAllRoad;
    if (disallow) {
        if (*disallow == "all") return 0;
        // A group is closed only when every class in it is disallowed (SUMO's passenger lane
        // that disallows taxis still carries cars).
        std::unordered_map<std::uint8_t, int> left = {{sim::kClassCar, 11}, {sim::kClassBus, 2}, {sim::kClassTruck, 3},
                                                      {sim::kClassMoto, 2}};
        for (const auto& c : split_list(*disallow)) {
            const std::uint8_t b = c == "ignoring" ? 0 : sumo_vclass_bit(c);
            if (b && --left[b] == 0) m &= static_cast<std::uint8_t>(~b);
        }
    }
    return m;
}

sim::VehicleTypeSpec sumo_class_defaults(const std::string& vclass) {
    sim::VehicleTypeSpec t;  // passenger: length 5, minGap 2.5, accel 2.6, decel 4.5, 9, 55.56 m/s
    t.lane_class = sim::kClassCar;
    auto set = [&](double len, double accel, double decel, double emergency, double vmax_kmh) {
        t.length_m = len;
        t.accel_mps2 = accel;
        t.decel_mps2 = decel;
        t.emergency_decel_mps2 = emergency;
        t.max_speed_mps = vmax_kmh / 3.6;
    };
    if (vclass == "bus") set(12.0, 1.2, 4.0, 7.0, 100.0), t.lane_class = sim::kClassBus;
    else if (vclass == "coach") set(14.0, 2.0, 4.0, 7.0, 100.0), t.lane_class = sim::kClassBus;
    else if (vclass == "truck") set(7.1, 1.3, 4.0, 7.0, 130.0), t.lane_class = sim::kClassTruck;
    else if (vclass == "trailer") set(16.5, 1.1, 4.0, 7.0, 130.0), t.lane_class = sim::kClassTruck;
    else if (vclass == "delivery") set(6.5, 2.6, 4.5, 9.0, 200.0), t.lane_class = sim::kClassTruck;
    else if (vclass == "motorcycle") set(2.2, 6.0, 10.0, 10.0, 200.0), t.lane_class = sim::kClassMoto;
    else if (vclass == "moped") set(2.1, 1.1, 7.0, 10.0, 45.0), t.lane_class = sim::kClassMoto;
    else if (vclass == "ignoring") t.lane_class = sim::kClassAllRoad;
    return t;
}

}  // namespace citytwin::io
