#include "viz/layer_catalogue.hpp"

namespace citytwin::viz {
namespace {

const std::vector<LayerSpec>& catalogue() {
    static const std::vector<LayerSpec> layers = {
        {"speed", LayerKind::Links, "/traffic/links/mean_speed", "/traffic/time", "mean speed", "km/h", 3.6},
        {"density", LayerKind::Links, "/traffic/links/density", "/traffic/time", "density", "veh/km", 1.0},
        // entered per interval -> per hour: the factor is set from output_every_s when drawn
        {"flow", LayerKind::Links, "/traffic/links/entered", "/traffic/time", "flow", "veh/h", 1.0},
        {"vehicles", LayerKind::Vehicles, "/traffic/vehicles/speed", "/traffic/vehicles/time", "vehicle speed", "km/h", 3.6},
        {"NOx", LayerKind::Air, "/air/concentration/NOx", "/air/time", "NOx", "µg/m³", 1.0},
        {"NO2", LayerKind::Air, "/air/concentration/NO2", "/air/time", "NO2", "µg/m³", 1.0},
        {"PM2.5", LayerKind::Air, "/air/concentration/PM2.5", "/air/time", "PM2.5", "µg/m³", 1.0},
        {"PM10", LayerKind::Air, "/air/concentration/PM10", "/air/time", "PM10", "µg/m³", 1.0},
        {"CO2", LayerKind::Air, "/air/concentration/CO2", "/air/time", "CO2", "mg/m³", 1.0},
        {"voltage", LayerKind::Buses, "/power/buses/v", "/power/time", "bus voltage", "pu", 1.0},
        {"load", LayerKind::Buses, "/power/buses/p", "/power/time", "bus load", "kW", 1.0},
        {"ev", LayerKind::Buses, "/power/buses/p_ev", "/power/time", "EV charging", "kW", 1.0},
    };
    return layers;
}

}  // namespace

std::optional<LayerSpec> find_layer(const std::string& name) {
    for (const LayerSpec& l : catalogue())
        if (l.name == name) return l;
    return std::nullopt;
}

std::vector<LayerSpec> all_layers() { return catalogue(); }

LayerSpec vehicles_by_type() {
    return {"vehicles", LayerKind::Vehicles, "/traffic/vehicles/type", "/traffic/vehicles/time", "vehicle type", "", 1.0, true};
}

std::string layer_names() {
    std::string s;
    for (const LayerSpec& l : catalogue()) s += (s.empty() ? "" : ", ") + l.name;
    return s;
}

}  // namespace citytwin::viz
