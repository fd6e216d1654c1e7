// `citytwin sweep` end to end on the arterial: the same members and bitwise-identical outputs
// one by one and with --jobs 2, a rerun that runs only the rest, a failing member alone in the
// failures file, collect rows equal to info --json, Slurm scripts split at --array-max.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/cli_process.hpp"
#include "tests/cli/sweep_runs.hpp"

namespace citytwin::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSweepName = "arterial-2x3x5.sweep.yaml";

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string fresh_dir(const std::string& name) {
    const std::string dir = scratch("sweep", name);
    fs::remove_all(dir);
    return dir;
}

// The plan's (index, id) column pairs: ids depend on what a member runs, not where.
std::vector<std::string> plan_ids(const std::string& sweep, const std::string& dir) {
    const Result r = run("sweep plan " + sweep + " --format csv --dir " + dir);
    EXPECT_EQ(r.status, 0) << r.output;
    std::vector<std::string> ids;
    for (const auto& row : csv_rows(r.output))
        if (row.size() > 2 && row[0] != "index" && row[0].find("citytwin") == std::string::npos) ids.push_back(row[1]);
    return ids;
}

TEST(SweepCli, OneByOneAndTwoJobsGiveTheSameMembersAndOutputs) {
    const std::string sweep = arterial_sweep(kSweepName);
    const std::string one = fresh_dir("one"), two = fresh_dir("two");
    const auto ids = plan_ids(sweep, one);
    ASSERT_EQ(ids.size(), 30u);
    EXPECT_EQ(ids, plan_ids(sweep, two));

    const Result a = run("sweep run " + sweep + " --dir " + one + " --jobs 1 --threads 1");
    ASSERT_EQ(a.status, 0) << a.output;
    const Result b = run("sweep run " + sweep + " --dir " + two + " --jobs 2 --threads 2");
    ASSERT_EQ(b.status, 0) << b.output;
    EXPECT_NE(b.output.find("30/30 done, 0 running, 0 failed"), std::string::npos) << b.output;
    for (const std::string& id : ids) {
        ASSERT_TRUE(fs::exists(one + "/" + id + ".h5")) << id;
        EXPECT_FALSE(fs::exists(one + "/" + id + ".partial.h5")) << id;
        EXPECT_FALSE(fs::exists(one + "/" + id + ".partial.xmf")) << id;
        EXPECT_NE(slurp(one + "/" + id + ".xmf").find(id + ".h5:/"), std::string::npos) << id;  // ParaView's sidecar
        EXPECT_EQ(differences(one + "/" + id + ".h5", two + "/" + id + ".h5"), "");
    }

    // A member (40 s, demand 1.2, replication 2) is exactly `citytwin run` of its scenario with its --set arguments.
    const Result member = run("sweep plan " + sweep + " --format json --members 12:13 --dir " + one);
    ASSERT_EQ(member.status, 0) << member.output;
    EXPECT_NE(member.output.find("\"id\":\"" + ids[12] + "\""), std::string::npos) << member.output;
    const std::string single = scratch("sweep", "member12.h5");
    const std::string seed = member.output.substr(member.output.find("\"seed\":") + 7);
    const Result direct_run = run("run --overwrite " + std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/arterial.yaml -q --threads 1 -o " +
                                  single + " --set 'network.signals[A].phases.0.duration=40 s'"
                                  " --set 'interventions=[{id: demand, at: 0 s, demand: {scale: 1.2}}]'"
                                  " --set seed=" + seed.substr(0, seed.find(',')));
    ASSERT_EQ(direct_run.status, 0) << direct_run.output;
    EXPECT_EQ(differences(single, one + "/" + ids[12] + ".h5"), "");

    // collect: one row per member with every KPI as info --json prints it.
    const std::string summary = one + "/summary.csv";
    const Result c = run("sweep collect " + sweep + " --dir " + one + " -o " + summary);
    ASSERT_EQ(c.status, 0) << c.output;
    const auto rows = csv_rows(slurp(summary));
    ASSERT_EQ(rows.size(), 1u + 30u + 6u * 4u);
    const auto& header = rows[0];
    const std::size_t first_kpi = 10;
    ASSERT_EQ(header[first_kpi - 1], "statistic");
    for (std::size_t r = 1; r <= 30; ++r) {
        ASSERT_EQ(rows[r][0], "member");
        const Result info = run("info --json " + one + "/" + rows[r][2] + ".h5");
        ASSERT_EQ(info.status, 0) << info.output;
        EXPECT_NE(info.output.find("\"seed\":" + rows[r][7] + ","), std::string::npos) << info.output;
        for (std::size_t k = first_kpi; k < header.size(); ++k) {
            if (header[k].find(':') != std::string::npos) continue;  // nested in the JSON
            const std::string pair = "\"" + header[k] + "\":" + (rows[r][k].empty() ? "null" : rows[r][k]);
            EXPECT_NE(info.output.find(pair), std::string::npos) << pair << " not in " << info.output;
        }
    }
    // The same table as HDF5: a KPI over all members is one dataset.
    const std::string summary_h5 = one + "/summary.h5";
    const Result c5 = run("sweep collect " + sweep + " --dir " + one + " -o " + summary_h5);
    ASSERT_EQ(c5.status, 0) << c5.output;
    {
        const hid_t f = H5Fopen(summary_h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        ASSERT_GE(f, 0);
        const hid_t d = H5Dopen2(f, "/members/kpi/mean_trip_duration_s", H5P_DEFAULT);
        ASSERT_GE(d, 0);
        std::vector<double> v(30);
        ASSERT_GE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), 0);
        std::size_t column = 0;
        while (header[column] != "mean_trip_duration_s") ++column;
        for (std::size_t r = 0; r < 30; ++r) EXPECT_EQ(v[r], std::stod(rows[r + 1][column])) << r;
        H5Dclose(d);
        H5Fclose(f);
    }
    EXPECT_EQ(rows[31][0], "combination");
    EXPECT_EQ(rows[31][8], "5");
    EXPECT_EQ(rows[31][9], "mean");

    // compare --sweep needs variants by name; this sweep has one, "base".
    const Result unknown = run("compare --sweep " + sweep + " --base other --variant base");
    EXPECT_EQ(unknown.status, 2) << unknown.output;
    EXPECT_NE(unknown.output.find("no variant 'other' (variants: base)"), std::string::npos) << unknown.output;
}

