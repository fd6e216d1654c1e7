#pragma once
// The layers `citytwin render` draws and where each lives in a run file.
#include <optional>
#include <string>
#include <vector>

namespace citytwin::viz {

enum class LayerKind { Links, Air, Buses, Vehicles };

struct LayerSpec {
    std::string name;      // as given to --layer
    LayerKind kind = LayerKind::Links;
    std::string dataset;   // the values (for vehicles: the speeds)
    std::string time_axis;
    std::string label;     // for the title and legend
    std::string units;     // as the legend writes them
    double factor = 1.0;   // file units -> legend units
    bool categorical = false;   // values are indices (vehicle types): one colour each, no scale
};

// The layer named `name` (NOx, NO2, PM2.5, PM10, CO2: the air fields), or nullopt.
std::optional<LayerSpec> find_layer(const std::string& name);
// Every layer, in the order of layer_names().
std::vector<LayerSpec> all_layers();
// The vehicles layer coloured by type instead of speed (--vehicles-by type).
LayerSpec vehicles_by_type();
// "speed, density, flow, vehicles, NOx, ..." for messages.
std::string layer_names();

}  // namespace citytwin::viz
