// Feeder checks: radial order, and each way a branch table can fail to be a radial feeder.
#include <gtest/gtest.h>

#include "sim/power/feeder.hpp"
#include "tests/sim/power/power_test_data.hpp"

namespace citytwin {
namespace {

using test::branch;
using test::feeder_spec;

std::string error_of(const sim::FeederSpec& s) {
    try {
        sim::build_feeder(s);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

TEST(FeederTopology, BusesFollowTheirParents) {
    const sim::Feeder f = sim::build_feeder(test::ieee33_spec());
    EXPECT_EQ(f.bus_id[0], "1");
    EXPECT_EQ(f.parent[0], -1);
    for (std::int32_t i = 1; i < f.buses(); ++i) EXPECT_LT(f.parent[i], i);
    // The load of row "17,18" sits at bus 18, the branch into 18 carries its impedance.
    const std::int32_t b18 = f.index_of("18");
    EXPECT_EQ(f.bus_id[f.parent[b18]], "17");
    EXPECT_DOUBLE_EQ(f.p_kw[b18], 90.0);
    EXPECT_DOUBLE_EQ(f.r_ohm[b18], 0.732);
}

TEST(FeederTopology, BranchesWrittenAgainstTheFlowAreTurnedRound) {
    // "b,a" lists the branch from the far end; the tree is the same.
    const sim::Feeder f = sim::build_feeder(feeder_spec({branch("s", "a", 1, 1), branch("b", "a", 1, 1, 50, 10)}));
    EXPECT_EQ(f.bus_id[f.parent[f.index_of("b")]], "a");
    EXPECT_DOUBLE_EQ(f.p_kw[f.index_of("a")], 50.0);  // the load is at the row's `to` bus
}

TEST(FeederTopology, MeshedFeederNamesTheLoop) {
    const std::string e = error_of(feeder_spec({branch("1", "2", 1, 1), branch("2", "3", 1, 1), branch("3", "4", 1, 1),
                                                branch("2", "5", 1, 1), branch("5", "4", 1, 1)}));
    EXPECT_NE(e.find("test.csv:6"), std::string::npos) << e;
    EXPECT_NE(e.find("meshed"), std::string::npos) << e;
    EXPECT_NE(e.find("closes the loop"), std::string::npos) << e;
    for (const char* bus : {"2", "3", "4", "5"}) EXPECT_NE(e.find(bus), std::string::npos) << e;
    EXPECT_EQ(e.find("1,"), std::string::npos) << e;  // bus 1 is not on the loop
    // Two parallel branches are a loop of two buses.
    const std::string par = error_of(feeder_spec({branch("1", "2", 1, 1), branch("2", "1", 1, 1)}));
    EXPECT_NE(par.find("closes the loop 1, 2"), std::string::npos) << par;
}

TEST(FeederTopology, IslandNamesTheCutOffBuses) {
    const std::string e = error_of(feeder_spec({branch("1", "2", 1, 1), branch("7", "8", 1, 1), branch("8", "9", 1, 1)}));
    EXPECT_NE(e.find("test.csv:3"), std::string::npos) << e;
    EXPECT_NE(e.find("not connected"), std::string::npos) << e;
    EXPECT_NE(e.find("7, 8, 9"), std::string::npos) << e;
}

TEST(FeederTopology, NegativeOrZeroImpedanceIsRejectedAtItsRow) {
    const std::string neg = error_of(feeder_spec({branch("1", "2", 1, 1), branch("2", "3", -0.5, 1)}));
    EXPECT_NE(neg.find("test.csv:3"), std::string::npos) << neg;
    EXPECT_NE(neg.find("r_ohm >= 0"), std::string::npos) << neg;
    const std::string zero = error_of(feeder_spec({branch("1", "2", 0, 0)}));
    EXPECT_NE(zero.find("zero impedance"), std::string::npos) << zero;
    const std::string self = error_of(feeder_spec({branch("1", "1", 1, 1)}));
    EXPECT_NE(self.find("connects a bus to itself"), std::string::npos) << self;
}

TEST(FeederTopology, UnknownSlackBusIsAnError) {
    sim::FeederSpec s = feeder_spec({branch("1", "2", 1, 1)});
    s.slack_bus = "99";
    const std::string e = error_of(s);
    EXPECT_NE(e.find("slack bus '99' is not a bus"), std::string::npos) << e;
    s.slack_bus = "2";  // any bus may be the slack: the tree is rooted there
    const sim::Feeder f = sim::build_feeder(s);
    EXPECT_EQ(f.bus_id[0], "2");
}

}  // namespace
}  // namespace citytwin
