// A SUMO configuration's values: its seed as SUMO takes it, and errors that name the .sumocfg
// line of the option. One table row per configuration.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "io/sumo/sumo_config.hpp"
#include "tests/io/sumo/sumo_paths.hpp"

namespace citytwin::io {
namespace {

// A configuration with `options` inside <time> (line 3 on), next to the Bologna network.
std::string config(const std::string& dir, const std::string& options) {
    const std::string path = dir + "/c.sumocfg";
    std::ofstream(path, std::ios::binary) << "<configuration>\n  <input><net-file value=\"" << test::bologna("acosta_buslanes.net.xml")
                                          << "\"/></input>\n  <time>\n" << options << "  </time>\n</configuration>\n";
    return path;
}

// SUMO's seed is an int given to std::mt19937, which keeps it modulo 2^32.
TEST(SumoConfig, SeedsAreTakenAsSumoTakesThem) {
    const std::string dir = test::scratch_dir("config-seed");
    struct Row {
        std::string value;
        unsigned long long seed;
    };
    const Row rows[] = {{"7", 7}, {"0", 0}, {"-5", 4294967291ull}, {"-2147483648", 2147483648ull}, {"2147483647", 2147483647ull}};
    for (const Row& row : rows) {
        const SumoConfig c = read_sumo_config(config(dir, "    <seed value=\"" + row.value + "\"/>\n"));
        ASSERT_TRUE(c.seed.has_value()) << row.value;
        EXPECT_EQ(*c.seed, row.seed) << row.value;
    }
}

TEST(SumoConfig, BadValuesNameTheConfigurationLine) {
    const std::string dir = test::scratch_dir("config-errors");
    struct Row {
        std::string options;
        std::string expected;  // after "<dir>/c.sumocfg:"
    };
    const Row rows[] = {
        {"    <seed value=\"2147483648\"/>\n",
         "4:5: <seed value>: expected a whole number from -2147483648 to 2147483647 (SUMO's seed is an int), got '2147483648'"},
        {"    <seed value=\"-1e3\"/>\n",
         "4:5: <seed value>: expected a whole number from -2147483648 to 2147483647 (SUMO's seed is an int), got '-1e3'"},
        {"    <step-length value=\"3\"/>\n", "4:5: <step-length value>: step-length 3 s: citytwin's traffic step is 0.01 s to 2 s"},
        {"    <step-length value=\"0.001\"/>\n", "4:5: <step-length value>: step-length 0.001 s: citytwin's traffic step is 0.01 s to 2 s"},
        {"    <begin value=\"100\"/>\n    <end value=\"50\"/>\n", "5:5: <end value>: the end time must be after the begin time"},
        {"    <begin value=\"-5\"/>\n", "4:5: <begin value>: the begin time must not be negative"},
        {"    <begin value=\"inf\"/>\n", "4:5: <begin value>: expected a begin time in seconds, got 'inf'"},
        {"    <end value=\"1e9\"/>\n", "4:5: <end value>: end - begin is 1000000000 s; a citytwin run lasts at most 31 d (2678400 s)"},
        {"    <end value=\"1e300\"/>\n", "4:5: <end value>: end - begin is 1e+300 s; a citytwin run lasts at most 31 d (2678400 s)"},
    };
    for (const Row& row : rows) {
        const std::string path = config(dir, row.options);
        try {
            read_sumo_config(path);
            ADD_FAILURE() << "no error for " << row.options;
        } catch (const sim::ScenarioError& e) {
            EXPECT_EQ(std::string(e.what()), path + ":" + row.expected);
        }
    }
}

TEST(SumoConfig, KeysOfTheWrittenScenarioMapToTheirOptions) {
    EXPECT_EQ(sumo_option_of("traffic.step"), "step-length");
    EXPECT_EQ(sumo_option_of("demand.sumo.routes[1]"), "route-files");
    EXPECT_EQ(sumo_option_of("network.sumo.net"), "net-file");
    EXPECT_EQ(sumo_option_of("duration"), "end");
    EXPECT_EQ(sumo_option_of("name"), "");
}

}  // namespace
}  // namespace citytwin::io
