// Feeder branch tables: the accepted format and each kind of bad row, with file:line:column.
#include <gtest/gtest.h>

#include "io/power/feeder_csv.hpp"

namespace citytwin {
namespace {

std::string error_of(const std::string& text) {
    try {
        io::parse_feeder_csv(text, "f.csv", "power.feeders.f");
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

TEST(FeederCsv, ReadsRowsWithOrWithoutHeaderCommentsAndRatings) {
    const auto b = io::parse_feeder_csv("# a comment\nfrom,to,r_ohm,x_ohm,p_kw,q_kvar,ampacity_a\n\n1, 2,0.5,0.25,100,60,300\r\n2,3,1e-1,0.2,-5,0\n",
                                        "f.csv", "k");
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b[0].from, "1");
    EXPECT_EQ(b[0].to, "2");
    EXPECT_DOUBLE_EQ(b[0].r_ohm, 0.5);
    EXPECT_DOUBLE_EQ(b[0].ampacity_a, 300.0);
    EXPECT_EQ(b[0].mark.line, 4);
    EXPECT_DOUBLE_EQ(b[1].r_ohm, 0.1);
    EXPECT_DOUBLE_EQ(b[1].p_kw, -5.0);
    EXPECT_DOUBLE_EQ(b[1].ampacity_a, 0.0);
    EXPECT_EQ(io::parse_feeder_csv("a,b,1,2,3,4", "f.csv", "k").size(), 1u);
}

TEST(FeederCsv, BadRowsSayWhereAndWhatWasExpected) {
    const std::string num = error_of("from,to,r_ohm,x_ohm,p_kw,q_kvar\n1,2,0.5,abc,1,1\n");
    EXPECT_NE(num.find("f.csv:2:9"), std::string::npos) << num;
    EXPECT_NE(num.find("column 'x_ohm': expected a number, got 'abc'"), std::string::npos) << num;
    const std::string count = error_of("1,2,0.5,0.1\n");
    EXPECT_NE(count.find("f.csv:1:1"), std::string::npos) << count;
    EXPECT_NE(count.find("expected 6 or 7 fields"), std::string::npos) << count;
    const std::string header = error_of("from,to,r,x,p,q\n");
    EXPECT_NE(header.find("the header must be from,to,r_ohm,x_ohm,p_kw,q_kvar"), std::string::npos) << header;
    const std::string bus = error_of("1,,0.5,0.1,0,0\n");
    EXPECT_NE(bus.find("column 'to' is empty"), std::string::npos) << bus;
    const std::string empty = error_of("# nothing\n");
    EXPECT_NE(empty.find("no branches"), std::string::npos) << empty;
    const std::string missing = [] {
        try {
            io::read_feeder_csv("/nonexistent/feeder.csv", "k");
        } catch (const sim::ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    }();
    EXPECT_NE(missing.find("cannot read the feeder file"), std::string::npos) << missing;
}

}  // namespace
}  // namespace citytwin