TEST(SweepCli, RerunAfterPartialRunRunsOnlyTheRest) {
    const std::string sweep = arterial_sweep(kSweepName);
    const std::string dir = fresh_dir("partial");
    const Result first = run("sweep run " + sweep + " --dir " + dir + " --members 0:4 --threads 1");
    ASSERT_EQ(first.status, 0) << first.output;
    EXPECT_NE(first.output.find("4 run, 0 already complete"), std::string::npos) << first.output;
    const Result status = run("sweep status " + sweep + " --dir " + dir);
    EXPECT_NE(status.output.find("30 members: 4 done, 0 failed, 0 interrupted, 26 pending"), std::string::npos)
        << status.output;
    const Result rest = run("sweep run " + sweep + " --dir " + dir + " --jobs 2 --threads 2");
    ASSERT_EQ(rest.status, 0) << rest.output;
    EXPECT_NE(rest.output.find("26 run, 4 already complete, 0 failed"), std::string::npos) << rest.output;
}

TEST(SweepCli, ProgressBarOnATerminalOneLinePerMemberInALog) {
    const std::string sweep = arterial_sweep(kSweepName);
    // Not a terminal (a pipe): one line per finished member, no escape sequences.
    const std::string logged = fresh_dir("progress-log");
    const Result log = run("sweep run " + sweep + " --dir " + logged + " --members 0:4 --jobs 2 --threads 2");
    ASSERT_EQ(log.status, 0) << log.output;
    EXPECT_EQ(log.output.find('\r'), std::string::npos) << log.output;
    EXPECT_EQ(log.output.find("\x1b["), std::string::npos) << log.output;
    for (int k = 1; k <= 4; ++k)
        EXPECT_NE(log.output.find("citytwin: sweep: " + std::to_string(k) + "/4 done, "), std::string::npos) << log.output;
    EXPECT_NE(log.output.find("4/4 done, 0 running, 0 failed, 0 pending\n"), std::string::npos) << log.output;

    // A terminal (util-linux `script` gives the run a pseudo-terminal): one bar redrawn in place.
    if (run_program("script --version").status != 0) GTEST_SKIP() << "no `script` (util-linux) to give the run a terminal";
    const std::string shown = fresh_dir("progress-tty");
    const Result tty = run_program("TERM=xterm script -qec '" + std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin sweep run " +
                                   sweep + " --dir " + shown + " --members 0:4 --jobs 2 --threads 2' /dev/null");
    ASSERT_EQ(tty.status, 0) << tty.output;
    EXPECT_NE(tty.output.find("\rsweep: [....."), std::string::npos) << tty.output;
    EXPECT_NE(tty.output.find("\rsweep: [####"), std::string::npos) << tty.output;
    EXPECT_NE(tty.output.find("#] 4/4 done, 0 running, 0 failed, 0 pending\x1b[K"), std::string::npos) << tty.output;
    const std::string bar_line = tty.output.substr(0, tty.output.find("citytwin: sweep: 4 run"));
    EXPECT_EQ(bar_line.find('\n'), bar_line.size() - 1) << bar_line;  // the bar's one line, ended once
    EXPECT_EQ(fs::exists(shown + "/failures.csv"), false);
}

