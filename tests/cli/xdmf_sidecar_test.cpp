// The XDMF sidecar beside every run and difference file: well-formed XML whose every HDF5
// reference names a dataset of the file with the stated dimensions, hyperslabs within them, and
// one temporal grid per frame of each series.
#include <expat.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "tests/cli/cli_process.hpp"
#include "tests/cli/demo_runs.hpp"

namespace {

namespace h5 = citytwin::io::h5;
using citytwin::testing::run;
using citytwin::testing::scratch;

struct Element {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::string text;
    std::vector<std::unique_ptr<Element>> children;
    Element* parent = nullptr;
};

std::unique_ptr<Element> parse(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto root = std::make_unique<Element>();
    Element* at = root.get();
    XML_Parser p = XML_ParserCreate(nullptr);
    XML_SetUserData(p, &at);
    XML_SetElementHandler(
        p,
        [](void* data, const XML_Char* name, const XML_Char** attrs) {
            Element*& cur = *static_cast<Element**>(data);
            auto e = std::make_unique<Element>();
            e->name = name;
            for (int i = 0; attrs[i]; i += 2) e->attrs[attrs[i]] = attrs[i + 1];
            e->parent = cur;
            cur->children.push_back(std::move(e));
            cur = cur->children.back().get();
        },
        [](void* data, const XML_Char*) {
            Element*& cur = *static_cast<Element**>(data);
            cur = cur->parent;
        });
    XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* s, int len) {
        (*static_cast<Element**>(data))->text.append(s, static_cast<std::size_t>(len));
    });
    if (XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
        error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " + std::to_string(XML_GetCurrentLineNumber(p));
    XML_ParserFree(p);
    return root;
}

std::vector<unsigned long long> numbers(const std::string& text) {
    std::istringstream in(text);
    std::vector<unsigned long long> out;
    for (unsigned long long v; in >> v;) out.push_back(v);
    return out;
}

struct Checked {
    std::size_t hdf_items = 0, hyperslabs = 0;
    std::map<std::string, std::size_t> frames;   // temporal collection -> time steps
};

void check(const Element& e, hid_t file, const std::string& file_name, Checked& c) {
    if (e.name == "DataItem" && e.attrs.count("Format") && e.attrs.at("Format") == "HDF") {
        ++c.hdf_items;
        const auto colon = e.text.find(':');
        ASSERT_NE(colon, std::string::npos) << e.text;
        EXPECT_EQ(e.text.substr(0, colon), file_name);
        const std::string path = e.text.substr(colon + 1);
        ASSERT_TRUE(h5::path_exists(file, path)) << path;
        const auto dims = h5::extent(h5::open_dataset(file, path));
        EXPECT_EQ(numbers(e.attrs.at("Dimensions")), std::vector<unsigned long long>(dims.begin(), dims.end())) << path;
    }
    if (e.name == "DataItem" && e.attrs.count("ItemType") && e.attrs.at("ItemType") == "HyperSlab") {
        ++c.hyperslabs;
        ASSERT_EQ(e.children.size(), 2u);
        const auto slab = numbers(e.children[0]->text);
        const auto dims = numbers(e.children[1]->attrs.at("Dimensions"));
        ASSERT_EQ(slab.size(), 3 * dims.size());
        for (std::size_t d = 0; d < dims.size(); ++d)
            EXPECT_LE(slab[d] + slab[d + dims.size()] * (slab[d + 2 * dims.size()] - 1), dims[d] - 1) << e.children[1]->text;
        // The result has the counts, less the one row taken of a dataset of rank 2 or more.
        std::vector<unsigned long long> count(slab.begin() + 2 * static_cast<long>(dims.size()), slab.end());
        if (count.size() > 1) {
            EXPECT_EQ(count.front(), 1u);
            count.erase(count.begin());
        }
        EXPECT_EQ(numbers(e.attrs.at("Dimensions")), count);
    }
    if (e.name == "Grid" && e.attrs.count("CollectionType")) c.frames[e.attrs.at("Name")] = e.children.size();
    for (const auto& child : e.children) check(*child, file, file_name, c);
}

Checked check_sidecar(const std::string& h5_path) {
    const std::string xmf = std::filesystem::path(h5_path).replace_extension(".xmf").string();
    EXPECT_TRUE(std::filesystem::exists(xmf)) << xmf;
    std::string error;
    const auto root = parse(xmf, error);
    EXPECT_EQ(error, "") << xmf;
    Checked c;
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(h5_path);
    check(*root, f, std::filesystem::path(h5_path).filename().string(), c);
    return c;
}

std::size_t length_of(const std::string& h5_path, const std::string& dataset) {
    h5::LibraryLock lock;
    h5::Handle f = h5::open_file_read_only(h5_path);
    return h5::length(h5::open_dataset(f, dataset));
}

const std::string kTown = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/viz/town.yaml";

