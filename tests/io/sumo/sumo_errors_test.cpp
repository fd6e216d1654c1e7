// Bad SUMO input: each a clear error (file:line, element, attribute, what was expected) or a
// counted warning, never a crash.
#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"
#include "io/sumo/sumo_demand_reader.hpp"
#include "io/sumo/sumo_net_reader.hpp"
#include "sim/core/engine.hpp"
#include "tests/error_rows.hpp"
#include "tests/io/sumo/sumo_paths.hpp"

namespace citytwin::io {
namespace {

using test::bologna;

std::string write(const std::string& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name, std::ios::binary) << text;
    return dir + "/" + name;
}

std::string net_error(const std::string& file) {
    try {
        SumoNotes notes;
        read_sumo_net(file, {}, notes);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string demand_error(const std::string& routes) {
    try {
        SumoNotes notes;
        const sim::LaneNetworkSpec net = read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes);
        read_sumo_demand({routes}, test::bologna_additional(), net, {}, notes);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(SumoErrors, MalformedAndTruncatedXml) {
    const std::string dir = test::scratch_dir("malformed");
    const std::string bad = write(dir, "bad.net.xml", "<net version=\"1.16\">\n  <edge id=\"a\">\n</net>\n");
    EXPECT_EQ(net_error(bad), bad + ":3:3: not well-formed XML: mismatched tag");
    std::ifstream in(bologna("acosta_buslanes.net.xml"), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string cut = write(dir, "cut.net.xml", text.substr(0, text.size() / 2));
    const std::string e = net_error(cut);
    EXPECT_NE(e.find(cut + ":"), std::string::npos) << e;
    EXPECT_NE(e.find("not well-formed XML"), std::string::npos) << e;
    EXPECT_EQ(net_error(dir + "/missing.net.xml"), dir + "/missing.net.xml: cannot read the file: no such file");
    const std::string empty = write(dir, "empty.net.xml", "");
    EXPECT_NE(net_error(empty).find("not well-formed XML: no element found"), std::string::npos);
    const std::string routes = write(dir, "r.xml", "<routes/>");
    EXPECT_EQ(net_error(routes), routes + ":1:1: root element <routes> is not what this file should hold; expected <net>");
}

// Network values beyond the ranges of an inline network: named at their element.
TEST(SumoErrors, OutOfRangeNetworkValues) {
    const std::string dir = test::scratch_dir("net-ranges");
    std::ifstream in(bologna("acosta_buslanes.net.xml"), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    struct Row {
        std::string from, to, expected;
    };
    const Row rows[] = {
        {"id=\"121_0\" index=\"0\" allow=\"bus\" speed=\"13.89\"", "id=\"121_0\" index=\"0\" allow=\"bus\" speed=\"1e30\"",
         "<lane speed>: expected a speed of at most 100 m/s, got '1e30'"},
        {"length=\"693.70\"", "length=\"1e9\"", "<lane length>: expected a length of at most 100000 m, got '1e9'"},
        {"duration=\"42\"", "duration=\"1e15\"", "<phase duration>: expected a duration from 0 to 86400 s, got '1e15'"},
    };
    for (const Row& row : rows) {
        const auto at = text.find(row.from);
        ASSERT_NE(at, std::string::npos) << row.from;
        const std::string f = write(dir, "n.net.xml", text.substr(0, at) + row.to + text.substr(at + row.from.size()));
        const std::string e = net_error(f);
        EXPECT_EQ(e.rfind(f + ":", 0), 0u) << e;
        EXPECT_NE(e.find(row.expected), std::string::npos) << e;
    }
}

// Refused before a byte is read: a device would never end, a sparse file past 1 GiB is no
// SUMO file anyone wrote.
TEST(SumoErrors, InputsThatAreNoFilesOrTooLarge) {
    const std::string dir = test::scratch_dir("input-files");
    const std::string big = dir + "/big.net.xml";
    std::ofstream(big, std::ios::binary).put('<');
    std::filesystem::resize_file(big, (std::uintmax_t{1} << 30) + 1);
    struct Row {
        std::string path, expected;
    };
    const Row rows[] = {
        {"/dev/zero", "/dev/zero: cannot read the file: it is not a regular file (a device, pipe or socket)"},
        {dir, dir + ": cannot read the file: it is a folder, not a file"},
        {big, big + ": cannot read the file: the file has 1073741825 bytes, more than the limit of 1 GiB for this input"},
    };
    for (const Row& row : rows) EXPECT_EQ(net_error(row.path), row.expected);
    std::filesystem::remove(big);
}

TEST(SumoErrors, OldNetworkVersion) {
    const std::string dir = test::scratch_dir("old");
    const std::string f = write(dir, "old.net.xml", "<net version=\"0.27\">\n</net>\n");
    EXPECT_EQ(net_error(f), f + ":1:1: <net version>: SUMO network version 0.27 is not supported; citytwin reads versions 1.x "
                                "(convert with: netconvert --sumo-net-file OLD -o NEW)");
}

// One row per bad route file: its text and the message after its path.
const test::ErrorRow kDemandRows[] = {
    {"UnknownEdge", "<routes>\n  <vehicle id=\"v\" depart=\"0\">\n    <route edges=\"121 nosuch\"/>\n  </vehicle>\n</routes>\n",
     ":3:5: <route edges>: no road edge 'nosuch' in the network"},
    {"DepartIsNoNumber", "<routes>\n  <vehicle id=\"v\" depart=\"soon\" route=\"x\"/>\n</routes>\n",
     ":2:3: <vehicle depart>: expected a number, got 'soon'"},
    {"UnknownType", "<routes>\n  <trip id=\"t\" depart=\"0\" from=\"121\" to=\"54\" type=\"lorry\"/>\n</routes>\n",
     ":2:3: <trip type>: no vehicle type or type distribution 'lorry'"},
    {"DuplicateId",
     "<routes>\n  <trip id=\"t\" depart=\"0\" from=\"121\" to=\"54\"/>\n  <trip id=\"t\" depart=\"1\" from=\"121\" to=\"54\"/>\n</routes>\n",
     ":3:3: <trip id>: duplicate vehicle id 't'"},
    {"StopOffTheRoute",
     "<routes>\n  <vehicle id=\"v\" depart=\"0\">\n    <route edges=\"121 m2 54\"/>\n"
     "    <stop busStop=\"busStop#2\" duration=\"20\"/>\n  </vehicle>\n</routes>\n",
     ":4:5: <stop>: the stop is on edge '190', which the route does not take (after its earlier stops)"},
    {"FlowWithoutARate", "<routes>\n  <flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"10\"/>\n</routes>\n",
     ":2:3: <flow>: a flow needs one of vehsPerHour, period, probability or number"},
};

class SumoDemandErrors : public ::testing::TestWithParam<test::ErrorRow> {};

TEST_P(SumoDemandErrors, NameFileLineAndAttribute) {
    const std::string r = write(test::scratch_dir("demand-" + GetParam().name), "r.xml", GetParam().input);
    EXPECT_EQ(demand_error(r), r + GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(SumoErrors, SumoDemandErrors, ::testing::ValuesIn(kDemandRows), test::row_name);

// Sizes and parameters beyond citytwin's ranges: a located error before any vehicle is made,
// within a second (a flow of a billion vehicles once ran out of memory).
TEST(SumoErrors, OutOfRangeFlowsAndTypes) {
    const std::string dir = test::scratch_dir("ranges");
    struct Row {
        std::string element;   // one line inside <routes>, line 2
        std::string expected;  // after "<file>:2:3: "
    };
    const Row rows[] = {
        {"<flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"3600\" number=\"1000000000\"/>",
         "<flow number>: a flow of 1000000000 vehicles; a citytwin run may have at most 20000000"},
        {"<flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"1e15\" vehsPerHour=\"3600\"/>",
         "<flow>: the flow gives more than 20000000 vehicles; a citytwin run may have at most 20000000"},
        {"<flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"1e15\" probability=\"1e-9\"/>",
         "<flow end>: the flow spans more than 1e9 steps of 1 s; a citytwin run lasts at most 31 d"},
        {"<flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"3600\" number=\"-5\"/>",
         "<flow number>: expected a number of vehicles >= 0, got '-5'"},
        {"<flow id=\"f\" from=\"121\" to=\"54\" begin=\"-1e300\" vehsPerHour=\"3600\"/>",
         "<flow>: the flow gives more than 20000000 vehicles; a citytwin run may have at most 20000000"},
        {"<flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"3600\" vehsPerHour=\"1e300\"/>",
         "<flow>: the flow gives more than 20000000 vehicles; a citytwin run may have at most 20000000"},
        // Each vehicle keeps its route: 20 million copies of an 18-edge route are too many.
        {"<flow id=\"f\" begin=\"0\" end=\"3600\" number=\"20000000\"><route edges=\"121 m2 54 121 m2 54 121 m2 54 121 m2 54 "
         "121 m2 54 121 m2 54\"/></flow>",
         "<flow>: the flow's 20000000 vehicles on a route of 18 edges would hold more than 100000000 route edges in all; a "
         "citytwin run may hold at most 100000000"},
        {"<vType id=\"fast\" accel=\"1e6\"/>", "<vType accel>: expected at most 10 m/s^2, got '1e6'"},
        {"<vType id=\"long\" length=\"5000\"/>", "<vType length>: expected at most 100 m, got '5000'"},
        {"<vType id=\"hard\" emergencyDecel=\"90\"/>", "<vType emergencyDecel>: expected at most 15 m/s^2, got '90'"},
        {"<vType id=\"slow\" tau=\"100\"/>", "<vType tau>: expected at most 10 s, got '100'"},
        {"<vType id=\"wild\" speedFactor=\"normc(1e6,0.1,0.2,2e6)\"/>",
         "<vType speedFactor>: expected a mean above 0 and a spread and bounds from 0 to 5, got 'normc(1e6,0.1,0.2,2e6)'"},
        {"<vType id=\"spread\" speedDev=\"100\"/>",
         "<vType speedDev>: expected a mean above 0 and a spread and bounds from 0 to 5, got '100'"},
    };
    // A freight train is longer than any road vehicle: types citytwin does not simulate are
    // read without the road ranges (and their vehicles left out, counted).
    const std::string rail = write(dir, "rail.xml", "<routes>\n  <vType id=\"freight\" vClass=\"rail\" length=\"700\"/>\n</routes>\n");
    EXPECT_EQ(demand_error(rail), "(no error)");
    for (const Row& row : rows) {
        const std::string r = write(dir, "r.xml", "<routes>\n  " + row.element + "\n</routes>\n");
        const auto t0 = std::chrono::steady_clock::now();
        EXPECT_EQ(demand_error(r), r + ":2:3: " + row.expected);
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0) << row.element;
    }
}

// A flow reaching far past the simulated end costs nothing: its loop stops at the end.
TEST(SumoErrors, FlowsStopAtTheSimulatedEnd) {
    SumoNotes notes;
    const sim::LaneNetworkSpec net = read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes);
    const std::string dir = test::scratch_dir("flow-end");
    const std::string r = write(dir, "r.xml", "<routes>\n  <flow id=\"f\" from=\"121\" to=\"54\" begin=\"0\" end=\"1e15\" "
                                              "vehsPerHour=\"3600\"/>\n</routes>\n");
    SumoDemandOptions o;
    o.end_s = 600;
    SumoNotes demand_notes;
    const SumoDemand d = read_sumo_demand({r}, {}, net, o, demand_notes);
    EXPECT_EQ(d.trips.size(), 600u);
    // The rest are counted as left out, as SUMO leaves them out, without being made.
    EXPECT_EQ(demand_notes.counts["vehicles departing outside the simulated period (as in SUMO)"], 999999999999400LL);
}

// SUMO files commonly define a type 'car'; without a vehicle_types section it replaces the
// implicit default type of that name instead of clashing with it.
TEST(SumoErrors, ATypeNamedCarReplacesTheImplicitDefault) {
    const std::string dir = test::scratch_dir("vtype-car");
    write(dir, "r.xml", "<routes>\n  <vType id=\"car\" accel=\"2\" length=\"4.5\"/>\n"
                        "  <trip id=\"t\" type=\"car\" depart=\"0\" from=\"121\" to=\"54\"/>\n</routes>\n");
    const std::string head = "citytwin: 1\nname: c\nduration: 600 s\nnetwork:\n  sumo:\n    net: " +
                             bologna("acosta_buslanes.net.xml") + "\ndemand:\n  sumo:\n    routes: r.xml\n";
    const sim::Scenario sc = load_scenario(write(dir, "s.yaml", head));
    ASSERT_EQ(sc.vehicle_types.size(), 1u);
    EXPECT_EQ(sc.vehicle_types[0].id, "car");
    EXPECT_DOUBLE_EQ(sc.vehicle_types[0].accel_mps2, 2.0);
    EXPECT_DOUBLE_EQ(sc.vehicle_types[0].length_m, 4.5);
    EXPECT_EQ(sim::build_traffic_setup(sc).trips.size(), 1);
    // A type the scenario itself names 'car' still clashes: two definitions, one name.
    try {
        load_scenario(write(dir, "s2.yaml", head + "vehicle_types:\n  car: {accel: 3}\n"));
        ADD_FAILURE() << "expected a clash";
    } catch (const sim::ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("vehicle type 'car' is also defined by the SUMO files"), std::string::npos) << e.what();
    }
}

// A trip with no path is a counted warning: the run goes on without it.
TEST(SumoErrors, UnreachableTripIsCountedNotFatal) {
    const std::string dir = test::scratch_dir("unreachable");
    write(dir, "r.xml", "<routes>\n  <trip id=\"ok\" depart=\"0\" from=\"121\" to=\"54\"/>\n"
                        "  <trip id=\"dead\" depart=\"0\" from=\"209\" to=\"121\"/>\n</routes>\n");
    const std::string yaml = write(dir, "s.yaml",
                                   "citytwin: 1\nname: u\nduration: 600 s\nnetwork:\n  sumo:\n    net: " +
                                       bologna("acosta_buslanes.net.xml") + "\ndemand:\n  sumo:\n    routes: r.xml\n");
    const sim::Scenario sc = load_scenario(yaml);
    const sim::TrafficSetup setup = sim::build_traffic_setup(sc);
    ASSERT_EQ(setup.trips.size(), 2);
    EXPECT_EQ(setup.unroutable.size(), 1u);
}

TEST(SumoErrors, ScenarioSectionErrors) {
    const std::string dir = test::scratch_dir("section");
    auto error_of = [&](const std::string& body) {
        try {
            load_scenario(write(dir, "s.yaml", "citytwin: 1\nname: s\nduration: 600 s\n" + body));
        } catch (const sim::ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    EXPECT_EQ(error_of("network:\n  sumo:\n    net: nosuch.net.xml\ndemand:\n  generate: {trips: 1}\n"),
              dir + "/s.yaml:6:10: network.sumo.net: no such file: '" + dir + "/nosuch.net.xml'");
    EXPECT_EQ(error_of("network:\n  grid: {rows: 2, cols: 2, spacing: 100 m}\ndemand:\n  sumo:\n    routes: x.xml\n"),
              dir + "/s.yaml:7:3: demand.sumo: a SUMO demand needs a SUMO network (network.sumo), whose edges its routes name");
}

}  // namespace
}  // namespace citytwin::io
