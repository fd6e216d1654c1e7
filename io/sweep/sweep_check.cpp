#include "io/sweep/sweep_check.hpp"

#include <unordered_map>

#include "io/output/output_path.hpp"
#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {

void check_members(const SweepFile& sweep, const std::vector<SweepMember>& members) {
    // Two members that run the same would write one output: a value listed twice.
    std::unordered_map<std::string, std::size_t> seen;
    for (const SweepMember& m : members)
        if (const auto [it, fresh] = seen.emplace(m.id, m.index); !fresh)
            throw sim::ScenarioError(sim::SourceMark{sweep.file, 0, 0}, "",
                                     "members " + std::to_string(it->second) + " and " + std::to_string(m.index) +
                                         " run the same scenario, values and seed (id " + m.id +
                                         "): a value, a variant or a seed is listed twice");
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
