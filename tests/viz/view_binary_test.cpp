// `citytwin view`'s binary frame answers (format=bin) decoded here by the layout documented in
// docs/visualisation.md §6 and checked against the file, read with HDF5's own API; the charts'
// series; and that the server listens on the loopback address only.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "tests/viz/view_process.hpp"
#include "tests/viz/view_run_files.hpp"

namespace {

namespace t = citytwin::testing;
using t::h5_length;
using t::h5_range;
using t::h5_value;
using t::json;

struct Frame {
    int status = 0;
    std::string type, body;
    std::uint32_t version = 0, kind = 0, count = 0, frame = 0, flags = 0;
    double time = 0;
    template <typename T>
    T at(std::size_t column, std::size_t i) const {   // element i of the column'th array
        T v;
        std::memcpy(&v, body.data() + 32 + (column * count + i) * 4, 4);
        return v;
    }
};

Frame get_frame(int port, const std::string& path) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    const auto r = c.Get(path.c_str());
    Frame f;
    if (!r) return f;
    f.status = r->status;
    f.type = r->get_header_value("Content-Type");
    f.body = r->body;
    if (f.body.size() < 32 || f.body.compare(0, 4, "CTVF") != 0) return f;
    std::memcpy(&f.version, f.body.data() + 4, 4);
    std::memcpy(&f.kind, f.body.data() + 8, 4);
    std::memcpy(&f.count, f.body.data() + 12, 4);
    std::memcpy(&f.time, f.body.data() + 16, 8);
    std::memcpy(&f.frame, f.body.data() + 24, 4);
    std::memcpy(&f.flags, f.body.data() + 28, 4);
    return f;
}

