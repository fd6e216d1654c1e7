// `citytwin view`: the server started on a free port over a small run, every endpoint fetched
// and checked against the file (read here with HDF5's own API), bad requests answered with
// 4xx JSON, the compare mode, the page, and a clean stop on SIGINT. The binary answers are
// view_binary_test.cpp's, the page in a browser view_page_test.cpp's.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/viz/view_process.hpp"
#include "tests/viz/view_run_files.hpp"

namespace {

namespace t = citytwin::testing;
using t::Answer;
using t::get;
using t::h5_length;
using t::h5_value;
using t::json;
using t::kSource;
using t::run_file;

TEST(View, ServesEveryEndpointOfARunWithTheFilesValues) {
    const std::string file = run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    EXPECT_EQ(view.url().rfind("http://127.0.0.1:", 0), 0u) << view.url();

    const Answer meta = get(view.port(), "/api/meta");
    ASSERT_EQ(meta.status, 200);
    EXPECT_EQ(meta.body["scenario"], "cli-small");
    const auto links = h5_length(file, "/network/links/lanes");
    EXPECT_EQ(meta.body["links"], links);
    std::map<std::string, json> layers;
    for (const auto& l : meta.body["layers"]) layers[l["name"]] = l;
    ASSERT_TRUE(layers.count("speed") && layers.count("density") && layers.count("flow") && layers.count("vehicles"));
    EXPECT_FALSE(layers.count("NO2"));   // small.yaml has no air model
    EXPECT_EQ(layers["speed"]["times"].size(), h5_length(file, "/traffic/time"));
    EXPECT_EQ(layers["vehicles"]["times"].size(), h5_length(file, "/traffic/vehicles/time"));

    const Answer net = get(view.port(), "/api/network");
    ASSERT_EQ(net.status, 200);
    EXPECT_EQ(net.body["links"], links);
    EXPECT_EQ(net.body["ids"].size(), links);
    EXPECT_EQ(net.body["shape_offset"].size(), links + 1);
    EXPECT_EQ(net.body["x"].size(), h5_length(file, "/network/links/shape_x"));
    EXPECT_DOUBLE_EQ(net.body["x"][3].get<double>(), h5_value(file, "/network/links/shape_x", 3, 0));

    // A link's series value at a time index equals the file's (density: no unit change).
    const hsize_t frame = 2, link = 5;
    const Answer density = get(view.port(), "/api/links?layer=density&frame=2");
    ASSERT_EQ(density.status, 200) << density.body.dump();
    ASSERT_EQ(density.body["values"].size(), links);
    EXPECT_EQ(density.body["time"].get<double>(), h5_value(file, "/traffic/time", frame, 0));
    EXPECT_NEAR(density.body["values"][link].get<double>(), h5_value(file, "/traffic/links/density", frame, link), 1e-6);
    // Speed in km/h, NaN (no vehicles) as null.
    const Answer speed = get(view.port(), "/api/links?layer=speed&frame=2");
    ASSERT_EQ(speed.status, 200);
    for (hsize_t k = 0; k < links; ++k) {
        const double v = h5_value(file, "/traffic/links/mean_speed", frame, k);
        if (std::isnan(v)) EXPECT_TRUE(speed.body["values"][k].is_null());
        else EXPECT_NEAR(speed.body["values"][k].get<double>(), v * 3.6, 1e-4);
    }

    const Answer vehicles = get(view.port(), "/api/vehicles?frame=3");
    ASSERT_EQ(vehicles.status, 200);
    const double first = h5_value(file, "/traffic/vehicles/offset", 3, 0), count = h5_value(file, "/traffic/vehicles/count", 3, 0);
    ASSERT_GT(count, 0);
    EXPECT_EQ(vehicles.body["count"].get<double>(), count);
    EXPECT_EQ(vehicles.body["x"].size(), static_cast<std::size_t>(count));
    EXPECT_NEAR(vehicles.body["x"][0].get<double>(), h5_value(file, "/traffic/vehicles/x", static_cast<hsize_t>(first), 0), 1e-3);
    EXPECT_NEAR(vehicles.body["speed"][0].get<double>(),
                h5_value(file, "/traffic/vehicles/speed", static_cast<hsize_t>(first), 0) * 3.6, 1e-3);

    // The same request again comes from the cache, unchanged.
    EXPECT_EQ(get(view.port(), "/api/links?layer=density&frame=2").body, density.body);
    EXPECT_EQ(view.stop(SIGINT), 0) << view.output();
    EXPECT_NE(view.output().find("viewer stopped"), std::string::npos) << view.output();
}

TEST(View, BadRequestsGetJsonErrorsAndTheServerKeepsServing) {
    const std::string file = run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const std::map<std::string, int> bad = {
        {"/api/links", 400},                                 // no layer
        {"/api/links?layer=speed", 400},                     // no frame
        {"/api/links?layer=speed&frame=-1", 400},
        {"/api/links?layer=speed&frame=abc", 400},
        {"/api/links?layer=speed&frame=99999", 404},
        {"/api/links?layer=NO3&frame=0", 400},
        {"/api/links?layer=NO2&frame=0", 400},               // an air layer asked of links
        {"/api/air?layer=NO2&frame=0", 404},                 // no air model in this run
        {"/api/buses?layer=voltage&frame=0", 404},
        {"/api/links?layer=speed&frame=0&side=diff", 400},   // no --compare
        {"/api/links?layer=speed&frame=0&bogus=1", 400},
        {"/api/vehicles?frame=100000", 404},
        {"/../../etc/passwd", 404},
        {"/viewer.js/../../CMakeLists.txt", 404},
        {"/nothing", 404},
    };
    for (const auto& [path, status] : bad) {
        const Answer a = get(view.port(), path);
        EXPECT_EQ(a.status, status) << path << ": " << a.body.dump();
        EXPECT_TRUE(a.body.is_object() && a.body["error"].is_string()) << path << ": " << a.body.dump();
    }
    EXPECT_EQ(get(view.port(), "/api/meta").status, 200);
    EXPECT_EQ(view.stop(SIGTERM), 0) << view.output();
}

TEST(View, ServesThePageAndItsScript) {
    const std::string file = run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    httplib::Client c("127.0.0.1", view.port());
    const auto page = c.Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<canvas id=\"map\""), std::string::npos);
    const auto script = c.Get("/viewer.js");
    ASSERT_TRUE(script);
    EXPECT_EQ(script->status, 200);
    EXPECT_NE(script->get_header_value("Content-Type").find("javascript"), std::string::npos);
    EXPECT_EQ(view.stop(), 0);
}

