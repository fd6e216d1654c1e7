// SUMO networks read lane by lane: counts against the files (counted independently with
// Python's ElementTree: normal edges, their road lanes, connections not inside junctions,
// tlLogic programs, busStop elements), right of way, and signal states on the right movements.
#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "io/sumo/sumo_net_reader.hpp"
#include "sim/traffic/road_network.hpp"
#include "tests/io/sumo/sumo_paths.hpp"

namespace citytwin::io {
namespace {

using test::bologna;

TEST(SumoNet, BolognaCounts) {
    SumoNotes notes;
    const sim::LaneNetworkSpec net = read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes);
    EXPECT_EQ(net.edges.size(), 178u);
    std::size_t lanes = 0;
    for (const auto& e : net.edges) lanes += e.lanes.size();
    EXPECT_EQ(lanes, 266u);
    EXPECT_EQ(net.connections.size(), 351u);
    EXPECT_EQ(net.programs.size(), 7u);
    EXPECT_EQ(net.stops.size(), 35u);
    EXPECT_EQ(notes.counts.at("detectors"), 58);  // acosta_detectors.add.xml: not represented, counted
    EXPECT_NE(net.projection.find("+proj=utm +zone=32"), std::string::npos);
}

TEST(SumoNet, Cologne8Counts) {
    if (!test::have_cologne8()) GTEST_SKIP() << "cologne8 not found under " << CITYTWIN_SHARED_DATA << "/sumo (licence: read it from the shared data)";
    SumoNotes notes;
    const sim::LaneNetworkSpec net = read_sumo_net(test::cologne8("cologne8.net.xml"), {}, notes);
    EXPECT_EQ(net.edges.size(), 149u);
    EXPECT_EQ(net.programs.size(), 8u);
    EXPECT_TRUE(notes.empty()) << notes.summary();  // road lanes only: nothing left out
}

// The additional file's "utopia" programs replace the network's own (SUMO runs the program
// loaded last), and each signalised connection reads the state column of its linkIndex.
TEST(SumoNet, SignalStatesReachTheRightMovements) {
    SumoNotes notes;
    const sim::LaneNetworkSpec spec = read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes);
    const auto p = std::find_if(spec.programs.begin(), spec.programs.end(), [](auto& x) { return x.id == "221"; });
    ASSERT_NE(p, spec.programs.end());
    EXPECT_EQ(p->program_id, "utopia");
    const sim::RoadNetwork net = sim::build_lane_network(spec);
    // <connection from="1" to="204a[0]" fromLane="0" toLane="0" tl="221" linkIndex="3" dir="l"/>
    const std::int32_t from = net.link_by_id.at("1"), to = net.link_by_id.at("204a[0]");
    std::int32_t conn = -1;
    for (std::int32_t c = 0; c < net.connections(); ++c)
        if (net.conn_from_link[c] == from && net.conn_to_link[c] == to && net.lane_index[net.conn_from_lane[c]] == 0) conn = c;
    ASSERT_GE(conn, 0);
    EXPECT_EQ(net.conn_turn[conn], sim::TurnKind::Left);
    const std::int32_t plan = net.conn_plan[conn];
    ASSERT_GE(plan, 0);
    EXPECT_EQ(net.conn_plan_slot[conn], 3);
    ASSERT_EQ(net.plan_phase_begin[plan + 1] - net.plan_phase_begin[plan], static_cast<std::int32_t>(p->phases.size()));
    for (std::size_t k = 0; k < p->phases.size(); ++k) {
        const std::int32_t phase = net.plan_phase_begin[plan] + static_cast<std::int32_t>(k);
        EXPECT_EQ(net.phase_state[net.phase_state_begin[phase] + 3], static_cast<std::uint8_t>(p->phases[k].state[3])) << k;
        EXPECT_DOUBLE_EQ(net.phase_duration[phase], p->phases[k].duration_s);
    }
}

