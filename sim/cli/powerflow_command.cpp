// `citytwin powerflow FEEDER.csv --base-kv KV [--slack-pu V] [--json]`: one snapshot solve of a
// feeder's branch table with its own loads.
#include <cstdio>
#include <iostream>
#include <string>

#include "io/output/json_text.hpp"
#include "io/power/feeder_csv.hpp"
#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/quantity.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/power/snapshot.hpp"

namespace citytwin::cli {

int powerflow_command(const PowerflowOptions& o) {
    return exit_status_of([&] {
        // The ranges of the scenario's feeders[].base and slack (docs/scenario-format.md §15): a
        // base of 1e-300 kV or inf kV solves to nonsense that may look converged.
        constexpr double min_kv = io::ranges::kBaseVoltageMinV / 1000.0, max_kv = io::ranges::kBaseVoltageMaxV / 1000.0;
        if (!(o.base_kv >= min_kv && o.base_kv <= max_kv))
            throw sim::ScenarioError(sim::SourceMark{"--base-kv", 0, 0}, "",
                                     "the base voltage must be between " + io::format_number(min_kv) + " and " +
                                         io::format_number(max_kv) + " kV (line to line), got " +
                                         io::format_number(o.base_kv));
        if (!(o.slack_pu >= 0.5 && o.slack_pu <= 1.5))
            throw sim::ScenarioError(sim::SourceMark{"--slack-pu", 0, 0}, "",
                                     "the slack voltage must be between 0.5 and 1.5 pu, got " + io::format_number(o.slack_pu));
        sim::FeederSpec spec;
        spec.id = o.feeder;
        spec.base_kv = o.base_kv;
        spec.slack_pu = o.slack_pu;
        spec.slack_bus = o.slack_bus;
        spec.branches_file = o.feeder;
        spec.mark = sim::SourceMark{o.feeder, 0, 0};
        spec.branches = io::read_feeder_csv(o.feeder, "");
        const sim::Feeder feeder = sim::build_feeder(spec);
        const sim::SnapshotResult r = sim::solve_snapshot(feeder);
        if (o.json) {
            std::cout << "{\"p_loss_kw\": " << io::json_number(r.p_loss_kw)
                      << ", \"q_loss_kvar\": " << io::json_number(r.q_loss_kvar)
                      << ", \"v_min_pu\": " << io::json_number(r.v_min_pu)
                      << ", \"v_min_bus\": " << io::json_string(r.v_min_bus)
                      << ", \"iterations\": " << r.iterations
                      << ", \"converged\": " << (r.converged ? "true" : "false") << "}\n";
        } else {
            std::printf("%s: %d buses, base %.6g kV, slack bus %s at %.6g pu\n", o.feeder.c_str(), feeder.buses(),
                        feeder.base_kv, feeder.bus_id[0].c_str(), feeder.slack_pu);
            std::printf("  load               %.3f kW, %.3f kvar\n", r.load_p_kw, r.load_q_kvar);
            std::printf("  real power loss    %.3f kW\n", r.p_loss_kw);
            std::printf("  reactive loss      %.3f kvar\n", r.q_loss_kvar);
            std::printf("  minimum voltage    %.5f pu at bus %s\n", r.v_min_pu, r.v_min_bus.c_str());
            std::printf("  iterations         %d\n", r.iterations);
        }
        if (!r.converged) {
            std::cerr << "citytwin: warning: " << o.feeder << ": the sweep did not converge ("
                      << (r.non_finite  ? "the losses or voltages are not finite numbers"
                          : r.collapsed ? "a bus voltage collapsed: the loads exceed what the feeder can carry"
                                        : "iteration cap reached")
                      << " after " << r.iterations << " iterations); the figures above are not a solution\n";
            return 1;
        }
        return 0;
    });
}

}  // namespace citytwin::cli
