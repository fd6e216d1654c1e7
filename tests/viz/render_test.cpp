// `citytwin render` pictures, checked by their pixels: links drawn where the network is and in
// the colour of their value, the legend, the difference maps, determinism, frames and videos.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/cli/cli_process.hpp"
#include "tests/viz/png_pixels.hpp"
#include "viz/map_painter.hpp"
#include "viz/map_view.hpp"

namespace {

using citytwin::testing::Png;
using citytwin::testing::run;
using citytwin::testing::run_program;
namespace t = citytwin::testing;
namespace viz = citytwin::viz;

const std::string kData = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/viz/";

std::string scratch(const std::string& name) { return t::scratch("viz", name); }

// One run per scenario and test: CTest runs the tests as processes side by side.
const std::string& run_file(const std::string& scenario) {
    static std::map<std::string, std::string> done;
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    auto [it, fresh] = done.try_emplace(scenario, scratch(test + "-" + scenario + ".h5"));
    if (fresh) {
        const auto r = run("run --overwrite " + kData + scenario + ".yaml --threads 2 -q -o " + it->second);
        EXPECT_EQ(r.status, 0) << r.output;
    }
    return it->second;
}

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The closed-street network (tests/data/viz/closed-street.yaml) as the renderer places it on a
// 1280-pixel picture: nodes W (0, 0), C (300, 0), E (600, 0), S (300, -400).
viz::MapView street_view() {
    viz::WorldBox box;
    box.add(0, 0);
    box.add(600, 0);
    box.add(300, -400);
    return viz::make_view(box, 1280);
}

// The middle of a link drawn to the right of its direction: CS runs south (down the picture, so
// its right is to the left); WC runs east (its right is down).
std::pair<double, double> middle_of_cs(const viz::MapView& v) {
    auto [x, y] = v.to_pixel(300, -200);
    return {x - viz::kLinkOffsetPx, y};
}
std::pair<double, double> middle_of_wc(const viz::MapView& v) {
    auto [x, y] = v.to_pixel(150, 0);
    return {x, y + viz::kLinkOffsetPx};
}

TEST(Render, ClosedStreetHasTheColourOfZeroFlowAndBusyStreetsDoNot) {
    const std::string png = scratch("flow.png");
    const auto r = run("render " + run_file("closed-street") + " --layer flow --at 08:20 -o " + png);
    ASSERT_EQ(r.status, 0) << r.output;
    const Png p(png);
    ASSERT_TRUE(p.ok());
    const viz::MapView v = street_view();
    EXPECT_EQ(p.width(), v.width);
    EXPECT_EQ(p.height(), v.height);
    const auto [cx, cy] = middle_of_cs(v);
    EXPECT_TRUE(p.near(cx, cy, t::kViridisLow)) << "CS at " << cx << ", " << cy;
    const auto [wx, wy] = middle_of_wc(v);
    EXPECT_FALSE(p.near(wx, wy, t::kWhite, 10, 0)) << "WC is drawn";
    EXPECT_FALSE(p.near(wx, wy, t::kViridisLow, 10, 0)) << "WC carries traffic";
    // Off the network the map is white.
    const auto [ox, oy] = v.to_pixel(100, -300);
    EXPECT_TRUE(p.near(ox, oy, t::kWhite, 0, 0));
}

TEST(Render, ClosedStreetHasNoSpeedAndTheLegendSaysSo) {
    const std::string png = scratch("speed.png");
    const auto r = run("render " + run_file("closed-street") + " --layer speed --at 08:20 -o " + png);
    ASSERT_EQ(r.status, 0) << r.output;
    const Png p(png);
    const viz::MapView v = street_view();
    const auto [cx, cy] = middle_of_cs(v);
    EXPECT_TRUE(p.near(cx, cy, t::kNoDataGrey, 3, 1));
    // The legend: a colour bar from the lowest to the highest colour in the panel right of the
    // map, and the no-data swatch below it.
    const double left = v.legend_left, bar_y = v.map_top + 24 + 9;
    EXPECT_TRUE(p.near(left + 1, bar_y, t::kViridisLow, 6, 0));
    EXPECT_TRUE(p.near(left + viz::kLegendWidth - viz::kMargin - 12, bar_y, t::kViridisHigh, 6, 0));
    bool swatch = false;
    for (int y = static_cast<int>(bar_y); y < static_cast<int>(bar_y) + 80; ++y) swatch = swatch || p.near(left + 10, y, t::kNoDataGrey, 2, 0);
    EXPECT_TRUE(swatch);
}

TEST(Render, EveryLinkIsDrawnAlongItsPolyline) {
    const std::string png = scratch("network.png");
    ASSERT_EQ(run("render " + run_file("closed-street") + " --layer density -o " + png).status, 0);
    const Png p(png);
    const viz::MapView v = street_view();
    // A quarter of the way along each link, where no other link passes.
    const std::pair<double, double> at[] = {{75, 0}, {525, 0}, {300, -100}, {300, -300}};
    for (auto [x, y] : at) {
        auto [px, py] = v.to_pixel(x, y);
        int drawn = 0;
        for (int d = -6; d <= 6; ++d)
            drawn += !(y == 0 ? p.near(px, py + d, t::kWhite, 0, 0) : p.near(px + d, py, t::kWhite, 0, 0));
        EXPECT_GE(drawn, 6) << "near " << x << ", " << y;   // both directions, a few pixels each
    }
}

TEST(Render, SameCommandSameFileSameBytes) {
    const std::string a = scratch("same-a.png"), b = scratch("same-b.png");
    const std::string cmd = "render " + run_file("town") + " --layer NO2 --layer vehicles --at 08:00 -o ";
    ASSERT_EQ(run(cmd + a).status, 0);
    ASSERT_EQ(run(cmd + b).status, 0);
    const std::string first = bytes_of(a);
    EXPECT_GT(first.size(), 10000u);
    EXPECT_EQ(first, bytes_of(b));
}

TEST(Render, EveryLayerDrawsAndLayersCombine) {
    for (const char* layers : {"speed", "density", "flow", "vehicles", "NOx", "NO2", "PM2.5", "CO2", "voltage", "load", "ev",
                               "NO2 --layer speed --layer vehicles", "load --layer flow"}) {
        const std::string png = scratch("layer.png");
        const auto r = run("render " + run_file("town") + " --layer " + layers + " --at 08:15 -o " + png);
        EXPECT_EQ(r.status, 0) << layers << ": " << r.output;
        EXPECT_TRUE(Png(png).ok()) << layers;
    }
}

TEST(Render, VehiclesByTypeHaveALegendOfTheScenariosTypes) {
    const std::string png = scratch("types.png");
    const auto r = run("render " + run_file("town") + " --layer vehicles --vehicles-by type --at 08:00 -o " + png);
    ASSERT_EQ(r.status, 0) << r.output;
    const Png p(png);
    viz::WorldBox box;
    box.add(0, 0);
    box.add(600, 600);   // the 4 x 4 grid, 200 m apart
    const viz::MapView v = viz::make_view(box, 1280);
    // car (type 0) and ev (type 1): the first two colours of the palette, one swatch each.
    EXPECT_TRUE(p.near(v.legend_left + 7, v.map_top + 32, t::Pixel{0x00, 0x72, 0xB2}, 3, 1));
    EXPECT_TRUE(p.near(v.legend_left + 7, v.map_top + 50, t::Pixel{0xE6, 0x9F, 0x00}, 3, 1));
    const auto bad = run("render " + run_file("town") + " --layer vehicles --vehicles-by colour -o " + png);
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.output.find("--vehicles-by 'colour': expected speed or type"), std::string::npos) << bad.output;
}

