// The viewer's page in headless Chromium, against `citytwin view` on a small run: it draws
// (the DOM after its scripts ran), shows the vehicles on the map and moves them between
// frames (screenshot pixels), shows the compare views (side by side, difference, swipe), and
// logs nothing to the console.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "tests/viz/headless_chromium.hpp"
#include "tests/viz/png_pixels.hpp"
#include "tests/viz/view_process.hpp"
#include "tests/viz/view_run_files.hpp"

namespace {

namespace t = citytwin::testing;

#define NEED_CHROMIUM(browser)                                                                  \
    const std::string browser = t::chromium();                                                  \
    if (browser.empty()) GTEST_SKIP() << "no chromium (Debian: apt-get install chromium; scripts/setup does this)"

// The map's part of a 1400 x 900 screenshot: below the header, above the footer, left of the
// charts (300 px wide).
constexpr int kMapLeft = 0, kMapRight = 1090, kMapTop = 40, kMapBottom = 850;

// Pixels of the map that are coloured (vehicles are viridis; with no link layer the links are
// grey and the background white, so nothing else there has a hue).
std::set<std::pair<int, int>> coloured(const t::Png& png, int left = kMapLeft, int right = kMapRight) {
    std::set<std::pair<int, int>> out;
    for (int y = kMapTop; y < std::min(kMapBottom, png.height()); ++y)
        for (int x = left; x < std::min(right, png.width()); ++x) {
            const t::Pixel p = png.at(x, y);
            if (std::max({p.r, p.g, p.b}) - std::min({p.r, p.g, p.b}) > 40) out.insert({x, y});
        }
    return out;
}

std::set<std::pair<int, int>> shot(const std::string& browser, const std::string& url, const std::string& tag) {
    const std::string png = t::scratch("view", ::testing::UnitTest::GetInstance()->current_test_info()->name() + tag + ".png");
    const t::PageRun run = t::run_page(browser, url, "--screenshot=" + png, tag);
    EXPECT_TRUE(run.console.empty()) << url << ":\n" << t::joined(run.console);
    const t::Png image(png);
    EXPECT_TRUE(image.ok()) << png << ": " << run.output;
    return image.ok() ? coloured(image) : std::set<std::pair<int, int>>{};
}

TEST(ViewPage, DrawsTheRunInHeadlessChromium) {
    NEED_CHROMIUM(browser);
    const std::string file = t::run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const t::PageRun page = t::run_page(browser, view.url() + "#links=speed&vehicles=true&t=240", "--dump-dom");
    const std::string& dom = page.output;
    EXPECT_TRUE(page.console.empty()) << t::joined(page.console);
    EXPECT_NE(dom.find("data-drawn=\""), std::string::npos) << dom;
    EXPECT_NE(dom.find("<span id=\"status\" role=\"status\"></span>"), std::string::npos) << dom;   // no error shown
    EXPECT_NE(dom.find("vehicle speed:"), std::string::npos) << dom;                                 // the legend
    EXPECT_NE(dom.find("cli-small"), std::string::npos) << dom;
    EXPECT_NE(dom.find("data-series=\"vehicles\""), std::string::npos) << dom;                       // the charts
    EXPECT_NE(dom.find("07:34:00"), std::string::npos) << dom;                                       // clock: start + 240 s
    EXPECT_EQ(dom.find("data-vehicles=\"0\""), std::string::npos) << dom;
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewPage, ShowsVehiclesOnTheMapAndMovesThemAsTheTimeChanges) {
    NEED_CHROMIUM(browser);
    const std::string file = t::run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const double a = t::h5_value(file, "/traffic/vehicles/time", 4, 0), b = t::h5_value(file, "/traffic/vehicles/time", 5, 0);
    const auto at = [&](double time, const std::string& tag, bool vehicles = true) {
        return shot(browser, view.url() + "#links=&vehicles=" + (vehicles ? "true" : "false") + "&t=" + std::to_string(time), tag);
    };
    const auto first = at(a, "-a"), middle = at((a + b) / 2, "-mid"), second = at(b, "-b"), without = at(a, "-none", false);
    EXPECT_GT(first.size(), 200u);              // a hundred vehicles or more, 5 x 5 px each
    EXPECT_LT(without.size(), first.size() / 20);
    ASSERT_GT(middle.size(), 200u);
    // Halfway the vehicles stand between their two frames' places: neither picture.
    EXPECT_NE(middle, first);
    EXPECT_NE(middle, second);
    EXPECT_NE(first, second);
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewPage, ShowsTheComparisonSideBySideAsADifferenceAndAsASwipe) {
    NEED_CHROMIUM(browser);
    const std::string base = t::run_file("tests/data/cli/small.yaml");
    const std::string variant = t::run_file("tests/data/cli/small.yaml", "--set seed=6");
    t::ViewProcess view({variant, "--compare", base, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const t::PageRun split_page = t::run_page(browser, view.url() + "#links=density&side=split&t=240", "--dump-dom", "-split");
    const std::string& split = split_page.output;
    EXPECT_TRUE(split_page.console.empty()) << t::joined(split_page.console);
    EXPECT_NE(split.find("data-drawn=\""), std::string::npos) << split;
    EXPECT_NE(split.find("<span id=\"status\" role=\"status\"></span>"), std::string::npos) << split;
    const t::PageRun diff_page = t::run_page(browser, view.url() + "#links=density&side=diff&t=240", "--dump-dom", "-diff");
    const std::string& diff = diff_page.output;
    EXPECT_TRUE(diff_page.console.empty()) << t::joined(diff_page.console);
    EXPECT_NE(diff.find("(variant − base)"), std::string::npos) << diff;
    // Vehicles on both halves, base left and variant right.
    const auto both = shot(browser, view.url() + "#links=&vehicles=true&side=split&t=300", "-split-shot");
    std::size_t left = 0;
    for (const auto& [x, y] : both) left += x < kMapRight / 2 ? 1 : 0;
    EXPECT_GT(left, 100u);
    EXPECT_GT(both.size() - left, 100u);

    // The swipe: its slider shown, base left and variant right of the divider.
    const std::string url = view.url() + "#links=&vehicles=true&side=swipe&swipe=0.5&t=300";
    const t::PageRun page = t::run_page(browser, url, "--dump-dom", "-dom");
    EXPECT_TRUE(page.console.empty()) << t::joined(page.console);
    EXPECT_NE(page.output.find("<input type=\"range\" id=\"swipe\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0.5\" title="), std::string::npos)
        << page.output;   // shown (no `hidden`)
    const std::string png = t::scratch("view", "swipe.png");
    const t::PageRun run = t::run_page(browser, url, "--screenshot=" + png, "-shot");
    EXPECT_TRUE(run.console.empty()) << t::joined(run.console);
    const t::Png image(png);
    ASSERT_TRUE(image.ok()) << run.output;
    // The divider: a dark vertical line halfway across the map (1100 px canvas).
    int dark = 0;
    for (int y = kMapTop + 20; y < kMapBottom - 20; y += 10) dark += image.near(550, y, {0, 0, 0}, 40, 1) ? 1 : 0;
    EXPECT_GT(dark, 60) << "no divider at x = 550";
    // The base's vehicles left of it and the variant's right of it, in one picture.
    EXPECT_GT(coloured(image, 0, 545).size(), 50u);
    EXPECT_GT(coloured(image, 556, kMapRight).size(), 50u);
    EXPECT_EQ(view.stop(), 0);
}

}  // namespace
