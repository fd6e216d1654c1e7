// traffic and outputs: run settings, each with a default so both sections may be left out.
#include "io/output/output_path.hpp"
#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/run_time.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {

namespace {

constexpr double kMaxStepS = 2.0;  // IDM with the ballistic update is not stable for longer steps
// SUMO's own smallest practical step; below it a run of the longest duration (31 d) would take
// hundreds of millions of steps per simulated day.
constexpr double kMinStepS = 0.01;

}  // namespace

sim::TrafficSettings read_traffic(const std::optional<Field>& field, const sim::SourceMark& absent) {
    sim::TrafficSettings t;
    t.mark = absent;
    if (!field || field->is_null()) return t;
    t.mark = field->mark();
    const MapReader m(*field, {"step", "model", "reroute_every", "routing", "gap_acceptance", "yield_lookahead",
                               "lane_change_patience", "turn_lateral_accel", "teleport_after", "junctions"});
    if (auto f = m.get("step")) {
        t.step_s = f->positive_quantity(Dimension::Time);
        if (t.step_s > kMaxStepS) f->fail("must be at most 2 s, got " + f->describe());
        f->require_at_least(t.step_s, kMinStepS, "0.01 s");
    }
    if (auto f = m.get("model")) {
        t.model = f->text();
        if (t.model != "idm" && t.model != "krauss")
            f->fail("unknown traffic model " + f->describe() + "; this version of citytwin has: idm, krauss");
    }
    if (auto f = m.get("reroute_every")) {
        t.reroute_every_s = f->non_negative_quantity(Dimension::Time, ranges::kDayS);
        if (t.reroute_every_s > 0.0 && t.reroute_every_s < t.step_s)
            f->fail("must be 0 (off) or at least the step (" + format_number(t.step_s) + " s), got " + f->describe());
    }
    if (auto f = m.get("routing")) {
        t.routing = f->text();
        if (t.routing != "auto" && t.routing != "tables" && t.routing != "routes")
            f->fail("unknown routing " + f->describe() + "; expected auto, tables or routes");
    }
    if (auto f = m.get("gap_acceptance"))
        t.gap_acceptance_s = f->positive_quantity(Dimension::Time, ranges::kGapAcceptanceMaxS);
    if (auto f = m.get("yield_lookahead"))
        t.yield_lookahead_m = f->positive_quantity(Dimension::Length, ranges::kYieldLookaheadMaxM);
    if (auto f = m.get("lane_change_patience"))
        t.lane_change_patience_s = f->positive_quantity(Dimension::Time, ranges::kPatienceMaxS);
    if (auto f = m.get("teleport_after")) t.teleport_after_s = f->non_negative_quantity(Dimension::Time, ranges::kDayS);
    if (auto f = m.get("turn_lateral_accel"))
        t.turn_lateral_accel_mps2 = f->positive_quantity(Dimension::Acceleration, ranges::kTurnAccelMaxMps2);
    if (auto f = m.get("junctions")) {
        t.junctions = f->text();
        if (t.junctions != "points" && t.junctions != "lanes")
            f->fail("unknown junction model " + f->describe() + "; expected points or lanes");
    }
    return t;
}

sim::OutputSettings read_outputs(const std::optional<Field>& field, const std::string& scenario_name,
                                 double step_s, double start_seconds_of_day, const sim::SourceMark& absent) {
    sim::OutputSettings o;
    o.mark = absent;
    // The name is free text; as a file name it must not lead out of out/ ("../x", "/tmp/x").
    o.file = "out/" + file_name_of(scenario_name) + ".h5";
    if (!field || field->is_null()) return o;
    o.mark = field->mark();
    const MapReader m(*field, {"file", "every", "vehicles_every", "checkpoint", "overwrite"});
    if (auto f = m.get("file")) {
        o.file = f->text();
        if (const auto problem = output_path_problem(o.file)) f->fail(*problem);
    }
    if (auto f = m.get("every")) {
        o.every_s = f->positive_quantity(Dimension::Time);
        if (o.every_s < step_s)
            f->fail("must be at least the traffic step (" + format_number(step_s) + " s), got " + f->describe());
    }
    if (auto f = m.get("vehicles_every")) {
        o.vehicles_every_s = f->non_negative_quantity(Dimension::Time);
        if (o.vehicles_every_s > 0.0 && o.vehicles_every_s < step_s)
            f->fail("must be 0 (off) or at least the traffic step (" + format_number(step_s) + " s), got " +
                    f->describe());
    }
    if (auto f = m.get("overwrite")) o.overwrite = f->boolean();
    if (auto c = m.get("checkpoint")) {
        const MapReader cm(*c, {"at", "every", "file"});
        if (auto f = cm.get("at")) {
            const std::vector<Field> items = f->is_scalar() ? std::vector<Field>{*f} : f->items();
            for (const Field& item : items) {
                try {
                    o.checkpoint_at_s.push_back(parse_run_time(item.text(), start_seconds_of_day));
                } catch (const QuantityError& e) {
                    item.fail(e.what());
                }
            }
        }
        if (auto f = cm.get("every")) {
            o.checkpoint_every_s = f->positive_quantity(Dimension::Time);
            if (o.checkpoint_every_s < step_s)
                f->fail("must be at least the traffic step (" + format_number(step_s) + " s), got " + f->describe());
        }
        if (auto f = cm.get("file")) {
            o.checkpoint_file = f->text();
            if (const auto problem = output_path_problem(o.checkpoint_file)) f->fail(*problem);
        }
    }
    return o;
}

}  // namespace citytwin::io