TEST(SweepCli, ImpossibleParameterFailsAloneInTheFailuresFile) {
    const std::string sweep = write_sweep("lanes.sweep.yaml", "citytwin_sweep: 1\n" + arterial_base() +
                                                                  "parameters:\n  network.links[W-A].lanes: [2, 0, 3]\n");
    const Result plan = run("sweep plan " + sweep);
    EXPECT_EQ(plan.status, 2) << plan.output;
    EXPECT_NE(plan.output.find("member 1 (id "), std::string::npos) << plan.output;
    EXPECT_NE(plan.output.find("network.links[W-A].lanes"), std::string::npos) << plan.output;

    const std::string dir = fresh_dir("lanes");
    const Result r = run("sweep run " + sweep + " --dir " + dir + " --jobs 2 --threads 2");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("2 run, 0 already complete, 1 failed"), std::string::npos) << r.output;
    const auto rows = csv_rows(slurp(dir + "/failures.csv"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"index", "id", "variant", "exit_status", "error"}));
    EXPECT_EQ(rows[1][0], "1");
    EXPECT_EQ(rows[1][3], "2");
    EXPECT_NE(rows[1][4].find("lanes"), std::string::npos) << rows[1][4];
    const Result status = run("sweep status " + sweep + " --dir " + dir);
    EXPECT_NE(status.output.find("3 members: 2 done, 1 failed"), std::string::npos) << status.output;
}

TEST(SweepCli, SlurmScriptsSplitAtArrayMax) {
    const std::string sweep = arterial_sweep(kSweepName);
    const std::string dir = fresh_dir("slurm");
    fs::create_directories(dir);
    const Result r = run("sweep slurm " + sweep + " --dir " + dir + " -o " + dir + "/job.sbatch --array-max 4 --per-task 3"
                         " --time 00:30:00 --partition short");
    ASSERT_EQ(r.status, 0) << r.output;
    // 30 members, 3 per task: 10 tasks, at most 4 an array.
    const std::string a = slurp(dir + "/job.1.sbatch"), c = slurp(dir + "/job.3.sbatch");
    EXPECT_NE(a.find("#SBATCH --array=0-3\n"), std::string::npos) << a;
    EXPECT_NE(c.find("#SBATCH --array=0-1\n"), std::string::npos) << c;
    EXPECT_NE(c.find("first=$(( 24 + SLURM_ARRAY_TASK_ID * 3 ))"), std::string::npos) << c;
    for (const char* line : {"#SBATCH --signal=B:USR1@120\n", "#SBATCH --requeue\n", "#SBATCH --time=00:30:00\n",
                             "#SBATCH --partition=short\n", "scontrol requeue"})
        EXPECT_NE(a.find(line), std::string::npos) << line;
    EXPECT_FALSE(fs::exists(dir + "/job.4.sbatch"));
}

TEST(SweepCli, BadInputIsExitTwo) {
    const std::string sweep = arterial_sweep(kSweepName);
    const Result range = run("sweep run " + sweep + " --members 40:50");
    EXPECT_EQ(range.status, 2) << range.output;
    EXPECT_NE(range.output.find("selects no member (the sweep has 30"), std::string::npos) << range.output;
    const Result jobs = run("sweep run " + sweep + " --jobs 0");
    EXPECT_EQ(jobs.status, 2) << jobs.output;
    const Result missing = run("sweep plan /nonexistent.sweep.yaml");
    EXPECT_EQ(missing.status, 2) << missing.output;
    EXPECT_NE(missing.output.find("/nonexistent.sweep.yaml: cannot read the sweep file"), std::string::npos) << missing.output;
    const Result txt = run("sweep collect " + sweep + " -o x.txt");
    EXPECT_EQ(txt.status, 2) << txt.output;
}

}  // namespace
}  // namespace citytwin::testing
