// Reading sweep files: members, ids, seeds, and the errors of bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "io/sweep/sweep_check.hpp"
#include "io/sweep/sweep_file.hpp"
#include "io/sweep/sweep_members.hpp"
#include "sim/core/scenario_error.hpp"
#include "tests/io/sweep/sweep_test_files.hpp"

namespace citytwin::io {
namespace {

using testing::arterial_base;
using testing::write_sweep;

std::string grid_text(const std::string& greens) {
    return "citytwin_sweep: 1\n" + arterial_base() +
           "parameters:\n"
           "  network.signals[A].phases.0.duration: " + greens + "\n"
           "  traffic.reroute_every: {from: 1, to: 3, step: 1, unit: min}\n"
           "replications: 5\n"
           "outputs: {dir: out/t}\n";
}

TEST(SweepFile, GridMembersInOrderWithStableIds) {
    const SweepFile s = load_sweep_file(write_sweep("grid.sweep.yaml", grid_text("[40 s, 30 s]")));
    ASSERT_EQ(sweep_member_count(s), 2u * 3u * 5u);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < 30; ++i) ids.insert(sweep_member(s, i).id);
    EXPECT_EQ(ids.size(), 30u);
    const SweepMember m = sweep_member(s, 7);  // combination 1, replication 2
    EXPECT_EQ(m.combination, 1u);
    EXPECT_EQ(m.replication, 2u);
    EXPECT_EQ(m.values, (std::vector<std::string>{"40 s", "2 min"}));
    EXPECT_EQ(m.output, "out/t/" + m.id + ".h5");
    EXPECT_EQ(m.sets.back(), "seed=" + std::to_string(s.seeds[2]));

    // One value more: the members there were keep their ids (at other indices).
    const SweepFile more = load_sweep_file(write_sweep("grid-more.sweep.yaml", grid_text("[40 s, 30 s, 50 s]")));
    std::set<std::string> more_ids;
    for (std::size_t i = 0; i < sweep_member_count(more); ++i) more_ids.insert(sweep_member(more, i).id);
    for (const std::string& id : ids) EXPECT_TRUE(more_ids.count(id)) << id;
}

TEST(SweepFile, IdsDoNotDependOnHowTheFileIsNamed) {
    // A Slurm task names the sweep file by its absolute path; the ids must not change.
    const std::string path = write_sweep("named.sweep.yaml", grid_text("[40 s]"));
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(std::filesystem::path(path).parent_path());
    const SweepFile relative = load_sweep_file("named.sweep.yaml");
    std::filesystem::current_path(cwd);
    const SweepFile absolute = load_sweep_file(path);
    for (std::size_t i = 0; i < sweep_member_count(absolute); ++i)
        EXPECT_EQ(sweep_member(relative, i).id, sweep_member(absolute, i).id);
}

TEST(SweepFile, ReplicationSeedsAreSharedByCombinationsAndVariants) {
    const SweepFile s = load_sweep_file(write_sweep(
        "variants.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() +
                                   "parameters: {traffic.reroute_every: [1 min, 2 min]}\n"
                                   "variants:\n  open:\n  closed: {set: {network.links.4.closed: true}}\n"
                                   "replications: 3\n"));
    ASSERT_EQ(sweep_member_count(s), 12u);
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(sweep_member(s, i).seed, sweep_member(s, i % 3).seed);
    EXPECT_EQ(sweep_member(s, 6).variant, 1u);
    EXPECT_EQ(sweep_member(s, 6).sets.front(), "network.links.4.closed=true");
    EXPECT_EQ(s.outputs_dir, "out/variants");
}

TEST(SweepFile, ListedSeeds) {
    const SweepFile s = load_sweep_file(write_sweep("seeds.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() + "seeds: [3, 9]\n"));
    EXPECT_EQ(s.seeds, (std::vector<std::uint64_t>{3, 9}));
    EXPECT_EQ(s.variants.size(), 1u);
}

std::string error_of(const std::string& name, const std::string& text) {
    try {
        (void)load_sweep_file(write_sweep(name, text));
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

TEST(SweepFile, ErrorsNameFileLineAndKey) {
    const std::string unknown = error_of("unknown.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() + "replicatons: 3\n");
    EXPECT_NE(unknown.find("unknown.sweep.yaml:3:1"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("replications"), std::string::npos) << unknown;  // did you mean

    const std::string grid_dist = error_of("dist.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() +
                                                                  "parameters: {x: {distribution: uniform, low: 1, high: 2}}\n");
    EXPECT_NE(grid_dist.find("design: random or latin"), std::string::npos) << grid_dist;

    const std::string range = error_of("range.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() +
                                                               "parameters: {x: {from: 0, to: 1e12, step: 1}}\n");
    EXPECT_NE(range.find("parameters.x.step"), std::string::npos) << range;
    EXPECT_NE(range.find("more than 100000 values"), std::string::npos) << range;

    const std::string seed = error_of("seed.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() + "parameters: {seed: [1, 2]}\n");
    EXPECT_NE(seed.find("seed.sweep.yaml:3:14: parameters.seed: the scenario's seed is the replication's"), std::string::npos)
        << seed;

    EXPECT_NE(error_of("version.sweep.yaml", "citytwin_sweep: 2\n" + arterial_base()).find("version 2"), std::string::npos);
    EXPECT_NE(error_of("nobase.sweep.yaml", "citytwin_sweep: 1\n").find("base"), std::string::npos);
    EXPECT_NE(error_of("yaml.sweep.yaml", "citytwin_sweep: [1\n").find("not valid YAML"), std::string::npos);
}

TEST(SweepFile, MemberCountIsBoundedBeforeExpansion) {
    // 1000 x 1000 values x 1000 replications: refused while reading, never expanded.
    const std::string e = error_of("huge.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() +
                                                          "parameters:\n  a: {from: 1, to: 1000, step: 1}\n"
                                                          "  b: {from: 1, to: 1000, step: 1}\n"
                                                          "replications: 1000\n");
    EXPECT_NE(e.find("more than 100000 members"), std::string::npos) << e;
}

TEST(SweepCheck, BadMemberValueNamesMemberAndKey) {
    const SweepFile s = load_sweep_file(write_sweep(
        "badlanes.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() + "parameters: {network.links.0.lanes: [2, 0]}\n"));
    std::vector<SweepMember> members{sweep_member(s, 0), sweep_member(s, 1)};
    try {
        check_members(s, members);
        FAIL() << "member 1 has 0 lanes";
    } catch (const sim::ScenarioError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("member 1 (id " + members[1].id), std::string::npos) << what;
        EXPECT_NE(what.find("network.links.0.lanes=0"), std::string::npos) << what;
    }
}

TEST(SweepCheck, MembersThatRunTheSameAreAnError) {
    const SweepFile s = load_sweep_file(
        write_sweep("twice.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() + "parameters: {traffic.reroute_every: [1 min, 1 min]}\n"));
    std::vector<SweepMember> members{sweep_member(s, 0), sweep_member(s, 1)};
    try {
        check_members(s, members);
        FAIL() << "the two members are the same";
    } catch (const sim::ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("members 0 and 1 run the same"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace citytwin::io