TEST(View, ServesAirAndBusesOfARunWithThem) {
    const std::string file = run_file("tests/data/viz/town.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const Answer air = get(view.port(), "/api/air?layer=NOx&frame=4");
    ASSERT_EQ(air.status, 200) << air.body.dump();
    const std::size_t nx = air.body["nx"], ny = air.body["ny"];
    ASSERT_EQ(air.body["values"].size(), nx * ny);
    const std::size_t cell = nx * (ny / 2) + nx / 2;
    const double in_file = t::h5_block<double>(file, "/air/concentration/NOx", {4, ny / 2, nx / 2}, {1, 1, 1}, H5T_NATIVE_DOUBLE)[0];
    EXPECT_NEAR(air.body["values"][cell].get<double>(), in_file, 1e-6);
    const Answer buses = get(view.port(), "/api/buses?layer=voltage&frame=0");
    ASSERT_EQ(buses.status, 200) << buses.body.dump();
    EXPECT_EQ(buses.body["values"].size(), buses.body["ids"].size());
    EXPECT_GT(buses.body["ids"].size(), 0u);
    EXPECT_EQ(view.stop(), 0);
}

TEST(View, ComparesAVariantWithItsBase) {
    const std::string base = run_file("tests/data/cli/small.yaml");
    const std::string variant = run_file("tests/data/cli/small.yaml", "--set seed=6");
    t::ViewProcess view({variant, "--compare", base, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const Answer meta = get(view.port(), "/api/meta");
    EXPECT_EQ(meta.body["base"], base);
    const Answer diff = get(view.port(), "/api/links?layer=density&frame=2&side=diff");
    ASSERT_EQ(diff.status, 200) << diff.body.dump();
    EXPECT_TRUE(diff.body["difference"].get<bool>());
    const hsize_t link = 5;
    EXPECT_NEAR(diff.body["values"][link].get<double>(),
                h5_value(variant, "/traffic/links/density", 2, link) - h5_value(base, "/traffic/links/density", 2, link), 1e-5);
    const Answer b = get(view.port(), "/api/links?layer=density&frame=2&side=base");
    EXPECT_NEAR(b.body["values"][link].get<double>(), h5_value(base, "/traffic/links/density", 2, link), 1e-6);
    EXPECT_EQ(get(view.port(), "/api/vehicles?frame=1&side=base").status, 200);
    EXPECT_EQ(view.stop(), 0);
}

TEST(View, RefusesFilesThatAreNotRunsAndBusyPorts) {
    const auto missing = t::run("view " + t::scratch("view", "missing.h5") + " --port 0");
    EXPECT_EQ(missing.status, 2) << missing.output;
    EXPECT_NE(missing.output.find("no such file"), std::string::npos) << missing.output;
    const auto yaml = t::run("view " + kSource + "tests/data/cli/small.yaml --port 0");
    EXPECT_EQ(yaml.status, 2) << yaml.output;
    const std::string file = run_file("tests/data/cli/small.yaml");
    t::ViewProcess first({file, "--port", "0"});
    ASSERT_GT(first.port(), 0);
    // `timeout`: a viewer that wrongly shares the port would serve until stopped.
    const auto busy = t::run_program("timeout 20 " + std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin view " + file +
                                     " --port " + std::to_string(first.port()));
    EXPECT_EQ(busy.status, 1) << busy.output;
    EXPECT_EQ(first.stop(), 0);
}

}  // namespace
