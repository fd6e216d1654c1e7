// `citytwin import sumo`: a configuration becomes a scenario that refers to SUMO's files and
// runs; bad input exits with status 2 and says where.
#include <filesystem>
#include <fstream>

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "tests/cli/cli_process.hpp"

namespace {

using citytwin::testing::run;
using citytwin::testing::scratch;

const std::string kBologna = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/sumo/bologna-acosta/";

TEST(CliImportSumo, ConfigurationImportsValidatesAndRuns) {
    const std::string yaml = scratch("import-sumo", "acosta.yaml");
    const auto r = run("import sumo " + kBologna + "run.sumocfg -o " + yaml + " --name acosta");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("178 edges, 266 lanes"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("8779 vehicles of 13 types"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("542 stops"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("warning: SUMO files: not represented: 58 detectors"), std::string::npos) << r.output;
    std::ifstream in(yaml);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("acosta_buslanes.net.xml"), std::string::npos);  // referred to, not copied
    EXPECT_NE(text.find("gui-settings-file"), std::string::npos);        // listed as not used
    const std::string out = scratch("import-sumo", "acosta.h5");
    const auto ran = run("run --overwrite " + yaml + " --set duration=600s --threads 2 -q -o " + out);
    ASSERT_EQ(ran.status, 0) << ran.output;
    const auto info = run("info --json " + out);
    EXPECT_NE(info.output.find("\"trips_arrived\""), std::string::npos);
    // The run file keeps SUMO's names: vType ids by type index (the members of the
    // vTypeDistributions private and ignoring, and bus), vehicle ids by trip id (trip 0
    // is the first vehicle of the first route file, departing at 0).
    citytwin::io::h5::LibraryLock lock;
    citytwin::io::h5::Handle f = citytwin::io::h5::open_file_read_only(out);
    const std::vector<std::string> types = citytwin::io::h5::read_strings(citytwin::io::h5::open_dataset(f, "traffic/types/name"));
    EXPECT_EQ(types.size(), 13u);
    for (const char* vtype : {"passenger1", "ignoring5", "bus"}) EXPECT_NE(std::find(types.begin(), types.end(), vtype), types.end()) << vtype;
    const std::vector<std::string> names = citytwin::io::h5::read_strings(citytwin::io::h5::open_dataset(f, "traffic/trip_names/name"));
    const std::vector<std::int32_t> ids = citytwin::io::h5::read_all<std::int32_t>(citytwin::io::h5::open_dataset(f, "traffic/trips/id"));
    ASSERT_EQ(names.size(), ids.size());
    EXPECT_EQ(names.front(), "Audinot_7_0");
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
    EXPECT_EQ(std::count(names.begin(), names.end(), ""), 0);
    EXPECT_NE(std::find(names.begin(), names.end(), "bus_130_0"), names.end());
}

TEST(CliImportSumo, LooseFilesImport) {
    const std::string yaml = scratch("import-sumo", "loose.yaml");
    const auto r = run("import sumo --net " + kBologna + "acosta_buslanes.net.xml --routes " + kBologna +
                       "acosta_busses.rou.xml --additional " + kBologna + "acosta_vtypes.add.xml --additional " + kBologna +
                       "acosta_bus_stops.add.xml --end 1800 -o " + yaml);
    ASSERT_EQ(r.status, 0) << r.output;
    // 157 buses, 82 of which depart after the 1800 s end and are left out, as SUMO leaves them.
    EXPECT_NE(r.output.find("75 vehicles"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("82 vehicles departing outside the simulated period"), std::string::npos) << r.output;
}

TEST(CliImportSumo, BadInputExitsWith2) {
    const std::string dir = scratch("import-sumo", "bad");
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/cut.sumocfg") << "<configuration>\n  <input>\n    <net-file value=\"x.net.xml\"/>\n";
    const auto cut = run("import sumo " + dir + "/cut.sumocfg -o " + dir + "/s.yaml");
    EXPECT_EQ(cut.status, 2);
    EXPECT_NE(cut.output.find(dir + "/cut.sumocfg:4:1: not well-formed XML"), std::string::npos) << cut.output;
    const auto missing = run("import sumo " + dir + "/nosuch.sumocfg -o " + dir + "/s.yaml");
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.output.find("nosuch.sumocfg: cannot read the file: no such file"), std::string::npos) << missing.output;
    std::ofstream(dir + "/nonet.sumocfg") << "<configuration><input><route-files value=\"r.xml\"/></input></configuration>\n";
    const auto nonet = run("import sumo " + dir + "/nonet.sumocfg -o " + dir + "/s.yaml");
    EXPECT_EQ(nonet.status, 2);
    EXPECT_NE(nonet.output.find("the configuration names no net-file"), std::string::npos) << nonet.output;
    const auto none = run("import sumo -o " + dir + "/s.yaml");
    EXPECT_EQ(none.status, 2);
    struct Row {
        std::string args, expected;
    };
    const Row rows[] = {
        {" --begin nan", "citytwin: error: --begin: expected a SUMO time >= 0 s, got nan"},
        {" --begin -5", "citytwin: error: --begin: expected a SUMO time >= 0 s, got -5"},
        {" --end inf", "citytwin: error: --end: expected a SUMO time in seconds, got inf"},
    };
    for (const Row& row : rows) {
        const auto r = run("import sumo " + kBologna + "run.sumocfg -o " + dir + "/s.yaml" + row.args);
        EXPECT_EQ(r.status, 2) << r.output;
        EXPECT_NE(r.output.find(row.expected), std::string::npos) << r.output;
    }
}

// A value the configuration gives and the written scenario rejects is reported at the
// .sumocfg line of its option (it once named the generated YAML, a file the user never wrote).
TEST(CliImportSumo, ErrorsInConfigurationValuesNameTheConfiguration) {
    const std::string dir = scratch("import-sumo", "located");
    std::filesystem::create_directories(dir);
    const std::string net = kBologna + "acosta_buslanes.net.xml";
    struct Row {
        std::string input, time, extra_args;
        std::string expected;  // a part of the message
    };
    const Row rows[] = {
        {"    <net-file value=\"nosuch.net.xml\"/>\n    <route-files value=\"" + kBologna + "acosta.rou.xml\"/>\n",
         "    <end value=\"600\"/>\n", "",
         dir + "/c.sumocfg:3:5: <net-file value>: no such file: '" + dir + "/nosuch.net.xml' (written to " + dir +
             "/s.yaml as network.sumo.net)"},
        {"    <net-file value=\"" + net + "\"/>\n    <route-files value=\"gone.rou.xml\"/>\n", "    <end value=\"600\"/>\n", "",
         dir + "/c.sumocfg:4:5: <route-files value>: no such file: '" + dir + "/gone.rou.xml' (written to " + dir +
             "/s.yaml as demand.sumo.routes[0])"},
        {"    <net-file value=\"" + net + "\"/>\n    <route-files value=\"" + kBologna + "acosta.rou.xml\"/>\n",
         "    <step-length value=\"5\"/>\n", "", dir + "/c.sumocfg:7:5: <step-length value>: step-length 5 s"},
        {"    <net-file value=\"" + net + "\"/>\n    <route-files value=\"" + kBologna + "acosta.rou.xml\"/>\n",
         "    <seed value=\"-5\"/>\n    <end value=\"600\"/>\n", " --end 1e9",
         "--end: must be at most 31 d, got '1000000000 s' (written to " + dir + "/s.yaml as duration)"},
    };
    for (const Row& row : rows) {
        std::ofstream(dir + "/c.sumocfg", std::ios::trunc)
            << "<configuration>\n  <input>\n" << row.input << "  </input>\n  <time>\n" << row.time << "  </time>\n</configuration>\n";
        std::filesystem::remove(dir + "/s.yaml");
        const auto r = run("import sumo " + dir + "/c.sumocfg -o " + dir + "/s.yaml" + row.extra_args);
        EXPECT_EQ(r.status, 2) << r.output;
        EXPECT_NE(r.output.find(row.expected), std::string::npos) << r.output;
        EXPECT_FALSE(std::filesystem::exists(dir + "/s.yaml")) << "a scenario that does not load is not left behind";
    }
}

// --name is free text: quoted in the scenario, and the output it names stays in out/.
TEST(CliImportSumo, ANameNeverLeadsTheOutputOutOfItsFolder) {
    const std::string yaml = scratch("import-sumo", "named.yaml");
    const auto r = run("import sumo " + kBologna + "run.sumocfg -o " + yaml + " --name '../../a\"b'");
    ASSERT_EQ(r.status, 0) << r.output;
    std::ifstream in(yaml);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("name: \"../../a\\\"b\"\n"), std::string::npos) << text;
    EXPECT_NE(text.find("file: \"out/_.._.._a_b.h5\"\n"), std::string::npos) << text;
    const auto long_name = run("import sumo " + kBologna + "run.sumocfg -o " + yaml + " --name " + std::string(201, 'n'));
    EXPECT_EQ(long_name.status, 2) << long_name.output;
    EXPECT_NE(long_name.output.find("--name: a name may have at most 200 characters"), std::string::npos) << long_name.output;
}

// SUMO's seed is an int that std::mt19937 keeps modulo 2^32: -5 seeds as 4294967291.
TEST(CliImportSumo, NegativeSeedIsTakenAsSumoTakesIt) {
    const std::string dir = scratch("import-sumo", "seed");
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/c.sumocfg", std::ios::trunc)
        << "<configuration>\n  <input>\n    <net-file value=\"" << kBologna << "acosta_buslanes.net.xml\"/>\n"
        << "    <route-files value=\"" << kBologna << "acosta_busses.rou.xml\"/>\n"
        << "    <additional-files value=\"" << kBologna << "acosta_vtypes.add.xml," << kBologna << "acosta_bus_stops.add.xml\"/>\n  </input>\n"
        << "  <time>\n    <end value=\"600\"/>\n  </time>\n  <random_number>\n    <seed value=\"-5\"/>\n"
        << "  </random_number>\n</configuration>\n";
    const auto r = run("import sumo " + dir + "/c.sumocfg -o " + dir + "/s.yaml");
    ASSERT_EQ(r.status, 0) << r.output;
    std::ifstream in(dir + "/s.yaml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("seed: 4294967291\n"), std::string::npos) << text;
}

}  // namespace
