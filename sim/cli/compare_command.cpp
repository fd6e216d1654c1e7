// `citytwin compare BASE.h5 VARIANT.h5` or `--base B... --variant V...`: every KPI's
// difference with its confidence interval, optional difference fields (-o) and assertions
// whose outcome is the exit status (docs/compare.md); with --sweep, two variants of a sweep
// paired by parameter combination and seed (docs/sweeps.md).
#include <iostream>

#include "io/output/compare_assertion.hpp"
#include "io/output/compare_error.hpp"
#include "io/output/compare_inputs.hpp"
#include "io/output/comparison_format.hpp"
#include "io/output/diff_file.hpp"
#include "io/output/link_changes.hpp"
#include "io/output/xdmf_sidecar.hpp"
#include "io/sweep/sweep_comparison.hpp"
#include "sim/cli/commands.hpp"
#include "sim/sweep/sweep_outputs.hpp"

namespace citytwin::cli {
namespace {

int bad_input(const std::string& message) {
    std::cerr << "citytwin: error: " << message << "\n";
    return 2;
}

// -o FILE: the difference fields, with their XDMF sidecar. Throws what the writer throws.
void write_differences(const CompareOptions& o, const std::vector<io::CompareInput>& base,
                       const std::vector<io::CompareInput>& variant, const io::Alignment& alignment) {
    io::write_difference_file(o.output, base, variant, alignment, o.confidence);
    std::cerr << "citytwin: wrote the differences to " << o.output << "\n";
    try {
        io::write_xdmf_sidecar(o.output);
    } catch (const std::exception& e) {
        std::cerr << "citytwin: warning: no XDMF sidecar for " << o.output << ": " << e.what() << "\n";
    }
}

// 0 when every assertion holds, else 1, each failed one said on stderr.
int assertion_status(const std::vector<io::AssertionOutcome>& assertions) {
    int failed = 0;
    for (const io::AssertionOutcome& a : assertions)
        if (!a.holds) {
            std::cerr << "citytwin: assertion failed: " << a.text << " (" << a.detail << ")\n";
            ++failed;
        }
    if (failed > 0) {
        std::cerr << "citytwin: " << failed << " of " << assertions.size() << " assertions failed\n";
        return 1;
    }
    return 0;
}

// `--sweep FILE --base A --variant B`: the members of A and B paired by combination and seed.
int compare_sweep(const CompareOptions& o) {
    if (!o.files.empty() || o.base.size() != 1 || o.variant.size() != 1)
        return bad_input("with --sweep, give one variant name each to --base and --variant (the sweep's variants)");
    if (o.half_width_pct) return bad_input("--half-width is not for --sweep (sweep collect gives each combination's interval)");
    if (o.format != "text" && o.format != "md" && o.format != "csv" && o.format != "json")
        return bad_input("--format must be text, md, csv or json, got '" + o.format + "'");
    std::vector<std::string> warnings;
    io::SweepPairedComparison c;
    std::vector<io::CompareInput> base, variant;
    try {
        if (!(o.confidence > 0.0 && o.confidence < 1.0))
            throw std::invalid_argument("--ci must lie strictly between 0 and 1 (0.95 for a 95 % interval), got " +
                                        std::to_string(o.confidence));
        std::vector<io::Assertion> assertions;
        for (const std::string& text : o.assertions) assertions.push_back(io::parse_assertion(text));
        io::SweepFile s = io::load_sweep_file(o.sweep);
        if (!o.dir.empty()) s.outputs_dir = o.dir;
        std::vector<io::SweepRun> base_runs, variant_runs;
        for (io::SweepMember& m : sweep::variant_members(s, o.base[0])) {
            io::RunSummary summary = io::read_run_summary(m.output);
            base_runs.push_back(io::SweepRun{std::move(m), std::move(summary)});
        }
        for (io::SweepMember& m : sweep::variant_members(s, o.variant[0])) {
            io::RunSummary summary = io::read_run_summary(m.output);
            variant_runs.push_back(io::SweepRun{std::move(m), std::move(summary)});
        }
        c = io::compare_sweep_variants(s, base_runs, variant_runs, o.confidence, warnings);
        const io::KpiComparison overall = io::overall_as_comparison(c);
        for (const io::Assertion& a : assertions) c.assertions.push_back(io::evaluate_assertion(a, overall));
        if (!o.output.empty()) {
            for (const io::SweepRun& r : base_runs) base.push_back(io::read_compare_input(r.member.output));
            for (const io::SweepRun& r : variant_runs) variant.push_back(io::read_compare_input(r.member.output));
        }
    } catch (const std::exception& e) {  // a bad sweep file, variant, assertion or member output
        return bad_input(e.what());
    }
    if (o.format == "json") std::cout << io::format_sweep_comparison_json(c, warnings) << "\n";
    else if (o.format == "md") std::cout << io::format_sweep_comparison_markdown(c, warnings);
    else if (o.format == "csv") std::cout << io::format_sweep_comparison_csv(c);
    else std::cout << io::format_sweep_comparison_text(c, warnings);
    if (o.format != "text" && o.format != "md")
        for (const std::string& w : warnings) std::cerr << "citytwin: warning: " << w << "\n";
    if (!o.output.empty()) {
        try {
            std::vector<std::string> ignored;
            const io::Alignment alignment = io::align_runs(base, variant, ignored);
            write_differences(o, base, variant, alignment);
        } catch (const std::exception& e) {
            std::cerr << "citytwin: error: " << e.what() << "\n";
            return 1;
        }
    }
    return assertion_status(c.assertions);
}

}  // namespace

int compare_command(const CompareOptions& o) {
    if (!o.sweep.empty()) return compare_sweep(o);
    std::vector<std::string> base_files = o.base, variant_files = o.variant;
    if (!o.files.empty()) {
        if (!o.base.empty() || !o.variant.empty())
            return bad_input("give either two files (BASE VARIANT) or --base and --variant, not both");
        if (o.files.size() != 2)
            return bad_input("compare takes two files, BASE and VARIANT (got " + std::to_string(o.files.size()) +
                             "); for replications use --base B1 B2 ... --variant V1 V2 ...");
        base_files = {o.files[0]};
        variant_files = {o.files[1]};
    }
    if (base_files.empty() || variant_files.empty())
        return bad_input("compare needs base and variant runs: citytwin compare BASE.h5 VARIANT.h5, or --base "
                         "B1.h5 ... --variant V1.h5 ...");
    if (o.links < 0) return bad_input("--links must be 0 or more, got " + std::to_string(o.links));
    if (o.format != "text" && o.format != "md" && o.format != "csv" && o.format != "json")
        return bad_input("--format must be text, md, csv or json, got '" + o.format + "'");

    io::ComparisonReport report;
    std::vector<io::CompareInput> base, variant;
    io::Alignment alignment;
    try {
        std::vector<io::Assertion> assertions;
        for (const std::string& text : o.assertions) assertions.push_back(io::parse_assertion(text));
        for (const auto& f : base_files) base.push_back(io::read_compare_input(f));
        for (const auto& f : variant_files) variant.push_back(io::read_compare_input(f));
        alignment = io::align_runs(base, variant, report.warnings);
        std::vector<io::RunSummary> base_runs, variant_runs;
        for (const auto& in : base) base_runs.push_back(in.summary);
        for (const auto& in : variant) variant_runs.push_back(in.summary);
        io::CompareOptions options;
        options.confidence = o.confidence;
        options.half_width_pct = o.half_width_pct;
        report.kpis = io::compare_kpis(base_runs, variant_runs, options, report.warnings);
        report.base_only_links = alignment.base_only_links;
        report.variant_only_links = alignment.variant_only_links;
        for (const io::Assertion& a : assertions) report.assertions.push_back(io::evaluate_assertion(a, report.kpis));
    } catch (const std::invalid_argument& e) {  // CompareError and bad options
        return bad_input(e.what());
    }
    try {
        report.links = io::largest_link_changes(base, variant, alignment, static_cast<std::size_t>(o.links));
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }

    // The table goes to stdout. Text and Markdown carry the warnings in their header; CSV has
    // no place for them and JSON is often piped to a program, so there they go to stderr too.
    if (o.format == "json") std::cout << io::format_comparison_json(report) << "\n";
    else if (o.format == "md") std::cout << io::format_comparison_markdown(report);
    else if (o.format == "csv") std::cout << io::format_comparison_csv(report);
    else std::cout << io::format_comparison_text(report);
    if (o.format != "text" && o.format != "md")
        for (const std::string& w : report.warnings) std::cerr << "citytwin: warning: " << w << "\n";

    if (!o.output.empty()) {
        try {
            write_differences(o, base, variant, alignment);
        } catch (const std::exception& e) {
            std::cerr << "citytwin: error: " << e.what() << "\n";
            return 1;
        }
    }
    return assertion_status(report.assertions);
}

}  // namespace citytwin::cli
