// Input the importer must refuse with a clear message naming the file, never a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "io/osm/osm_import.hpp"
#include "sim/core/scenario_error.hpp"
#include "tests/io/osm/osm_files.hpp"

namespace {

using namespace citytwin;

// The import's error message for `path`, or "no error".
std::string import_error(const std::string& path) {
    try {
        io::osm::OsmImportSettings s;
        s.name = "x";
        (void)io::osm::import_osm(path, s);
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

void expect_error(const std::string& path, const std::string& words) {
    const std::string msg = import_error(path);
    EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << "the message starts with the file: " << msg;
    EXPECT_NE(msg.find(words), std::string::npos) << msg;
}

const std::string kSmall = std::string(CITYTWIN_SOURCE_DIR) + "/tests/data/osm/small.osm";

// One row per bad file: its name, its bytes and the words its message holds after the file's
// path (the rest is libosmium's own reason).
struct FileRow {
    std::string name, file, content, words;
};
void PrintTo(const FileRow& row, std::ostream* os) { *os << row.file; }
std::string row_name(const ::testing::TestParamInfo<FileRow>& info) { return info.param.name; }

const FileRow kFileRows[] = {
    {"EmptyFile", "empty.osm", "", "the OpenStreetMap file is empty"},
    {"MalformedXml", "malformed.osm",
     "<?xml version='1.0'?>\n<osm version=\"0.6\">\n  <node id=\"1\" lat=\"50\" lon=\"10\">\n</osm>\n",
     "not a readable OpenStreetMap file"},
    {"NotXmlAtAll", "text.osm", "this is not an OpenStreetMap file\n", "not a readable OpenStreetMap file"},
    {"GarbagePbf", "garbage.osm.pbf", std::string(4096, '\x17'), "not a readable OpenStreetMap file"},
    {"UnknownFormat", "roads.txt", "<osm/>", "cannot tell the file's format"},
    {"NoRoadsForCars", "footpaths.osm", R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="50.0" lon="10.0"/>
  <node id="2" lat="50.001" lon="10.0"/>
  <node id="3" lat="50.001" lon="10.001"/>
  <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
  <way id="2"><nd ref="2"/><nd ref="3"/><tag k="highway" v="service"/></way>
  <way id="3"><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/></way>
</osm>
)", "no roads for cars in the file: 3 ways, 2 with a highway tag"},
    // One one-way road: nothing can be reached from where it ends.
    {"NoNetwork", "oneway.osm", R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="50.0" lon="10.0"/>
  <node id="2" lat="50.001" lon="10.0"/>
  <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="oneway" v="yes"/></way>
</osm>
)", "do not connect into a network"},
    {"NoNodesNoWays", "bare.osm", "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n</osm>\n", "holds no nodes and no ways"},
};

class OsmFileErrors : public ::testing::TestWithParam<FileRow> {};

TEST_P(OsmFileErrors, NameTheFileAndWhatIsWrong) {
    expect_error(test::osm_scratch(GetParam().file, GetParam().content), GetParam().words);
}

INSTANTIATE_TEST_SUITE_P(OsmImportErrors, OsmFileErrors, ::testing::ValuesIn(kFileRows), row_name);

TEST(OsmImportErrors, MissingFile) { expect_error(test::osm_scratch("x", "") + "-does-not-exist.osm", "no such file"); }

// Refused before libosmium opens them: /dev/zero would be read without end.
TEST(OsmImportErrors, InputsThatAreNoRegularFiles) {
    const auto dir = std::filesystem::path(CITYTWIN_BINARY_DIR) / "test-tmp" / "osm" / "a-folder.osm";
    std::filesystem::create_directories(dir);
    struct Row {
        std::string path, words;
    };
    const std::string big = test::osm_scratch("big.osm.pbf", "x");
    std::filesystem::resize_file(big, (std::uintmax_t{4} << 30) + 1);  // sparse
    const Row rows[] = {
        {"/dev/zero", "cannot read the OpenStreetMap file: it is not a regular file (a device, pipe or socket)"},
        {dir.string(), "cannot read the OpenStreetMap file: it is a folder, not a file"},
        {big, "cannot read the OpenStreetMap file: the file has 4294967297 bytes, more than the limit of 4 GiB for this input"},
    };
    for (const Row& row : rows) expect_error(row.path, row.words);
    std::filesystem::remove(big);
}

TEST(OsmImportErrors, TruncatedXml) {
    const std::string text = test::read_all(kSmall);
    ASSERT_GT(text.size(), 1000u);
    expect_error(test::osm_scratch("truncated.osm", text.substr(0, text.size() / 2)), "not a readable OpenStreetMap file");
}

TEST(OsmImportErrors, TruncatedPbf) {
    const std::string pbf = std::string(CITYTWIN_SHARED_DATA) + "/osm/helsinki-centre.osm.pbf";
    if (!std::filesystem::exists(pbf)) GTEST_SKIP() << "shared data not found: " << pbf;
    const std::string bytes = test::read_all(pbf);
    expect_error(test::osm_scratch("truncated.osm.pbf", bytes.substr(0, bytes.size() / 3)), "not a readable OpenStreetMap file");
}

TEST(OsmImportErrors, WaysReachingPastTheExtractAreCut) {
    // Node 3 is not in the file: the way is cut there and the rest still imports.
    const std::string path = test::osm_scratch("cut.osm", R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="50.0" lon="10.0"/>
  <node id="2" lat="50.001" lon="10.0"/>
  <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
</osm>
)");
    io::osm::OsmImportSettings s;
    s.name = "cut";
    const auto r = io::osm::import_osm(path, s);
    EXPECT_EQ(r.read.missing_nodes, 1u);
    EXPECT_EQ(r.links, 2u);
}

}  // namespace