// Right of way from the junction's <request> rows: at priority junction 258347996 of cologne8
// the minor left turn 23840887#3 -> -297047310#2 (request 5, response "000101") yields to
// links 0 and 2, the straight major movement -297047310#3 -> -297047310#2 (request 2) to none.
TEST(SumoNet, RightOfWayFromRequests) {
    if (!test::have_cologne8()) GTEST_SKIP() << "cologne8 not found under " << CITYTWIN_SHARED_DATA << "/sumo";
    SumoNotes notes;
    const sim::RoadNetwork net = sim::build_lane_network(read_sumo_net(test::cologne8("cologne8.net.xml"), {}, notes));
    auto find = [&](const char* a, const char* b) {
        for (std::int32_t c = 0; c < net.connections(); ++c)
            if (net.link_id[net.conn_from_link[c]] == a && net.link_id[net.conn_to_link[c]] == b) return c;
        return -1;
    };
    const std::int32_t minor = find("23840887#3", "-297047310#2"), major = find("-297047310#3", "-297047310#2");
    ASSERT_GE(minor, 0);
    ASSERT_GE(major, 0);
    EXPECT_EQ(net.conn_static_state[major], sim::kGreenMajor);
    EXPECT_EQ(net.conn_foe_begin[major + 1] - net.conn_foe_begin[major], 0);
    EXPECT_EQ(net.conn_static_state[minor], sim::kGreenMinor);
    std::vector<std::int32_t> foes(net.foe_conn.begin() + net.conn_foe_begin[minor], net.foe_conn.begin() + net.conn_foe_begin[minor + 1]);
    EXPECT_EQ(foes.size(), 2u);
    EXPECT_NE(std::find(foes.begin(), foes.end(), major), foes.end());
}

// Each connection's way through its junction: the internal lane its via names, or a split left
// turn's chain of two summed; the connections its way crosses (the request's foes); keepClear.
TEST(SumoNet, WaysThroughJunctions) {
    SumoNotes notes;
    const sim::LaneNetworkSpec spec = read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes);
    auto find = [&](const char* a, const char* b, std::int32_t from_lane) {
        for (std::size_t c = 0; c < spec.connections.size(); ++c) {
            const sim::ConnectionEntry& e = spec.connections[c];
            if (spec.edges[e.from_edge].id == a && spec.edges[e.to_edge].id == b && e.from_lane == from_lane)
                return static_cast<std::int32_t>(c);
        }
        return -1;
    };
    const std::int32_t left = find("1", "204a[0]", 0);   // via :1_3_0, 14.82 m; foes 00111
    ASSERT_GE(left, 0);
    EXPECT_NEAR(spec.connections[left].via_length_m, 14.82, 1e-9);
    std::vector<std::int32_t> crosses = spec.connections[left].crosses;
    std::vector<std::int32_t> through = {find("201c", "204a[0]", 0), find("201c", "204a[0]", 1), find("201c", "204a[0]", 2)};
    std::sort(crosses.begin(), crosses.end());
    std::sort(through.begin(), through.end());
    EXPECT_EQ(crosses, through);
    const std::int32_t split = find("103", "16", 1);   // via :12_2_0 (4.92 m), then :12_9_0 (12.00 m)
    ASSERT_GE(split, 0);
    EXPECT_NEAR(spec.connections[split].via_length_m, 16.92, 1e-9);
    EXPECT_NEAR(spec.connections[split].via_after_wait_m, 12.00, 1e-9);   // beyond the waiting point
    EXPECT_EQ(spec.connections[left].via_after_wait_m, 0.0);              // not split
    const std::int32_t keep = find("67", "26", 0);     // keepClear="0"
    ASSERT_GE(keep, 0);
    EXPECT_FALSE(spec.connections[keep].keep_clear);
    EXPECT_TRUE(spec.connections[left].keep_clear);
}

