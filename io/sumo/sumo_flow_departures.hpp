#pragma once
// When the vehicles of a SUMO <flow> depart, as SUMO spaces them: `period`, `vehsPerHour`,
// `number` over [begin, end), or a Bernoulli draw per step with `probability`.
#include <functional>
#include <string>
#include <vector>

#include "io/sumo/sumo_demand_reader.hpp"
#include "io/sumo/sumo_notes.hpp"
#include "io/sumo/xml_tree.hpp"

namespace citytwin::io {

// A flow's begin, end (SUMO time; < 0: none given) and number (< 0: none given), checked.
struct FlowTimes {
    double begin = 0.0, end = -1.0;
    long long number = -1;
};
FlowTimes flow_times(const XmlDocument& doc, const XmlElement& e, const SumoDemandOptions& opt);

// The departure times (SUMO time) before the simulated end; later ones are counted in `notes`,
// never made, so a flow to end="1e15" costs nothing. `check_vehicles` is called with the number
// of vehicles about to be made before any is (it throws when their routes would be too many).
// Throws ScenarioError at the flow's line.
std::vector<double> flow_departures(const XmlDocument& doc, const XmlElement& e, const std::string& id, const FlowTimes& times,
                                    const SumoDemandOptions& opt, SumoNotes& notes,
                                    const std::function<void(double)>& check_vehicles);

}  // namespace citytwin::io