TEST(Render, ARunAgainstItselfIsUniformlyZero) {
    const std::string png = scratch("self-diff.png");
    const std::string file = run_file("closed-street");
    ASSERT_EQ(run("render " + file + " --layer speed --diff " + file + " --at 08:20 -o " + png).status, 0);
    const Png p(png);
    const viz::MapView v = street_view();
    const auto [wx, wy] = middle_of_wc(v);
    EXPECT_TRUE(p.near(wx, wy, t::kDivergingZero, 2, 0));
    // A difference file of the run and itself, its air field: every cell the neutral colour.
    const std::string town = run_file("town"), diff = scratch("self.diff.h5");
    ASSERT_EQ(run("compare " + town + " " + town + " -o " + diff).status, 0);
    const std::string field = scratch("self-diff-no2.png");
    ASSERT_EQ(run("render " + diff + " --layer NO2 --at 08:00 -o " + field).status, 0);
    const Png q(field);
    int checked = 0, neutral = 0;
    for (int y = 80; y < q.height() - 40; y += 37)
        for (int x = 40; x < q.width() - static_cast<int>(viz::kLegendWidth) - 40; x += 41) {
            ++checked;
            const t::Pixel c = q.at(x, y);
            // Cells are neutral; the network's thin lines over them are grey.
            neutral += (c.r == c.g && c.g == c.b);
        }
    EXPECT_EQ(neutral, checked);
}

TEST(Render, FramesFolderHoldsOnePngPerFrame) {
    const std::string dir = scratch("frames/");
    std::filesystem::remove_all(dir);
    const auto r = run("render " + run_file("closed-street") + " --layer vehicles --from 08:05 --to 08:10 -o " + dir);
    ASSERT_EQ(r.status, 0) << r.output;
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().extension() == ".png";
    EXPECT_EQ(n, 11u);   // vehicle frames every 30 s, 08:05 to 08:10
    EXPECT_TRUE(std::filesystem::exists(dir + "frame_00000.png"));
    EXPECT_TRUE(std::filesystem::exists(dir + "frame_00010.png"));
}

TEST(Render, VideosHaveOneFramePerRunFrame) {
    if (run_program("command -v ffprobe").status != 0) GTEST_SKIP() << "ffmpeg/ffprobe not installed";
    for (const char* ext : {".mp4", ".webm"}) {
        const std::string video = scratch(std::string("peak") + ext);
        const auto r = run("render " + run_file("town") + " --layer speed --layer vehicles --from 07:45 --to 08:15 --fps 12 -o " + video);
        ASSERT_EQ(r.status, 0) << r.output;
        const auto probe = run_program("ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames "
                                       "-of default=nokey=1:noprint_wrappers=1 " + video);
        ASSERT_EQ(probe.status, 0) << probe.output;
        EXPECT_EQ(std::stoi(probe.output), 31) << ext;   // vehicle frames every minute, 07:45 to 08:15
    }
}

}  // namespace
