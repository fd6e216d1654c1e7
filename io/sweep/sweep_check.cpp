#include "io/sweep/sweep_check.hpp"

#include "io/output/output_path.hpp"
#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {

void check_members(const SweepFile& sweep, const std::vector<SweepMember>& members) {
    for (const SweepMember& m : members) {
        const std::string who = "member " + std::to_string(m.index) + " (id " + m.id + ", variant " +
                                sweep.variants[m.variant].name + ")";
        try {
            (void)load_scenario(m.scenario, m.sets);
        } catch (const sim::ScenarioError& e) {
            throw sim::ScenarioError(sim::SourceMark{sweep.file, 0, 0}, "", who + ": " + e.what());
        }
        if (const auto problem = output_path_problem(m.output))
            throw sim::ScenarioError(sim::SourceMark{sweep.file, 0, 0}, "outputs.dir",
                                     who + ": its output " + m.output + " cannot be written: " + *problem);
    }
}

}  // namespace citytwin::io