TEST(XdmfSidecar, RunFileReferencesExistWithTheirDimensions) {
    const std::string out = scratch("xdmf", "town.h5");
    ASSERT_EQ(run("run --overwrite " + kTown + " --threads 2 -q -o " + out).status, 0);
    const Checked c = check_sidecar(out);
    EXPECT_GT(c.hdf_items, 100u);
    EXPECT_EQ(c.frames.at("links"), length_of(out, "/traffic/time"));
    EXPECT_EQ(c.frames.at("air"), length_of(out, "/air/time"));
    EXPECT_EQ(c.frames.at("buses"), length_of(out, "/power/time"));
    EXPECT_EQ(c.frames.at("vehicles"), length_of(out, "/traffic/vehicles/time"));
}

TEST(XdmfSidecar, DifferenceFileHasOneToo) {
    const std::string a = scratch("xdmf", "a.h5"), b = scratch("xdmf", "b.h5"), d = scratch("xdmf", "a-b.h5");
    ASSERT_EQ(run("run --overwrite " + kTown + " --threads 2 -q -o " + a).status, 0);
    ASSERT_EQ(run("run --overwrite " + kTown + " --set seed=9 --threads 2 -q -o " + b).status, 0);
    ASSERT_EQ(run("compare " + a + " " + b + " -o " + d).status, 0);
    const Checked c = check_sidecar(d);
    EXPECT_EQ(c.frames.at("links"), length_of(d, "/traffic/time"));
    EXPECT_EQ(c.frames.at("air"), length_of(d, "/air/time"));
    EXPECT_EQ(c.frames.count("vehicles"), 0u);   // a difference file has no vehicle frames
}

TEST(XdmfSidecar, StoppedRunHasOneForWhatItHolds) {
    const std::string out = scratch("xdmf", "stopped.h5");
    ASSERT_EQ(run("run --overwrite " + kTown + " --threads 2 -q --stop-at 08:00 -o " + out).status, 0);
    const Checked c = check_sidecar(out);
    EXPECT_EQ(c.frames.at("links"), length_of(out, "/traffic/time"));
}

// A checkpoint's sidecar shows the state it holds: the network, the running vehicles and the
// air's concentrations at its time, from its /view (the state under /state is not drawn).
TEST(XdmfSidecar, CheckpointHasOneShowingItsState) {
    const std::string out = scratch("xdmf", "ck.h5"), ck = scratch("xdmf", "ck.ckpt.h5");
    std::filesystem::remove(std::filesystem::path(ck).replace_extension(".xmf"));
    ASSERT_EQ(run("run --overwrite " + kTown + " --threads 2 -q --checkpoint-at 08:00 -o " + out).status, 0);
    const Checked c = check_sidecar(ck);
    EXPECT_EQ(c.frames.at("vehicles"), 1u);
    EXPECT_EQ(c.frames.at("air"), 1u);
    EXPECT_EQ(c.frames.count("links"), 0u);   // link series are interval figures: the run file has them
    EXPECT_GT(length_of(ck, "/view/traffic/vehicles/x"), 20u);   // rush hour in town: vehicles running
    EXPECT_EQ(length_of(ck, "/view/traffic/vehicles/x"), length_of(ck, "/view/traffic/vehicles/id"));
    EXPECT_EQ(length_of(ck, "/view/network/links/shape_offset"), length_of(out, "/network/links/shape_offset"));
    {
        h5::LibraryLock lock;
        h5::Handle f = h5::open_file_read_only(ck);
        EXPECT_DOUBLE_EQ(h5::read_all<double>(h5::open_dataset(f, "/view/traffic/vehicles/time"))[0], 1800.0);
        EXPECT_TRUE(h5::path_exists(f, "/view/air/concentration/NO2"));
    }
    // The view is a picture only: the checkpoint still resumes to the uninterrupted run's figures.
    const std::string resumed = scratch("xdmf", "ck-resumed.h5");
    ASSERT_EQ(run("resume " + ck + " -o " + resumed + " --overwrite --threads 2 -q").status, 0);
    EXPECT_EQ(citytwin::testing::differences(out, resumed), "");
    if (citytwin::testing::run_program("command -v pvpython").status == 0) {
        const std::string script = std::string(CITYTWIN_SOURCE_DIR) + "/tests/cli/read_xdmf_with_paraview.py";
        const auto r = citytwin::testing::run_program("pvpython " + script + " " + std::filesystem::path(ck).replace_extension(".xmf").string());
        EXPECT_EQ(r.status, 0) << r.output;
        EXPECT_EQ(r.output.find("Error"), std::string::npos) << r.output;
    }
}

TEST(XdmfSidecar, ParaViewReadsEveryTimeStep) {
    if (citytwin::testing::run_program("command -v pvpython").status != 0)
        GTEST_SKIP() << "ParaView's pvpython is not installed (Debian: paraview)";
    const std::string out = scratch("xdmf", "pv.h5");
    ASSERT_EQ(run("run --overwrite " + kTown + " --threads 2 -q -o " + out).status, 0);
    const std::string script = std::string(CITYTWIN_SOURCE_DIR) + "/tests/cli/read_xdmf_with_paraview.py";
    const auto r = citytwin::testing::run_program("pvpython " + script + " " +
                                                  std::filesystem::path(out).replace_extension(".xmf").string());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.find("Error"), std::string::npos) << r.output;   // an array ParaView could not read
    EXPECT_NE(r.output.find("60 time steps read"), std::string::npos) << r.output;
}

}  // namespace
