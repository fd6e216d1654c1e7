// The viewer's page under a user's hands: headless Chromium driven with real pointer and
// keyboard input through puppeteer-core (tests/viz/browser/drive_viewer.mjs, installed by
// scripts/setup). Dragging the time slider, the arrow keys, play and pause at two speeds, the
// hover box over buses, links and air cells, and choosing the compare views and dragging the
// swipe. Each interaction must leave a URL whose fresh page draws the very same pixels.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/viz/headless_chromium.hpp"
#include "tests/viz/view_process.hpp"
#include "tests/viz/view_run_files.hpp"

namespace {

namespace t = citytwin::testing;
using nlohmann::json;

const std::string kDriver = t::kSource + "tests/viz/browser/drive_viewer.mjs";

// Why the driver cannot run here, or "" when it can.
std::string driver_missing() {
    if (t::chromium().empty()) return "no chromium (Debian: apt-get install chromium; scripts/setup does this)";
    if (t::run_program("node --version").status != 0) return "no node (Debian: apt-get install nodejs; scripts/setup does this)";
    if (!std::filesystem::exists(t::kSource + "tests/viz/browser/node_modules/puppeteer-core"))
        return "no puppeteer-core in tests/viz/browser/node_modules (scripts/setup runs npm ci there)";
    return "";
}

#define NEED_DRIVER()                                            \
    if (const std::string why = driver_missing(); !why.empty()) \
    GTEST_SKIP() << why

// Runs one of the driver's scenarios against `view`; its JSON (the last line it printed).
json drive(const t::ViewProcess& view, const std::string& what) {
    const t::Result r = t::run_program("node " + kDriver + " " + t::chromium() + " '" + view.url() + "' " + what);
    const std::size_t at = r.output.rfind("\n{", r.output.size() - 2);
    const std::string line = r.output.substr(at == std::string::npos ? 0 : at + 1);
    json j = json::parse(line, nullptr, false);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_FALSE(j.is_discarded()) << r.output;
    if (j.is_discarded()) return json::object();
    EXPECT_FALSE(j.contains("error")) << j.value("error", "");
    EXPECT_TRUE(j["problems"].empty()) << j["problems"].dump(1);
    return j.contains("error") ? json::object() : j;
}

// "HH:MM:SS" for `seconds` after 07:30:00 (the test runs start then).
std::string clock_after_0730(double seconds) {
    const int s = 7 * 3600 + 30 * 60 + static_cast<int>(seconds);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
    return buf;
}

TEST(ViewInput, TheSliderKeysAndPlayMoveTheVehiclesAndTheUrlKeepsTheView) {
    NEED_DRIVER();
    const std::string file = t::run_file("tests/data/viz/town.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const json r = drive(view, "time");
    if (r.empty()) return;
    const double first = r["frames"][1], lo = r["min"], hi = r["max"];
    // Opened at the second vehicle frame.
    EXPECT_EQ(r["start"]["t"], first);
    EXPECT_EQ(r["start"]["clock"], clock_after_0730(first));
    EXPECT_GT(r["start"]["vehicles"], 20);
    EXPECT_TRUE(r["start"]["sameAsFreshPage"]) << r["start"].dump(1);

    // Dragged to 20 % of the slider: the time there (within the thumb's width), its clock, the
    // vehicles elsewhere, and a URL that opens the same picture.
    const json& d = r["dragged"];
    // With the button still held the clock already shows where the thumb is.
    EXPECT_EQ(r["held"]["t"], d["t"]) << r["held"].dump(1);
    EXPECT_EQ(r["held"]["clock"], d["clock"]);
    const double target = lo + 0.2 * (hi - lo), px = (hi - lo) / 600.0;   // the slider is wider than 600 px
    EXPECT_NEAR(d["t"].get<double>(), target, 20 * px) << d.dump(1);
    EXPECT_EQ(d["clock"], clock_after_0730(d["t"].get<double>()));
    EXPECT_NE(d["pixelHash"], r["start"]["pixelHash"]);
    EXPECT_GT(r["movedByDrag"], 100) << "coloured pixels that were not coloured before the drag";
    EXPECT_NE(d["hash"].get<std::string>().find("t=" + std::to_string(d["t"].get<int>())), std::string::npos) << d["hash"];
    EXPECT_TRUE(d["sameAsFreshPage"]) << d.dump(1);

    // Thirty right-arrow presses: thirty seconds later, the vehicles moved between frames.
    const json& k = r["keys"];
    EXPECT_EQ(k["t"].get<double>(), d["t"].get<double>() + 30);
    EXPECT_EQ(k["clock"], clock_after_0730(k["t"].get<double>()));
    EXPECT_GT(r["movedByKeys"], 10);
    EXPECT_TRUE(k["sameAsFreshPage"]) << k.dump(1);

    // Play: the label turns to pause and the clock runs, never faster than the speed allows
    // over the wall time the driver measured (0.3 s of slack for the calls around it); after
    // the switch to 1200x it runs faster than 60x could have. (Lower bounds on how fast it runs
    // would depend on the machine's load; these do not.)
    EXPECT_EQ(r["playLabel"], "pause");
    const json& p60 = r["playing"][0];
    const json& p1200 = r["playing"][1];
    const double run60 = p60["t"].get<double>() - k["t"].get<double>();
    const double run1200 = p1200["t"].get<double>() - p60["t"].get<double>();
    EXPECT_GT(run60, 0) << p60.dump(1);
    EXPECT_LE(run60, 60 * (p60["wall"].get<double>() + 0.3)) << p60.dump(1);
    EXPECT_GT(run1200, 60 * (p1200["wall"].get<double>() + 0.3)) << p1200.dump(1);
    EXPECT_LE(run1200, 1200 * (p1200["wall"].get<double>() + 0.3)) << p1200.dump(1);
    // Paused: the label back, the clock still, the speed in the URL, and the URL opens it.
    const json& q = r["paused"];
    EXPECT_EQ(r["pauseLabel"], "play");
    EXPECT_EQ(r["pausedLater"]["t"], q["t"]);
    EXPECT_EQ(r["pausedLater"]["clock"], q["clock"]);
    EXPECT_GE(q["t"].get<double>(), p1200["t"].get<double>());
    EXPECT_NE(q["hash"].get<std::string>().find("speed=1200"), std::string::npos) << q["hash"];
    EXPECT_TRUE(q["sameAsFreshPage"]) << q.dump(1);
    EXPECT_EQ(q["freshClock"], q["clock"]);
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewInput, HoverNamesTheBusLinkOrAirCellUnderThePointerWithItsValue) {
    NEED_DRIVER();
    const std::string file = t::run_file("tests/data/viz/town.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const json r = drive(view, "hover");
    if (r.empty()) return;
    // At every place the pointer went the box named what lies there (the bus, the link as
    // drawn, which for a two-way street is one of two lines 5 px apart, or the air cell), with
    // the API's value at the clock's frame.
    EXPECT_EQ(r["wrongCount"], 0) << r["wrong"].dump(1);
    EXPECT_EQ(r["buses"], r["busesInNetwork"]) << r.dump(1);
    EXPECT_EQ(r["links"], r["linksInNetwork"]) << r.dump(1);   // both directions of every street
    EXPECT_GT(r["cells"], 50) << r.dump(1);
    EXPECT_LT(r["unsure"].get<int>(), r["targets"].get<int>() / 20) << r.dump(1);
    EXPECT_TRUE(r["hiddenAfterLeaving"]);
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewInput, TheCompareViewsAreChosenAndTheSwipeDragged) {
    NEED_DRIVER();
    const std::string base = t::run_file("tests/data/cli/small.yaml");
    const std::string variant = t::run_file("tests/data/cli/small.yaml", "--set seed=6");
    t::ViewProcess view({variant, "--compare", base, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const json r = drive(view, "compare");
    if (r.empty()) return;
    for (const char* side : {"run", "base", "split", "swipe", "swiped", "diff"}) {
        EXPECT_TRUE(r[side]["sameAsFreshPage"]) << side << ": " << r[side].dump(1);
        EXPECT_EQ(r[side]["status"], "") << side;
    }
    EXPECT_GT(r["run"]["vehicles"], 20);
    EXPECT_GT(r["runVersusBase"], 100) << "the base (another seed) shows its own vehicles";
    EXPECT_NE(r["split"]["hash"].get<std::string>().find("side=split"), std::string::npos);
    EXPECT_GT(r["split"]["left"], 100);
    EXPECT_GT(r["split"]["right"], 100);
    // The swipe's slider appears; dragged to a quarter, the divider follows it.
    EXPECT_FALSE(r["split"]["swipeShown"]);
    EXPECT_TRUE(r["swipe"]["swipeShown"]);
    const int width = r["swipe"]["width"];
    EXPECT_NEAR(r["swipe"]["divider"].get<int>(), width / 2, 2) << r["swipe"].dump(1);
    // (A quarter of the slider's box, less the thumb's half width at that end.)
    EXPECT_EQ(r["swipeHeld"]["swipe"], r["swiped"]["swipe"]);
    EXPECT_GT(r["swiped"]["swipe"].get<double>(), 0.1) << r["swiped"].dump(1);
    EXPECT_LT(r["swiped"]["swipe"].get<double>(), 0.3) << r["swiped"].dump(1);
    EXPECT_NEAR(r["swiped"]["divider"].get<int>(), r["swiped"]["swipe"].get<double>() * width, 2) << r["swiped"].dump(1);
    EXPECT_GT(r["swiped"]["dividerRows"].get<int>(), r["swiped"]["height"].get<int>() * 9 / 10);
    // The difference of a link layer, named in the legend.
    EXPECT_NE(r["diff"]["legend"].get<std::string>().find("(variant − base)"), std::string::npos) << r["diff"].dump(1);
    EXPECT_NE(r["diff"]["hash"].get<std::string>().find("links=density"), std::string::npos);
    EXPECT_EQ(view.stop(), 0);
}

}  // namespace
