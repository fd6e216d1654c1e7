// `citytwin compare`'s inputs and difference file on small synthetic runs written with the
// RunWriter: alignment of networks, buses and periods (and its refusals), and the difference
// file's layout and values (means, intervals, significance, NaN for unmatched links).
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>
#include <limits>

#include "io/output/compare_error.hpp"
#include "io/output/compare_inputs.hpp"
#include "io/output/diff_file.hpp"
#include "io/output/link_changes.hpp"
#include "io/output/run_reader.hpp"
#include "io/output/run_writer.hpp"
#include "tests/io/output/test_fixtures.hpp"
#include "tests/io/output/test_h5_read.hpp"

namespace citytwin::io {
namespace {

constexpr std::size_t kLinks = 4;

struct RunSpec {
    std::uint64_t seed = 1;
    float offset = 0.0f;         // added to every link speed, concentration and bus load
    int frames = 3;              // link and air frames, 60 s apart
    std::string renamed_link;    // when set: link 3 gets this id
    bool all_links_renamed = false;
    std::string start = "2024-05-01T08:00:00";
    bool finish = true;
    double power_shift_s = 0.0;  // power steps later than the link frames by this much
    int more_on_link2 = 0;       // extra vehicles entering link 2 in each frame, taken from link 0
    bool air = true, power = true;
    double cell_m = 10.0;        // air grid cell
    std::string bus = "z1";      // id of the second bus
    std::string pollutant = "NOx";
};

sim::PowerGrid two_bus_grid(const std::string& bus) {
    sim::PowerGrid g;
    g.feeder_ids = {"north"};
    g.feeder_base_kv = {10.0};
    g.feeder_slack_pu = {1.0};
    g.feeder_transformer_kva = {0.0};
    g.feeder_bus_begin = {0, 2};
    g.bus_ids = {"substation", bus};
    g.bus_feeder = {0, 0};
    g.bus_zones = {"", "z1"};
    g.bus_x_m = {0.0, 100.0};
    g.bus_y_m = {0.0, 0.0};
    g.bus_residents = {0.0, 100.0};
    g.bus_jobs = {0.0, 10.0};
    g.bus_pv_kwp = {0.0, 0.0};
    g.branch_from_bus = {0};
    g.branch_to_bus = {1};
    g.branch_r_ohm = {0.1};
    g.branch_x_ohm = {0.05};
    g.branch_ampacity_a = {0.0};
    return g;
}

// Values depend on the frame, the entity and (a little) the seed, so that replications differ.
std::string write_run(const std::string& name, const RunSpec& s) {
    const std::string path = test::scratch_path(name);
    sim::RunMetadata meta = test::sample_metadata();
    meta.seed = s.seed;
    meta.start = s.start;
    meta.duration_s = 60.0 * s.frames;
    sim::NetworkGeometry net = test::sample_network(kLinks);
    if (!s.renamed_link.empty()) net.link_ids[3] = s.renamed_link;
    if (s.all_links_renamed)
        for (auto& id : net.link_ids) id = "x" + id;
    RunWriter writer(path, meta, net);
    if (s.power) writer.write_power_grid(two_bus_grid(s.bus));
    const float noise = 0.125f * static_cast<float>(s.seed);
    for (int k = 0; k < s.frames; ++k) {
        sim::LinkSeriesFrame f = test::sample_link_frame(k, kLinks);
        for (auto& v : f.mean_speed_mps) v += s.offset + noise;
        f.entered[2] += s.more_on_link2;
        f.entered[0] -= s.more_on_link2;
        writer.write_links(std::move(f));
        if (!s.air) continue;
        sim::AirFrame a;
        a.time_s = 60.0 * (k + 1);
        a.grid = {0.0, 0.0, s.cell_m, 3, 2};
        sim::AirField nox{s.pollutant, "ug m-3", "NOx concentration", {}};
        for (int c = 0; c < 6; ++c) nox.values.push_back(20.0f + static_cast<float>(c + k) + s.offset + noise);
        a.concentration = {nox};
        writer.write_air(std::move(a));
        if (!s.power) continue;
        sim::PowerFrame p;
        p.time_s = 60.0 * (k + 1) + s.power_shift_s;
        p.interval_s = 60.0;
        p.v_pu = {1.0, 0.99};
        p.p_kw = {0.0, 50.0 + s.offset + noise};
        p.q_kvar = {0.0, 10.0};
        p.p_base_kw = {0.0, 40.0};
        p.p_temperature_kw = {0.0, 10.0};
        p.p_ev_kw = {0.0, s.offset + noise};
        p.p_pv_kw = {0.0, 0.0};
        p.current_a = {2.0};
        p.loading_pct = {std::numeric_limits<double>::quiet_NaN()};
        p.loss_kw = {0.1};
        p.head_p_kw = {50.1};
        p.head_q_kvar = {10.0};
        p.transformer_loading_pct = {std::numeric_limits<double>::quiet_NaN()};
        p.iterations = {3};
        p.converged = {1};
        writer.write_power(std::move(p));
    }
    if (s.finish) writer.finish({{"mean_trip_duration_s", 100.0 + s.offset, "s", "mean trip duration"}});
    return path;
}

std::vector<CompareInput> inputs(const std::vector<std::string>& paths) {
    std::vector<CompareInput> out;
    for (const auto& p : paths) out.push_back(read_compare_input(p));
    return out;
}

struct OpenFile {
    explicit OpenFile(const std::string& path) : id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {}
    ~OpenFile() {
        if (id >= 0) H5Fclose(id);
    }
    hid_t id;
};

bool scale_attached(hid_t file, const std::string& dataset, const std::string& scale, unsigned dim) {
    const hid_t d = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
    const hid_t s = H5Dopen2(file, scale.c_str(), H5P_DEFAULT);
    const bool attached = d >= 0 && s >= 0 && H5DSis_attached(d, s, dim) > 0;
    H5Dclose(d);
    H5Dclose(s);
    return attached;
}

std::string dataset_attribute(hid_t file, const std::string& dataset, const std::string& name) {
    const hid_t d = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
    const std::string value = test::string_attribute(d, name);
    H5Dclose(d);
    return value;
}

TEST(CompareInputs, LinesUpIdenticalRuns) {
    const std::string a = write_run("align_a.h5", {});
    std::vector<std::string> warnings;
    const auto base = inputs({a}), variant = inputs({a});
    const Alignment al = align_runs(base, variant, warnings);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
    EXPECT_EQ(al.variant_link, (std::vector<std::int64_t>{0, 1, 2, 3}));
    EXPECT_EQ(al.link_frames.time_s, (std::vector<double>{60, 120, 180}));
    EXPECT_TRUE(al.air);
    EXPECT_EQ(al.air_fields, (std::vector<std::string>{"NOx"}));
    EXPECT_TRUE(al.power);
    EXPECT_EQ(al.power_frames.time_s.size(), 3u);
}

TEST(CompareInputs, ListsLinksOnlyOneSideHas) {
    const std::string a = write_run("links_a.h5", {});
    RunSpec renamed;
    renamed.renamed_link = "bypass";
    const std::string b = write_run("links_b.h5", renamed);
    std::vector<std::string> warnings;
    const Alignment al = align_runs(inputs({a}), inputs({b}), warnings);
    EXPECT_EQ(al.variant_link, (std::vector<std::int64_t>{0, 1, 2, -1}));
    EXPECT_EQ(al.base_only_links, (std::vector<std::string>{"l3_0"}));
    EXPECT_EQ(al.variant_only_links, (std::vector<std::string>{"bypass"}));
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_NE(warnings[0].find("1 links are only in the base network (their differences are NaN): l3_0"),
              std::string::npos);
    EXPECT_NE(warnings[1].find("only in the variant network (not compared): bypass"), std::string::npos);
}

TEST(CompareInputs, SaysWhyAirOrBusesAreNotCompared) {
    const std::string a = write_run("sides_a.h5", {});
    auto warnings_for = [&](const RunSpec& spec, const std::string& name) {
        std::vector<std::string> warnings;
        const Alignment al = align_runs(inputs({a}), inputs({write_run(name, spec)}), warnings);
        std::string all;
        for (const auto& w : warnings) all += w + "\n";
        return std::pair{al, all};
    };
    RunSpec bare;
    bare.air = bare.power = false;
    auto [none, none_text] = warnings_for(bare, "sides_bare.h5");
    EXPECT_FALSE(none.air);
    EXPECT_FALSE(none.power);
    EXPECT_NE(none_text.find("only the base runs have an air model: no air differences"), std::string::npos) << none_text;
    EXPECT_NE(none_text.find("only the base runs have an electricity grid: no bus differences"), std::string::npos);
    RunSpec coarse;
    coarse.cell_m = 20.0;
    coarse.bus = "z9";
    auto [other, other_text] = warnings_for(coarse, "sides_coarse.h5");
    EXPECT_FALSE(other.air);
    EXPECT_NE(other_text.find("the air grids differ (3 x 2 cells of 10 m against 3 x 2 of 20 m): no air differences"),
              std::string::npos)
        << other_text;
    EXPECT_TRUE(other.power);
    EXPECT_EQ(other.variant_bus, (std::vector<std::int64_t>{0, -1}));
    EXPECT_NE(other_text.find("1 buses are only in the base grid (their differences are NaN): north/z1"), std::string::npos);
    EXPECT_NE(other_text.find("1 buses are only in the variant grid (not compared): north/z9"), std::string::npos);
    RunSpec pm;
    pm.pollutant = "PM2.5";
    auto [pm_al, pm_text] = warnings_for(pm, "sides_pm.h5");
    EXPECT_TRUE(pm_al.air_fields.empty());
    EXPECT_NE(pm_text.find("pollutants carried by one side only, not compared: NOx, PM2.5"), std::string::npos) << pm_text;
}

TEST(CompareInputs, RefusesDifferentNetworks) {
    const std::string a = write_run("net_a.h5", {});
    RunSpec other;
    other.all_links_renamed = true;
    const std::string b = write_run("net_b.h5", other);
    std::vector<std::string> warnings;
    try {
        align_runs(inputs({a}), inputs({b}), warnings);
        FAIL() << "expected a CompareError";
    } catch (const CompareError& e) {
        EXPECT_NE(std::string(e.what()).find("the runs are of different networks: no link id of"), std::string::npos)
            << e.what();
    }
    // Replications of one side must share their network.
    try {
        align_runs(inputs({a, b}), inputs({a}), warnings);
        FAIL() << "expected a CompareError";
    } catch (const CompareError& e) {
        EXPECT_NE(std::string(e.what()).find("have different networks (link ids): replications of one side must share it"),
                  std::string::npos)
            << e.what();
    }
}

TEST(CompareInputs, ComparesOverTheCommonPeriod) {
    const std::string a = write_run("period_a.h5", {});
    RunSpec later;
    later.start = "2024-05-01T08:01:00";  // one minute later: its frames at 60, 120 s are the base's 120, 180
    later.frames = 2;
    const std::string b = write_run("period_b.h5", later);
    std::vector<std::string> warnings;
    const Alignment al = align_runs(inputs({a}), inputs({b}), warnings);
    EXPECT_EQ(al.link_frames.time_s, (std::vector<double>{120, 180}));
    EXPECT_EQ(al.link_frames.base_rows[0], (std::vector<std::uint64_t>{1, 2}));
    EXPECT_EQ(al.link_frames.variant_rows[0], (std::vector<std::uint64_t>{0, 1}));
    ASSERT_FALSE(warnings.empty());
    EXPECT_NE(warnings[0].find("the runs cover different periods"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("compared over the 2 link frames in common (120 s to 180 s after the base start)"),
              std::string::npos)
        << warnings[0];
    RunSpec apart;
    apart.start = "2024-05-02T08:00:00";
    const std::string c = write_run("period_c.h5", apart);
    EXPECT_THROW(align_runs(inputs({a}), inputs({c}), warnings), CompareError);
}

TEST(CompareInputs, RefusesUnfinishedRunsAndDifferenceFiles) {
    RunSpec unfinished;
    unfinished.finish = false;
    const std::string a = write_run("unfinished.h5", unfinished);
    try {
        read_compare_input(a);
        FAIL();
    } catch (const CompareError& e) {
        EXPECT_NE(std::string(e.what()).find("is not a finished run (no /kpi"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_compare_input(test::scratch_path("missing.h5")), CompareError);
    const std::string b = write_run("for_diff.h5", {});
    std::vector<std::string> warnings;
    const auto in = inputs({b});
    const std::string diff = test::scratch_path("self_diff.h5");
    write_difference_file(diff, in, in, align_runs(in, in, warnings), 0.95);
    try {
        read_compare_input(diff);
        FAIL();
    } catch (const CompareError& e) {
        EXPECT_NE(std::string(e.what()).find("is a difference file written by citytwin compare, not a run"),
                  std::string::npos)
            << e.what();
    }
}

TEST(DifferenceFile, OfARunWithItselfIsZeroInTheRunLayout) {
    const std::string a = write_run("self.h5", {});
    std::vector<std::string> warnings;
    const auto in = inputs({a});
    const std::string diff = test::scratch_path("self_diff_layout.h5");
    write_difference_file(diff, in, in, align_runs(in, in, warnings), 0.95);
    OpenFile f(diff);
    ASSERT_GE(f.id, 0);
    EXPECT_EQ(test::string_attribute(f.id, "format"), "citytwin-run 1");
    EXPECT_EQ(test::string_attribute(f.id, "kind"), "difference");
    EXPECT_EQ(test::string_attribute(f.id, "base_files"), a);
    EXPECT_EQ(test::string_attribute(f.id, "variant_files"), a);
    EXPECT_EQ(test::shape_of(f.id, "/traffic/links/mean_speed"), (std::vector<hsize_t>{3, kLinks}));
    for (const double v : test::read_doubles(f.id, "/traffic/links/entered")) EXPECT_EQ(v, 0.0);
    const auto speed = test::read_doubles(f.id, "/traffic/links/mean_speed");
    for (std::size_t i = 0; i < speed.size(); ++i) {
        if (i % kLinks == 1) EXPECT_TRUE(std::isnan(speed[i])) << "no vehicles on link 1: no difference";
        else EXPECT_EQ(speed[i], 0.0);
    }
    EXPECT_EQ(dataset_attribute(f.id, "/traffic/links/mean_speed", "units"), "m s-1");
    EXPECT_NE(dataset_attribute(f.id, "/traffic/links/mean_speed", "long_name").find("difference, variant - base, of the mean speed"),
              std::string::npos);
    EXPECT_TRUE(scale_attached(f.id, "/traffic/links/mean_speed", "/traffic/time", 0));
    EXPECT_TRUE(scale_attached(f.id, "/traffic/links/mean_speed", "/traffic/link_index", 1));
    EXPECT_TRUE(scale_attached(f.id, "/network/links/lanes", "/network/links/id", 0));  // copied, scales rewired
    EXPECT_EQ(test::read_string_column(f.id, "/network/links/id").size(), kLinks);
    EXPECT_EQ(test::shape_of(f.id, "/air/concentration/NOx"), (std::vector<hsize_t>{3, 2, 3}));
    EXPECT_TRUE(scale_attached(f.id, "/air/concentration/NOx", "/air/x", 2));
    EXPECT_EQ(dataset_attribute(f.id, "/air/concentration/NOx", "units"), "ug m-3");
    EXPECT_EQ(test::shape_of(f.id, "/power/buses/p"), (std::vector<hsize_t>{3, 2}));
    EXPECT_TRUE(scale_attached(f.id, "/power/buses/p", "/power/bus", 1));
    EXPECT_EQ(test::read_string_column(f.id, "/grid/buses/id"), (std::vector<std::string>{"substation", "z1"}));
    // One replication per side: no interval datasets.
    EXPECT_LT(H5Lexists(f.id, "/traffic/links/mean_speed_ci_low", H5P_DEFAULT), 1);
    // `citytwin info` says what the file is.
    const RunSummary summary = read_run_summary(diff);
    EXPECT_EQ(summary.kind, "difference");
    EXPECT_EQ(summary.base_files, std::vector<std::string>{a});
    EXPECT_NE(format_info_text(summary).find("a difference file of citytwin compare (variant - base)"),
              std::string::npos);
}

TEST(DifferenceFile, ReplicationsGiveIntervalsAndASignificanceMask) {
    RunSpec b1, b2, v1, v2;
    b1.seed = v1.seed = 1;
    b2.seed = v2.seed = 2;
    v1.offset = v2.offset = 4.0f;
    const std::vector<std::string> base = {write_run("rep_b1.h5", b1), write_run("rep_b2.h5", b2)};
    const std::vector<std::string> variant = {write_run("rep_v1.h5", v1), write_run("rep_v2.h5", v2)};
    std::vector<std::string> warnings;
    const auto bi = inputs(base), vi = inputs(variant);
    const std::string diff = test::scratch_path("rep_diff.h5");
    write_difference_file(diff, bi, vi, align_runs(bi, vi, warnings), 0.95);
    OpenFile f(diff);
    EXPECT_NE(test::string_attribute(f.id, "interval").find("paired t"), std::string::npos);
    const auto nox = test::read_doubles(f.id, "/air/concentration/NOx");
    const auto low = test::read_doubles(f.id, "/air/concentration/NOx_ci_low");
    const auto high = test::read_doubles(f.id, "/air/concentration/NOx_ci_high");
    const auto mask = test::read_integers(f.id, "/air/concentration/NOx_significant");
    ASSERT_EQ(nox.size(), 18u);
    for (std::size_t i = 0; i < nox.size(); ++i) {
        EXPECT_NEAR(nox[i], 4.0, 1e-5);
        EXPECT_LE(low[i], 4.0 + 1e-5);  // pairs differ by the offset only: a (nearly) zero-width interval
        EXPECT_GE(high[i], 4.0 - 1e-5);
        EXPECT_NEAR(high[i] - low[i], 0.0, 1e-3);
        EXPECT_EQ(mask[i], 1);
    }
    const auto speed_mask = test::read_integers(f.id, "/traffic/links/mean_speed_significant");
    EXPECT_EQ(speed_mask[1], -1) << "link 1 has no speeds: undefined";
    EXPECT_EQ(speed_mask[0], 1);
    const auto entered_mask = test::read_integers(f.id, "/traffic/links/entered_significant");
    EXPECT_EQ(entered_mask[0], 0) << "equal counts: the zero-width interval [0, 0] includes 0";
    EXPECT_EQ(dataset_attribute(f.id, "/power/buses/p_ev_significant", "flag_meanings"),
              "undefined not_significant significant");

    // Seeds that do not match: Welch, and the seeds' spread makes the interval wide.
    RunSpec v3 = v1, v4 = v2;
    v3.seed = 3;
    v4.seed = 4;
    const auto wi = inputs({write_run("rep_v3.h5", v3), write_run("rep_v4.h5", v4)});
    const std::string welch = test::scratch_path("rep_welch.h5");
    write_difference_file(welch, bi, wi, align_runs(bi, wi, warnings), 0.95);
    OpenFile w(welch);
    EXPECT_NE(test::string_attribute(w.id, "interval").find("Welch t"), std::string::npos);
    const auto wl = test::read_doubles(w.id, "/power/buses/p_ci_low");
    const auto wh = test::read_doubles(w.id, "/power/buses/p_ci_high");
    EXPECT_GT(wh[1] - wl[1], 0.1);
}

TEST(DifferenceFile, NoPowerStepInCommonGivesEmptySeries) {
    const std::string a = write_run("steps_a.h5", {});
    RunSpec shifted;
    shifted.power_shift_s = 30.0;
    const std::string b = write_run("steps_b.h5", shifted);
    std::vector<std::string> warnings;
    const auto bi = inputs({a}), vi = inputs({b});
    const Alignment al = align_runs(bi, vi, warnings);
    EXPECT_TRUE(al.power_frames.time_s.empty());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], "the runs have no power step at a common time: the bus differences are empty");
    const std::string diff = test::scratch_path("steps_diff.h5");
    write_difference_file(diff, bi, vi, al, 0.95);
    OpenFile f(diff);
    EXPECT_EQ(test::shape_of(f.id, "/power/buses/p"), (std::vector<hsize_t>{0, 2}));
    EXPECT_EQ(test::shape_of(f.id, "/traffic/links/density"), (std::vector<hsize_t>{3, kLinks}));
}

TEST(DifferenceFile, LinksOnlyInTheBaseAreNaN) {
    const std::string a = write_run("nan_a.h5", {});
    RunSpec renamed;
    renamed.renamed_link = "bypass";
    renamed.offset = 1.0f;
    const std::string b = write_run("nan_b.h5", renamed);
    std::vector<std::string> warnings;
    const auto bi = inputs({a}), vi = inputs({b});
    const std::string diff = test::scratch_path("nan_diff.h5");
    write_difference_file(diff, bi, vi, align_runs(bi, vi, warnings), 0.95);
    OpenFile f(diff);
    const auto speed = test::read_doubles(f.id, "/traffic/links/mean_speed");
    EXPECT_NEAR(speed[0], 1.0, 1e-5);
    EXPECT_TRUE(std::isnan(speed[3])) << "link l3_0 is not in the variant";
}

TEST(LinkChanges, ListsTheLinksThatGainedAndLostMost) {
    const std::string a = write_run("went_a.h5", {});
    RunSpec moved;
    moved.more_on_link2 = 3;
    const std::string b = write_run("went_b.h5", moved);
    std::vector<std::string> warnings;
    const auto bi = inputs({a}), vi = inputs({b});
    const Alignment al = align_runs(bi, vi, warnings);
    const LinkChanges c = largest_link_changes(bi, vi, al, 5);
    ASSERT_EQ(c.gained.size(), 1u);
    EXPECT_EQ(c.gained[0].id, "l2_3");
    EXPECT_EQ(c.gained[0].delta, 9.0) << "3 more in each of 3 frames";
    EXPECT_EQ(c.gained[0].base, 2.0 + 12.0 + 22.0);
    ASSERT_EQ(c.lost.size(), 1u);
    EXPECT_EQ(c.lost[0].id, "l0_1");
    EXPECT_EQ(c.lost[0].delta, -9.0);
    EXPECT_TRUE(largest_link_changes(bi, bi, align_runs(bi, bi, warnings), 5).gained.empty());
    EXPECT_TRUE(largest_link_changes(bi, vi, al, 0).lost.empty());
}

}  // namespace
}  // namespace citytwin::io
