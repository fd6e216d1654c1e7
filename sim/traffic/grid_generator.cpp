// The generated grid: junctions n<row>_<col> spaced evenly, two-way links between neighbours,
// and at junctions with three or more approaches a fixed-time plan in two stages (north-south,
// then east-west), each a green followed by a yellow. Left turns are permissive ('g'): they
// yield to the opposing through traffic, as netconvert's default plans do. With arterials
// (every k-th row and column, their own lanes and speed) the plans stand only where two
// arterials cross; where a local street meets an arterial the junction is a priority one, and
// the arterial, with more lanes or a higher speed, ranks first (models.md §3.4).
#include <cmath>
#include <string>

#include "sim/traffic/road_network.hpp"

namespace citytwin::sim {

namespace {

std::string node_name(int r, int c) { return "n" + std::to_string(r) + "_" + std::to_string(c); }

}  // namespace

NetworkSpec expand_grid(const GridNetworkSpec& g) {
    NetworkSpec net;
    net.mark = g.mark;
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c)
            net.nodes.push_back(NodeSpec{node_name(r, c), c * g.spacing_m, r * g.spacing_m,
                                         JunctionControl::Auto, g.mark});
    const auto arterial = [&](int i) { return g.arterial_every > 0 && i % g.arterial_every == 0; };
    auto add_link = [&](int r0, int c0, int r1, int c1) {
        LinkSpec l;
        l.from = node_name(r0, c0);
        l.to = node_name(r1, c1);
        l.id = l.from + "-" + l.to;
        // A link along row r is on an arterial when row r is one; along column c, likewise.
        const bool major = r0 == r1 ? arterial(r0) : arterial(c0);
        l.lanes = major ? g.arterial_lanes : g.lanes;
        l.speed_mps = major ? g.arterial_speed_mps : g.speed_mps;
        l.length_m = g.spacing_m;
        l.mark = g.mark;
        net.links.push_back(l);
    };
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            if (c + 1 < g.cols) { add_link(r, c, r, c + 1); add_link(r, c + 1, r, c); }
            if (r + 1 < g.rows) { add_link(r, c, r + 1, c); add_link(r + 1, c, r, c); }
        }
    if (!g.signals) return net;

    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            struct Arm { int dr, dc; };
            const Arm arms[4] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            int approaches = 0;
            for (const Arm& a : arms) {
                int rr = r + a.dr, cc = c + a.dc;
                if (rr >= 0 && rr < g.rows && cc >= 0 && cc < g.cols) ++approaches;
            }
            if (approaches < 3) continue;
            if (g.arterial_every > 0 && !(arterial(r) && arterial(c))) continue;
            const std::string here = node_name(r, c);
            SignalPlanSpec plan;
            plan.node = here;
            plan.mark = g.mark;
            for (int stage = 0; stage < 2; ++stage) {  // 0: north-south (rows), 1: east-west
                SignalPhaseSpec green, yellow;
                green.duration_s = g.green_s;
                yellow.duration_s = g.yellow_s;
                green.mark = yellow.mark = g.mark;
                for (const Arm& in : arms) {
                    const bool vertical = in.dr != 0;
                    if (vertical != (stage == 0)) continue;
                    int fr = r + in.dr, fc = c + in.dc;
                    if (fr < 0 || fr >= g.rows || fc < 0 || fc >= g.cols) continue;
                    const std::string from_link = node_name(fr, fc) + "-" + here;
                    for (const Arm& out : arms) {
                        int tr = r + out.dr, tc = c + out.dc;
                        if (tr < 0 || tr >= g.rows || tc < 0 || tc >= g.cols) continue;
                        if (tr == fr && tc == fc) continue;  // no U-turns
                        MovementRef m{from_link, here + "-" + node_name(tr, tc), g.mark};
                        // Heading in = (-in.dr, -in.dc); a left turn is a counter-clockwise turn.
                        const int cross = (-in.dc) * out.dr - (-in.dr) * out.dc;
                        (cross > 0 ? green.minor : green.green).push_back(m);
                        yellow.yellow.push_back(m);
                    }
                }
                plan.phases.push_back(green);
                plan.phases.push_back(yellow);
            }
            net.signals.push_back(plan);
        }
    return net;
}

}  // namespace citytwin::sim