TEST(SumoNet, LanePermissions) {
    SumoNotes notes;
    const sim::RoadNetwork net =
        sim::build_lane_network(read_sumo_net(bologna("acosta_buslanes.net.xml"), test::bologna_additional(), notes));
    std::size_t bus_only = 0;
    for (std::uint8_t a : net.lane_allow) bus_only += a == sim::kClassBus;
    EXPECT_EQ(bus_only, 21u);  // lanes of normal edges with allow="bus" in the net file
    EXPECT_EQ(sumo_lane_classes(nullptr, nullptr), sim::kClassAllRoad);
    const std::string peds = "pedestrian bicycle", taxi = "taxi";
    EXPECT_EQ(sumo_lane_classes(&peds, nullptr), 0);
    EXPECT_EQ(sumo_lane_classes(nullptr, &taxi), sim::kClassAllRoad);  // cars still pass
}

}  // namespace
}  // namespace citytwin::io

namespace citytwin::io {
namespace {

// Files as SUMO writes them: CRLF line ends, comments, namespaces, a sidewalk as lane 0
// (dropped: road lanes are renumbered), a walking area (counted), no internal lanes.
TEST(SumoNet, SidewalksCommentsCrlfNamespaces) {
    const std::string dir = test::scratch_dir("handwritten");
    const std::string net =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- generated by hand -->\r\n"
        "<net version=\"1.16\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:noNamespaceSchemaLocation=\"http://sumo.dlr.de/xsd/net_file.xsd\">\r\n"
        "  <location netOffset=\"0.00,0.00\" projParameter=\"!\"/>\r\n"
        "  <edge id=\":B_w0\" function=\"walkingarea\"><lane id=\":B_w0_0\" index=\"0\" allow=\"pedestrian\" speed=\"1\" length=\"3\"/></edge>\r\n"
        "  <edge id=\"AB\" from=\"A\" to=\"B\" priority=\"2\">\r\n"
        "    <lane id=\"AB_0\" index=\"0\" allow=\"pedestrian\" speed=\"2.78\" length=\"100\"/>\r\n"
        "    <lane id=\"AB_1\" index=\"1\" disallow=\"pedestrian\" speed=\"13.89\" length=\"100\"/>\r\n"
        "  </edge>\r\n"
        "  <edge id=\"BC\" from=\"B\" to=\"C\" priority=\"2\">\r\n"
        "    <lane id=\"BC_0\" index=\"0\" speed=\"13.89\" length=\"80\"/>\r\n  </edge>\r\n"
        "  <junction id=\"A\" type=\"dead_end\" x=\"0\" y=\"0\" incLanes=\"\" intLanes=\"\"/>\r\n"
        "  <junction id=\"B\" type=\"priority\" x=\"100\" y=\"0\" incLanes=\"AB_0 AB_1\" intLanes=\"\">\r\n"
        "    <request index=\"0\" response=\"0\" foes=\"0\" cont=\"0\"/>\r\n  </junction>\r\n"
        "  <junction id=\"C\" type=\"dead_end\" x=\"180\" y=\"0\" incLanes=\"BC_0\" intLanes=\"\"/>\r\n"
        "  <connection from=\"AB\" to=\"BC\" fromLane=\"1\" toLane=\"0\" dir=\"s\" state=\"M\"/>\r\n"
        "</net>\r\n";
    std::ofstream(dir + "/h.net.xml", std::ios::binary) << net;
    SumoNotes notes;
    const sim::LaneNetworkSpec spec = read_sumo_net(dir + "/h.net.xml", {}, notes);
    ASSERT_EQ(spec.edges.size(), 2u);
    EXPECT_EQ(spec.edges[0].lanes.size(), 1u);  // the sidewalk is gone
    ASSERT_EQ(spec.connections.size(), 1u);
    EXPECT_EQ(spec.connections[0].from_lane, 0);  // SUMO's lane 1 is road lane 0
    EXPECT_EQ(notes.counts.at("lanes for pedestrians, bicycles or rail only"), 1);
    EXPECT_EQ(notes.counts.at("pedestrian crossings and walking areas"), 1);
    const sim::RoadNetwork rn = sim::build_lane_network(spec);
    EXPECT_EQ(rn.lanes(), 2);
    EXPECT_EQ(rn.conn_static_state[0], sim::kGreenMajor);
}

}  // namespace
}  // namespace citytwin::io