TEST(ViewBinary, VehicleFramesHoldTheFilesRows) {
    const std::string file = t::run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const hsize_t frames = h5_length(file, "/traffic/vehicles/time");
    ASSERT_GT(frames, 3u);
    for (const hsize_t k : {hsize_t{0}, hsize_t{3}, frames - 1}) {
        const Frame f = get_frame(view.port(), "/api/vehicles?frame=" + std::to_string(k) + "&format=bin");
        ASSERT_EQ(f.status, 200) << f.body;
        EXPECT_EQ(f.type, "application/octet-stream");
        EXPECT_EQ(f.version, 1u);
        EXPECT_EQ(f.kind, 2u);
        EXPECT_EQ(f.frame, k);
        EXPECT_EQ(f.flags, 0u);
        EXPECT_EQ(f.time, h5_value(file, "/traffic/vehicles/time", k, 0));
        const auto first = static_cast<hsize_t>(h5_value(file, "/traffic/vehicles/offset", k, 0));
        const auto n = static_cast<hsize_t>(h5_value(file, "/traffic/vehicles/count", k, 0));
        ASSERT_EQ(f.count, n);
        ASSERT_EQ(f.body.size(), 32 + 5 * 4 * n);
        const auto x = h5_range<float>(file, "/traffic/vehicles/x", first, n, H5T_NATIVE_FLOAT);
        const auto y = h5_range<float>(file, "/traffic/vehicles/y", first, n, H5T_NATIVE_FLOAT);
        const auto speed = h5_range<float>(file, "/traffic/vehicles/speed", first, n, H5T_NATIVE_FLOAT);
        const auto id = h5_range<std::int32_t>(file, "/traffic/vehicles/id", first, n, H5T_NATIVE_INT32);
        const auto type = h5_range<std::int32_t>(file, "/traffic/vehicles/type", first, n, H5T_NATIVE_INT32);
        for (hsize_t i = 0; i < n; ++i) {
            EXPECT_EQ(f.at<float>(0, i), x[i]) << "vehicle " << i << " of frame " << k;
            EXPECT_EQ(f.at<float>(1, i), y[i]);
            EXPECT_FLOAT_EQ(f.at<float>(2, i), speed[i] * 3.6f);
            EXPECT_EQ(f.at<std::int32_t>(3, i), id[i]);
            EXPECT_EQ(f.at<std::int32_t>(4, i), type[i]);
        }
    }
    // The JSON answer of the same frame says the same.
    const t::Answer j = t::get(view.port(), "/api/vehicles?frame=3");
    const Frame b = get_frame(view.port(), "/api/vehicles?frame=3&format=bin");
    ASSERT_EQ(j.body["count"].get<std::uint32_t>(), b.count);
    EXPECT_NEAR(j.body["x"][0].get<double>(), b.at<float>(0, 0), 1e-3);
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewBinary, LinkAirAndBusFramesHoldTheFilesValues) {
    const std::string file = t::run_file("tests/data/viz/town.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const hsize_t links = h5_length(file, "/network/links/lanes");
    const Frame speed = get_frame(view.port(), "/api/links?layer=speed&frame=2&format=bin");
    ASSERT_EQ(speed.status, 200) << speed.body;
    EXPECT_EQ(speed.kind, 1u);
    ASSERT_EQ(speed.count, links);
    ASSERT_EQ(speed.body.size(), 32 + 4 * links);
    EXPECT_EQ(speed.time, h5_value(file, "/traffic/time", 2, 0));
    for (hsize_t k = 0; k < links; ++k) {
        const double v = h5_value(file, "/traffic/links/mean_speed", 2, k);
        if (std::isnan(v)) EXPECT_TRUE(std::isnan(speed.at<float>(0, k))) << "link " << k;
        else EXPECT_NEAR(speed.at<float>(0, k), v * 3.6, 1e-3) << "link " << k;
    }

    const json net = t::get(view.port(), "/api/network").body;
    ASSERT_TRUE(net["air"].is_object()) << net["air"].dump();
    const std::size_t nx = net["air"]["nx"], ny = net["air"]["ny"];
    const Frame air = get_frame(view.port(), "/api/air?layer=NOx&frame=4&format=bin");
    ASSERT_EQ(air.status, 200) << air.body;
    ASSERT_EQ(air.count, nx * ny);
    const auto field = t::h5_block<float>(file, "/air/concentration/NOx", {4, 0, 0}, {1, ny, nx}, H5T_NATIVE_FLOAT);   // frame 4 of (time, y, x)
    for (std::size_t c = 0; c < nx * ny; c += 7) EXPECT_EQ(air.at<float>(0, c), field[c]) << "cell " << c;

    ASSERT_TRUE(net["buses"].is_object());
    const std::size_t buses = net["buses"]["ids"].size();
    ASSERT_GT(buses, 0u);
    const Frame v = get_frame(view.port(), "/api/buses?layer=voltage&frame=1&format=bin");
    ASSERT_EQ(v.status, 200) << v.body;
    ASSERT_EQ(v.count, buses);
    for (std::size_t b = 0; b < buses; ++b) EXPECT_FLOAT_EQ(v.at<float>(0, b), static_cast<float>(h5_value(file, "/power/buses/v", 1, b)));
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewBinary, DifferenceFramesAreFlaggedAndBadFormatsRefused) {
    const std::string base = t::run_file("tests/data/cli/small.yaml");
    const std::string variant = t::run_file("tests/data/cli/small.yaml", "--set seed=6");
    t::ViewProcess view({variant, "--compare", base, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const Frame d = get_frame(view.port(), "/api/links?layer=density&frame=2&side=diff&format=bin");
    ASSERT_EQ(d.status, 200) << d.body;
    EXPECT_EQ(d.flags, 1u);
    const hsize_t link = 5;
    EXPECT_NEAR(d.at<float>(0, link),
                h5_value(variant, "/traffic/links/density", 2, link) - h5_value(base, "/traffic/links/density", 2, link), 1e-4);
    // The base's frame times, which the page asks for the base's frames by.
    // Held in a variable: a range-for over a member of a temporary reads freed memory.
    const t::Answer meta = t::get(view.port(), "/api/meta");
    for (const auto& l : meta.body["layers"]) {
        const std::string axis = l["name"] == "vehicles" ? "/traffic/vehicles/time" : l["kind"] == "links" ? "/traffic/time" : "";
        if (!axis.empty()) {
            EXPECT_EQ(l["base_times"].size(), h5_length(base, axis)) << l["name"];
        }
    }
    const Frame bv = get_frame(view.port(), "/api/vehicles?frame=2&side=base&format=bin");
    ASSERT_EQ(bv.status, 200);
    EXPECT_EQ(bv.count, static_cast<std::uint32_t>(h5_value(base, "/traffic/vehicles/count", 2, 0)));
    for (const auto& [path, status] : std::vector<std::pair<std::string, int>>{
             {"/api/links?layer=speed&frame=0&format=xml", 400},
             {"/api/meta?format=bin", 400},                       // metadata is JSON only
             {"/api/vehicles?frame=99999&format=bin", 404},
             {"/api/air?layer=NO2&frame=0&format=bin", 404}}) {  // no air model in this run
        const t::Answer a = t::get(view.port(), path);
        EXPECT_EQ(a.status, status) << path;
        EXPECT_TRUE(a.type.find("json") != std::string::npos && a.body["error"].is_string()) << path << ": " << a.body.dump();
    }
    EXPECT_EQ(view.stop(), 0);
}

TEST(ViewBinary, SeriesFollowTheFilesFrames) {
    const std::string file = t::run_file("tests/data/viz/town.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    const t::Answer a = t::get(view.port(), "/api/series");
    ASSERT_EQ(a.status, 200) << a.body.dump();
    std::map<std::string, json> series;
    for (const auto& s : a.body["series"]) series[s["name"]] = s;
    for (const char* name : {"vehicles", "mean_speed", "arrivals", "v_min", "feeder_p"}) EXPECT_TRUE(series.count(name)) << name;
    EXPECT_TRUE(series.count("air_mean:NO2") || series.count("air_mean:NOx"));
    const json& vehicles = series["vehicles"];
    ASSERT_EQ(vehicles["values"].size(), h5_length(file, "/traffic/vehicles/time"));
    for (hsize_t k = 0; k < vehicles["values"].size(); ++k)
        EXPECT_EQ(vehicles["values"][k].get<double>(), h5_value(file, "/traffic/vehicles/count", k, 0));
    const json& v = series["v_min"];
    ASSERT_EQ(v["times"].size(), h5_length(file, "/power/time"));
    double lowest = INFINITY;
    for (hsize_t b = 0; b < h5_length(file, "/grid/buses/id"); ++b) lowest = std::min(lowest, h5_value(file, "/power/buses/v", 3, b));
    EXPECT_DOUBLE_EQ(v["values"][3].get<double>(), lowest);
    EXPECT_EQ(view.stop(), 0);
}

// An IPv4 address of this machine other than loopback, or "" when it has none.
std::string other_address() {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return "";
    std::string found;
    for (ifaddrs* a = list; a && found.empty(); a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        char text[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
        if (std::string(text).rfind("127.", 0) != 0) found = text;
    }
    freeifaddrs(list);
    return found;
}

TEST(ViewBinary, ListensOnTheLoopbackAddressOnly) {
    const std::string file = t::run_file("tests/data/cli/small.yaml");
    t::ViewProcess view({file, "--port", "0"});
    ASSERT_GT(view.port(), 0) << view.output();
    EXPECT_EQ(t::get(view.port(), "/api/meta").status, 200);
    const std::string address = other_address();
    if (address.empty()) GTEST_SKIP() << "this machine has no address but loopback to try";
    // A connection to the same port on another of the machine's addresses is refused.
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(view.port()));
    inet_pton(AF_INET, address.c_str(), &to.sin_addr);
    const int rc = connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to);
    close(s);
    EXPECT_NE(rc, 0) << "citytwin view accepted a connection on " << address;
    EXPECT_EQ(view.stop(), 0);
}

}  // namespace
