#include "io/osm/signal_plans.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace citytwin::io::osm {

namespace {

constexpr double kPi = 3.14159265358979323846;

double wrap(double a) {  // to (-pi, pi]
    while (a <= -kPi) a += 2 * kPi;
    while (a > kPi) a -= 2 * kPi;
    return a;
}

// Angle between two axes (directions modulo 180°), 0 ... pi/2.
double axis_difference(double a, double b) {
    const double d = std::fmod(std::abs(a - b), kPi);
    return std::min(d, kPi - d);
}

}  // namespace

std::vector<sim::SignalPlanSpec> generate_signal_plans(const RoadGraph& g, SignalPlanCounts& counts,
                                                       const SignalTiming& timing) {
    std::vector<std::vector<int>> in(g.nodes.size()), out(g.nodes.size());
    for (std::size_t l = 0; l < g.links.size(); ++l) {
        in[static_cast<std::size_t>(g.links[l].to)].push_back(static_cast<int>(l));
        out[static_cast<std::size_t>(g.links[l].from)].push_back(static_cast<int>(l));
    }
    auto link = [&](int l) -> const GraphLink& { return g.links[static_cast<std::size_t>(l)]; };
    auto node = [&](int n) -> const GraphNode& { return g.nodes[static_cast<std::size_t>(n)]; };
    // Headings from the straight line between junctions, as the network builder computes them.
    auto heading = [&](int l) {
        const GraphNode &a = node(link(l).from), &b = node(link(l).to);
        return std::atan2(b.y - a.y, b.x - a.x);
    };

    std::vector<sim::SignalPlanSpec> plans;
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        if (!g.nodes[v].signal) continue;
        const auto& ins = in[v];
        const auto& outs = out[v];
        std::set<int> arms;
        for (const int l : ins) arms.insert(link(l).from);
        for (const int l : outs) arms.insert(link(l).to);
        if (arms.size() < 3 || ins.size() < 2) {
            ++counts.too_simple;
            continue;
        }
        int ref = ins.front();
        for (const int l : ins)
            if (std::pair(link(l).priority, link(l).lanes) > std::pair(link(ref).priority, link(ref).lanes)) ref = l;
        std::vector<std::vector<int>> stages(2);
        for (const int l : ins)
            stages[axis_difference(heading(l), heading(ref)) <= kPi / 4 ? 0 : 1].push_back(l);
        const bool by_axis = !stages[1].empty();
        if (!by_axis) {
            stages.clear();
            for (const int l : ins) stages.push_back({l});
        }

        sim::SignalPlanSpec plan;
        plan.node = g.nodes[v].id;
        for (const auto& stage : stages) {
            sim::SignalPhaseSpec green, yellow;
            green.duration_s = timing.green_s;
            yellow.duration_s = timing.yellow_s;
            for (const int i : stage)
                for (const int o : outs) {
                    // The builder makes no U-turn where another way out exists.
                    if (outs.size() > 1 && link(o).to == link(i).from) continue;
                    const sim::MovementRef m{link(i).id, link(o).id, {}};
                    const bool left = wrap(heading(o) - heading(i)) > kPi / 6 || link(o).to == link(i).from;
                    (by_axis && left ? green.minor : green.green).push_back(m);
                    yellow.yellow.push_back(m);
                }
            plan.phases.push_back(std::move(green));
            plan.phases.push_back(std::move(yellow));
        }
        plans.push_back(std::move(plan));
        ++counts.plans;
    }
    return plans;
}

}  // namespace citytwin::io::osm
