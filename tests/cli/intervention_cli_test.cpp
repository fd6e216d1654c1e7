// Interventions from the command line: each validation error located and named; a closure of a
// link nobody uses changes nothing but /interventions; an intervention at t in a full run
// equals a fork at t with the same intervention, bit for bit.
#include <gtest/gtest.h>

#include <hdf5.h>

#include <string>
#include <vector>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "tests/cli/cli_process.hpp"
#include "tests/cli/demo_runs.hpp"

namespace {

using citytwin::testing::Result;
using citytwin::testing::run;
namespace io = citytwin::io;
using citytwin::testing::demo_morning;
using citytwin::testing::differences;


std::string scratch(const std::string& name) { return citytwin::testing::scratch("interventions", name); }
std::string source(const std::string& path) { return std::string(CITYTWIN_SOURCE_DIR) + "/" + path; }



TEST(InterventionCli, EveryBadInterventionIsALocatedError) {
    const std::string small = source("tests/data/cli/small.yaml");
    const struct {
        const char* set;
        const char* expected;
    } rows[] = {
        {"[{id: a, at: 2 min, close: {links: [nope]}}]", "interventions[a].close.links: no link with id 'nope'"},
        {"[{id: a, at: 20 min, close: {links: [n0_0-n0_1]}}]", "interventions[0].at: is not before the end of the run"},
        {"[{id: a, at: 5 min, until: 4 min, close: {links: [n0_0-n0_1]}}]", "interventions[0].until: must be after 'at'"},
        {"[{id: a, at: 1 min, until: 6 min, close: {links: [n0_0-n0_1]}}, {id: b, at: 5 min, close: {links: [n0_0-n0_1]}}]",
         "intervention 'b' changes link n0_0-n0_1 while 'a'"},
        {"[{id: a, at: 1 min}]", "expected one action"},
        {"[{id: a, at: 1 min, close: {links: [n0_0-n0_1]}, weather: {temperature: 30}}]", "give one action per intervention"},
        {"[{id: a, at: 1 min, stack: {id: chimney, scale: 2}}]", "no stack 'chimney' in air.stacks"},
        {"[{id: a, at: 1 min, fleet: {type: bus, share: 0.5}}]", "no vehicle type 'bus' in vehicle_types"},
        {"[{id: a, at: 1 min, fleet: {type: car, share: 1.5}}]", "expected a share between 0 and 1"},
        {"[{id: a, at: 1 min, charging: {max_power: 3 kW}}]", "managed charging needs a power section"},
        {"[{id: a, at: 1 min, speed_limit: {links: [n0_0-n0_1], speed: fast}}]", "interventions[0].speed_limit.speed"},
        {"[{id: a, at: 1 min, ban: {links: [n0_0-n0_1]}}]", "interventions[0].ban: expected the vehicles banned"},
        {"[{id: a, at: 1 min, ban: {links: [nope], types: [car]}}]", "interventions[a].ban.links: no link with id 'nope'"},
        {"[{id: a, at: 1 min, ban: {links: [n0_0-n0_1], types: [car], replace_with: car}}]", "type 'car' is itself banned"},
        {"[{id: a, at: 1 min, ban: {area: {polygon: [[0, 0], [1, 0]]}, types: [car]}}]", "a polygon needs at least three corners"},
        {"[{id: a, at: 1 min, ban: {area: {polygon: [[-9, -9], [-8, -9], [-8, -8]]}, types: [car]}}]",
         "interventions[a].ban.area: no link has its midpoint inside the polygon"},
        {"[{id: a, at: 1 min, ban: {links: [n0_0-n0_1], classes: [PC_D_EU2]}}]", "no vehicle type has emission class 'PC_D_EU2'"},
        {"[{id: a, at: 1 min, until: 9 min, ban: {links: [n0_0-n0_1], types: [car]}}, "
         "{id: b, at: 5 min, priority: 2, ban: {links: [n1_1-n1_2], types: [car]}}]",
         "intervention 'b' changes the ban of type car while 'a'"},
        {"[{id: a, at: 1 min, until: 6 min, priority: 1, close: {links: [n0_0-n0_1]}}, {id: b, at: 5 min, priority: 1, close: {links: [n0_0-n0_1]}}]",
         "or different priorities"},
        {"[{id: a, at: 1 min, close: {lanes: [n0_0-n0_1_7]}}]", "interventions[a].close.lanes: no lane with id 'n0_0-n0_1_7'"},
        {"[{id: a, at: 1 min, close: {links: [n0_0-n0_1], on_closed_end: drop}}]", "expected wait"},
        {"[{id: a, at: 1 min, lanes: {links: [n0_0-n0_1], lanes: 3}}]", "an intervention can close lanes (keep fewer), not build new ones"},
        {"[{id: a, at: 1 min, lanes: {links: [n0_0-n0_1], lanes: 0}}]", "interventions[0].lanes.lanes"},
        {"[{id: a, at: 1 min, speed_limit: {area: {polygon: [[0, 0], [10, 0], [10, 10]]}, links: [n0_0-n0_1], speed: 30 km/h}}]",
         "give links or an area, not both"},
        {"[{id: a, at: 1 min, demand: {scale: 2, from: 5 min, to: 4 min}}]", "interventions[0].demand.to: must be after the window's start"},
        {"[{id: a, at: 1 min, battery: {bus: b1, kwh: 100, kw: 50, threshold: 1 MW}}]", "a battery needs a power section"},
        {"[{id: a, at: 1 min, feeder: {branch: 1-2, r_ohm: 0.1, x_ohm: 0.1}}]", "a feeder upgrade needs a power section"},
        {"[{id: a, at: 1 min, signal: {node: n1_1, phases: [{duration: 30 s, green: [n0_1-n1_1]}]}}]",
         "interventions[0].signal.phases[0].green[0]: expected a movement 'in_link>out_link'"},
        {"[{id: a, at: 1 min, signal: {node: n1_1, phases: [{duration: 30 s, green: [n0_0-n0_1>n0_1-n0_2]}]}}]",
         "node 'n1_1' has no signalled movement 'n0_0-n0_1>n0_1-n0_2'"},
        {"[{id: a, at: 1 min, signal: {node: n1_1, phases: [{duration: 30 s, state: GGrr}]}}]", "the state string has 4 characters"},
        {"[{id: a, at: 1 min, signal: {node: n1_1, phases: [{duration: 30 s, state: GGXr}]}}]", "expected SUMO signal states"},
        {"[{id: a, at: 1 min, signal: {node: n9_9, offset: 5 s}}]", "interventions[a].signal.node: no node with id 'n9_9'"},
        {"[{id: a, at: 1 min, pv: {buses: [b1], kwp: 100 kW}}]", "PV needs a power section"},
        {"[{id: a, at: 1 min, signal: {node: n1_1}}]", "expected phases, offset, scale_green"},
        {"[{id: a, at: 1 min, signal: {node: n1_1, scale_green: 50}}]", "expected a factor between 0.1 and 10"},
        {"[{id: a, at: 1 min, signal: {node: n1_1, phases: []}}]", "a signal plan needs at least one phase"},
        {"[{id: a, at: soon, close: {links: [n0_0-n0_1]}}]", "expected a clock time HH:MM[:SS] or a duration"},
        {"[{id: a, at: 1 min, close: {links: [n0_0-n0_1]}}, {id: a, at: 5 min, demand: {scale: 2}}]",
         "a second intervention with id 'a'"},
    };
    for (const auto& r : rows) {
        const Result v = run("validate " + small + " --set 'interventions=" + r.set + "'");
        EXPECT_EQ(v.status, 2) << r.set << "\n" << v.output;
        EXPECT_NE(v.output.find(r.expected), std::string::npos) << r.set << "\n" << v.output;
    }
    const Result ok = run("validate " + small +
                          " --set 'interventions=[{id: a, at: \"07:35\", until: 8 min, close: {links: [n1_1-n1_2]}}]'");
    EXPECT_EQ(ok.status, 0) << ok.output;
}

// Rows of traffic/links/entered: all equal up to `t`, some different after.
void expect_same_until_then_different(const std::string& a, const std::string& b, double t) {
    io::h5::LibraryLock lock;
    io::h5::Handle fa = io::h5::open_file_read_only(a), fb = io::h5::open_file_read_only(b);
    io::h5::Handle da = io::h5::open_dataset(fa, "traffic/links/entered"), db = io::h5::open_dataset(fb, "traffic/links/entered");
    const std::vector<hsize_t> dims = io::h5::extent(da);
    ASSERT_EQ(dims, io::h5::extent(db));
    std::vector<std::int32_t> x(dims[0] * dims[1]), y(x.size());
    H5Dread(da, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, x.data());
    H5Dread(db, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, y.data());
    const std::vector<double> time = io::h5::read_all<double>(io::h5::open_dataset(fa, "traffic/time"));
    bool after = false;
    for (std::size_t r = 0; r < dims[0]; ++r)
        for (std::size_t l = 0; l < dims[1]; ++l) {
            const bool same = x[r * dims[1] + l] == y[r * dims[1] + l];
            if (time[r] <= t) ASSERT_TRUE(same) << "row " << r << " link " << l << " before " << t << " s";
            else after |= !same;
        }
    EXPECT_TRUE(after) << "nothing changed after " << t << " s";
}

TEST(InterventionCli, ASignalRetimedAtATimeChangesTheTrafficFromThenOnOnly) {
    const std::string arterial = source("scenarios/arterial.yaml") + " --set outputs.every=60";
    const std::string base = scratch("signal-base.h5"), retimed = scratch("signal-retimed.h5");
    ASSERT_EQ(run("run --overwrite " + arterial + " -q -o " + base).status, 0);
    const Result r = run("run --overwrite " + arterial + " -q -o " + retimed +
                         " --set 'interventions=[{id: retime, at: 10 min, until: 20 min, signal: {node: A, offset: 17 s, scale_green: 1.5}},"
                         " {id: retime-b, at: 10 min, signal: {node: B, scale_green: 0.6}}]'");
    ASSERT_EQ(r.status, 0) << r.output;
    expect_same_until_then_different(base, retimed, 600);
}

TEST(InterventionCli, PvAddedAtABusFeedsFromItsTimeOn) {
    const std::string evening = source("scenarios/power-evening.yaml") + " --set 'duration=2 h' --set demand.generate.trips=1500";
    const Result bad = run("validate " + evening + " --set 'interventions=[{id: roof, at: 30 min, pv: {buses: [substation], kwp: 500 kW}}]'");
    EXPECT_EQ(bad.status, 2) << bad.output;
    EXPECT_NE(bad.output.find("bus id 'substation' is in 4 feeders; give FEEDER/BUS"), std::string::npos) << bad.output;
    const Result unknown = run("validate " + evening + " --set 'interventions=[{id: roof, at: 30 min, pv: {buses: [nowhere], kwp: 500 kW}}]'");
    EXPECT_NE(unknown.output.find("no bus 'nowhere' in the grid"), std::string::npos) << unknown.output;
    const std::string base = scratch("pv-base.h5"), more = scratch("pv-more.h5");
    ASSERT_EQ(run("run --overwrite " + evening + " -q -o " + base).status, 0);
    const Result r = run("run --overwrite " + evening + " -q -o " + more +
                         " --set 'interventions=[{id: roof, at: 30 min, until: 90 min, pv: {buses: [z0_0], kwp: 2000 kW}}]'");
    ASSERT_EQ(r.status, 0) << r.output;
    io::h5::LibraryLock lock;
    io::h5::Handle fa = io::h5::open_file_read_only(base), fb = io::h5::open_file_read_only(more);
    const std::vector<double> t = io::h5::read_all<double>(io::h5::open_dataset(fa, "power/time"));
    auto total = [](hid_t f) {
        io::h5::Handle ds = io::h5::open_dataset(f, "power/buses/p_pv");
        const std::vector<hsize_t> dims = io::h5::extent(ds);
        std::vector<double> v(dims[0] * dims[1]), row(dims[0], 0.0);
        H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        for (std::size_t r = 0; r < dims[0]; ++r)
            for (std::size_t b = 0; b < dims[1]; ++b) row[r] += v[r * dims[1] + b];
        return row;
    };
    const std::vector<double> a = total(fa), b = total(fb);
    ASSERT_EQ(a.size(), t.size());
    for (std::size_t k = 0; k < t.size(); ++k) {
        const double mid = t[k] - 150.0;   // 5-min steps: the kWp of the step's middle
        if (mid < 1800 || mid >= 5400) EXPECT_EQ(a[k], b[k]) << "step ending at " << t[k] << " s";
        else EXPECT_GT(b[k], a[k] + 100.0) << "step ending at " << t[k] << " s: 2 MWp more in July daylight";
    }
}

TEST(InterventionCli, ClosingALinkNobodyUsesChangesOnlyTheInterventionsTable) {
    // Few trips, so some links stay empty.
    const std::string small = source("tests/data/cli/small.yaml") + " --set demand.generate.trips=12";
    const std::string base = scratch("unused-base.h5");
    ASSERT_EQ(run("run --overwrite " + small + " -q -o " + base).status, 0);
    // A link no vehicle entered in the whole run.
    std::string unused;
    {
        io::h5::LibraryLock lock;
        io::h5::Handle f = io::h5::open_file_read_only(base);
        const std::vector<std::string> ids = io::h5::read_strings(io::h5::open_dataset(f, "network/links/id"));
        io::h5::Handle ds = io::h5::open_dataset(f, "traffic/links/entered");
        const std::vector<hsize_t> dims = io::h5::extent(ds);
        std::vector<std::int32_t> entered(dims[0] * dims[1]);
        H5Dread(ds, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, entered.data());
        for (std::size_t l = 0; l < dims[1] && unused.empty(); ++l) {
            long long sum = 0;
            for (std::size_t r = 0; r < dims[0]; ++r) sum += entered[r * dims[1] + l];
            if (sum == 0) unused = ids[l];
        }
    }
    ASSERT_FALSE(unused.empty()) << "every link carried traffic";
    const std::string closed = scratch("unused-closed.h5");
    const Result r = run("run --overwrite " + small + " -q -o " + closed + " --set 'interventions=[{id: shut, at: 3 min, until: 7 min, close: {links: [" +
                         unused + "]}}]'");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(differences(base, closed), "") << "closing " << unused;
}

TEST(InterventionCli, AnInterventionInAFullRunEqualsAForkAtItsTimeWithTheSameIntervention) {
    // Every kind of action that changes state at its time: closures (one cancelling), a ban, an
    // area limit, a new signal plan, a battery.
    const std::string iv =
        " --set 'interventions=[{id: shut, at: \"07:30\", until: \"09:00\", close: {links: [n4_4-n4_5, n4_5-n4_4]}},"
        " {id: calm, at: \"07:30\", weather: {wind: {speed: 0.5 m/s}}},"
        " {id: works, at: \"07:30\", until: \"08:00\", close: {links: [n6_6-n6_7], on_closed_end: cancel}},"
        " {id: lez, at: \"07:30\", until: \"08:30\", ban: {area: {polygon: [[750, 750], [1500, 750], [1500, 1500], [750, 1500]]},"
        " types: [car], replace_with: ev}},"
        " {id: zone30, at: \"07:30\", speed_limit: {area: {polygon: [[0, 0], [700, 0], [700, 700], [0, 700]]}, speed: 30 km/h}},"
        " {id: plan, at: \"07:30\", until: \"08:45\", signal: {node: n2_2, phases: [{duration: 30 s, green: [n1_2-n2_2>n2_2-n3_2]},"
        " {duration: 30 s, green: [n2_1-n2_2>n2_2-n2_3]}]}},"
        " {id: store, at: \"07:30\", battery: {bus: z1_1, kwh: 2000, kw: 1000, threshold: 2 MW}}]'";
    const std::string full = scratch("with.h5");
    ASSERT_EQ(run("run --overwrite " + demo_morning() + iv + " -q -o " + full).status, 0);
    const std::string parent = scratch("parent.h5");
    ASSERT_EQ(run("run --overwrite " + demo_morning() + " -q -o " + parent + " --stop-at 07:30").status, 0);
    const std::string fork = scratch("fork.h5");
    const Result f = run("fork --overwrite " + scratch("parent.ckpt.h5") + " -q -o " + fork + iv.substr(0, iv.size()));
    ASSERT_EQ(f.status, 0) << f.output;
    EXPECT_EQ(differences(full, fork), "");
    // And an intervention the fork would have had to apply in the past is refused.
    const Result past = run("fork --overwrite " + scratch("parent.ckpt.h5") + " -q -o " + scratch("past.h5") +
                            " --set 'interventions=[{id: early, at: \"07:00\", close: {links: [n4_4-n4_5]}}]'");
    EXPECT_EQ(past.status, 2) << past.output;
    EXPECT_NE(past.output.find("intervention 'early' starts or ends before the fork time"), std::string::npos) << past.output;
}

}  // namespace
