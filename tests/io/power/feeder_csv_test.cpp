// Feeder branch tables: the accepted format and each kind of bad row, with file:line:column.
#include <gtest/gtest.h>

#include "io/power/feeder_csv.hpp"
#include "tests/error_rows.hpp"

namespace citytwin {
namespace {

std::string error_of(const std::string& text) {
    try {
        io::parse_feeder_csv(text, "f.csv", "power.feeders.f");
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
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

// One row per bad table and the whole message it gives (file:line:column).
const test::ErrorRow kErrorRows[] = {
    {"NotANumber", "from,to,r_ohm,x_ohm,p_kw,q_kvar\n1,2,0.5,abc,1,1\n",
     "f.csv:2:9: power.feeders.f: column 'x_ohm': expected a number, got 'abc'"},
    {"TooFewFields", "1,2,0.5,0.1\n",
     "f.csv:1:1: power.feeders.f: expected 6 or 7 fields (from,to,r_ohm,x_ohm,p_kw,q_kvar[,ampacity_a]), got 4"},
    {"WrongHeader", "from,to,r,x,p,q\n",
     "f.csv:1:1: power.feeders.f: the header must be from,to,r_ohm,x_ohm,p_kw,q_kvar[,ampacity_a]"},
    {"EmptyBus", "1,,0.5,0.1,0,0\n", "f.csv:1:3: power.feeders.f: column 'to' is empty (expected a bus id)"},
    {"NoBranches", "# nothing\n", "f.csv: power.feeders.f: the feeder file has no branches"},
};

class FeederCsvErrors : public ::testing::TestWithParam<test::ErrorRow> {};

TEST_P(FeederCsvErrors, GiveTheLocatedMessage) { EXPECT_EQ(error_of(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(FeederCsv, FeederCsvErrors, ::testing::ValuesIn(kErrorRows), test::row_name);

TEST(FeederCsv, AMissingFileIsAnError) {
    try {
        io::read_feeder_csv("/nonexistent/feeder.csv", "k");
        FAIL() << "no error";
    } catch (const sim::ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()), "/nonexistent/feeder.csv: k: cannot read the feeder file: no such file");
    }
}

}  // namespace
}  // namespace citytwin
