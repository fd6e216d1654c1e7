// The trip CSV reader on its own: accepted layouts and each row error with its line:column.
#include <string>

#include <gtest/gtest.h>

#include "io/scenario/trip_csv.hpp"
#include "tests/error_rows.hpp"

namespace citytwin::io {
namespace {

const std::unordered_set<std::string> kLinks = {"a", "b", "c"};

TripCsvRules rules(bool check_links = true) {
    TripCsvRules r;
    r.links = check_links ? &kLinks : nullptr;
    r.types = {"car", "ev"};
    r.duration_s = 3600.0;
    return r;
}

std::string error_of(const std::string& text, const TripCsvRules& r = rules()) {
    try {
        parse_trip_csv(text, "trips.csv", r);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(TripCsv, HeaderIsOptional) {
    EXPECT_EQ(parse_trip_csv("0,a,b\n", "t.csv", rules()).size(), 1u);
    EXPECT_EQ(parse_trip_csv("Depart,From,To\n0,a,b\n", "t.csv", rules()).size(), 1u);
    EXPECT_EQ(parse_trip_csv("depart,from,to,type\n0,a,b,ev\n", "t.csv", rules())[0].type, "ev");
}

TEST(TripCsv, ANameColumnGivesEachTripItsId) {
    const auto trips = parse_trip_csv("depart,from,to,type,name\n0,a,b,ev,morning-1\n5,b,c,,hh 42\n9,a,c\n10,c,a,car,\n", "t.csv", rules());
    ASSERT_EQ(trips.size(), 4u);
    EXPECT_EQ(trips[0].id, "morning-1");
    EXPECT_EQ(trips[0].type, "ev");
    EXPECT_EQ(trips[1].id, "hh 42");
    EXPECT_EQ(trips[1].type, "");
    EXPECT_EQ(trips[2].id, "");
    EXPECT_EQ(trips[3].id, "");
    EXPECT_EQ(parse_trip_csv("0,a,b,car," + std::string(256, 'n') + "\n", "t.csv", rules())[0].id.size(), 256u);
}

TEST(TripCsv, CommentsBlankLinesCrlfAndSpaces) {
    const auto trips = parse_trip_csv("\xEF\xBB\xBF# header comment\r\n\r\n  \r\n 90 , a , c , car \r\n# x\n2.5 min,b,a,\n",
                                      "t.csv", rules());
    ASSERT_EQ(trips.size(), 2u);
    EXPECT_DOUBLE_EQ(trips[0].depart_s, 90.0);
    EXPECT_EQ(trips[0].from_link, "a");
    EXPECT_EQ(trips[0].to_link, "c");
    EXPECT_EQ(trips[0].type, "car");
    EXPECT_EQ(trips[0].mark.file, "t.csv");
    EXPECT_EQ(trips[0].mark.line, 4);
    EXPECT_DOUBLE_EQ(trips[1].depart_s, 150.0);
    EXPECT_EQ(trips[1].type, "");
    EXPECT_EQ(trips[1].mark.line, 6);
}

TEST(TripCsv, UnsortedRowsKeepTheirOrder) {
    const auto trips = parse_trip_csv("300,a,b\n10,b,c\n", "t.csv", rules());
    EXPECT_DOUBLE_EQ(trips[0].depart_s, 300.0);
    EXPECT_DOUBLE_EQ(trips[1].depart_s, 10.0);
}

TEST(TripCsv, LinksUncheckedForGeneratedNetworks) {
    EXPECT_EQ(parse_trip_csv("0,n0_0-n0_1,n1_1-n1_0\n", "t.csv", rules(false))[0].from_link, "n0_0-n0_1");
}

// One row per bad trip list and the whole message it gives (file:line:column).
const test::ErrorRow kErrorRows[] = {
    {"TwoFields", "0,a,b\n1,a\n",
     "trips.csv:2:1: demand.trips: expected 3 to 5 fields (depart,from,to[,type[,name]]), got 2"},
    {"SixFields", "0,a,b,car,x,y\n",
     "trips.csv:1:1: demand.trips: expected 3 to 5 fields (depart,from,to[,type[,name]]), got 6"},
    {"LongName", "0,a,b,car," + std::string(257, 'n') + "\n",
     "trips.csv:1:11: demand.trips: column 'name': 257 characters; a trip name may have at most 256"},
    {"DepartIsNoTime", "soon,a,b\n",
     "trips.csv:1:1: demand.trips: column 'depart': expected a time such as '15 min' (or a plain number "
              "in s), got 'soon'"},
    {"DepartIsALength", "5 km,a,b\n",
     "trips.csv:1:1: demand.trips: column 'depart': expected a time (s, ms, min, h, d), got '5 km', which "
              "is a length"},
    {"NegativeDepart", "0,a,b\n -5,a,b\n",
     "trips.csv:2:2: demand.trips: column 'depart': must not be negative, got '-5'"},
    {"DepartAtTheEnd", "3600,a,b\n",
     "trips.csv:1:1: demand.trips: column 'depart': '3600' is not before the end of the scenario (duration "
              "3600 s)"},
    {"UnknownToLink", "0,a,zz\n",
     "trips.csv:1:5: demand.trips: column 'to': no link 'zz' in network.links"},
    {"EmptyFrom", "0,,b\n",
     "trips.csv:1:3: demand.trips: column 'from' is empty (expected a link id)"},
    {"UnknownType", "0,a,b,bus\n",
     "trips.csv:1:7: demand.trips: column 'type': no vehicle type 'bus' (vehicle types: car, ev)"},
    {"EmptyDepart", ",a,b\n",
     "trips.csv:1:1: demand.trips: column 'depart' is empty (expected seconds or a time such as '15 min')"},
    {"NoTrips", "# only comments\n\n",
     "trips.csv: demand.trips: the trip file has no trips"},
    {"WrongHeader", "depart,to,from\n0,a,b\n",
     "trips.csv:1:1: demand.trips: the header must be depart,from,to, depart,from,to,type or depart,from,to,type,name"},
    {"HeaderNameBeforeType", "depart,from,to,name,type\n0,a,b\n",
     "trips.csv:1:1: demand.trips: the header must be depart,from,to, depart,from,to,type or depart,from,to,type,name"},
};

class TripCsvErrors : public ::testing::TestWithParam<test::ErrorRow> {};

TEST_P(TripCsvErrors, GiveTheLocatedMessage) { EXPECT_EQ(error_of(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(TripCsv, TripCsvErrors, ::testing::ValuesIn(kErrorRows), test::row_name);

}  // namespace
}  // namespace citytwin::io
