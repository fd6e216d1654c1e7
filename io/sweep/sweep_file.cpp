// Reading a sweep file: every key checked through the scenario reader's Field and MapReader, so
// errors look like scenario errors (file:line:column: key: what was expected).
#include "io/sweep/sweep_file.hpp"

#include <climits>
#include <cmath>
#include <filesystem>

#include "io/scenario/text_file.hpp"
#include "io/scenario/yaml_checks.hpp"
#include "io/scenario/yaml_document.hpp"
#include "io/sweep/sweep_value_text.hpp"
#include "kernels/core/random.hpp"

namespace citytwin::io {
namespace {

namespace fs = std::filesystem;

// Values one parameter may list or a range may make; the member limit bounds the product.
constexpr std::size_t kMaxParameterValues = kMaxSweepMembers;

std::string relative_to(const fs::path& folder, const std::string& path) {
    const fs::path p(path);
    return p.is_absolute() ? path : (folder / p).lexically_normal().string();
}

std::vector<std::string> range_values(const Field& field) {
    const MapReader r(field, {"from", "to", "step", "unit"});
    const double from = r.required("from").number(), to = r.required("to").number();
    const Field step_field = r.required("step");
    const double step = step_field.positive_number();
    if (to < from) r.required("to").fail("must be at least 'from' (" + number_text(from) + ")");
    const double steps = std::floor((to - from) / step + 1e-9);
    if (!(steps < static_cast<double>(kMaxParameterValues)))
        step_field.fail("makes more than " + std::to_string(kMaxParameterValues) + " values from " +
                        number_text(from) + " to " + number_text(to));
    const std::string unit = r.get("unit") ? r.get("unit")->text() : "";
    std::vector<std::string> out;
    // from + i*step, not repeated addition: the values do not drift with their number.
    for (std::size_t i = 0; i <= static_cast<std::size_t>(steps); ++i)
        out.push_back(number_text(from + static_cast<double>(i) * step) + (unit.empty() ? "" : " " + unit));
    return out;
}

std::vector<std::string> list_values(const Field& field) {
    std::vector<std::string> out;
    for (const Field& item : field.items()) {
        if (item.is_null()) item.fail("an empty value cannot be swept; give a value");
        out.push_back(yaml_flow_text(item.node()));
    }
    if (out.empty()) field.fail("the list of values is empty; give at least one");
    if (out.size() > kMaxParameterValues)
        field.fail("has more than " + std::to_string(kMaxParameterValues) + " values");
    return out;
}

// `seed` is each member's replication seed; a sweep sets it with replications or seeds.
void refuse_seed_key(const std::string& key, const Field& field) {
    if (key == "seed")
        field.fail_at_key("the scenario's seed is the replication's: give replications: N or seeds: [...] instead");
}

SweepParameter read_parameter(const std::string& key, const Field& field, SweepDesign design) {
    refuse_seed_key(key, field);
    SweepParameter p;
    p.key = key;
    if (field.is_sequence()) {
        p.values = list_values(field);
        return p;
    }
    if (!field.is_map())
        field.fail("expected a list of values, a range {from, to, step} or a distribution {distribution: ...}, got " +
                   field.describe());
    const MapReader probe(field);
    if (!probe.has("distribution")) {
        p.values = range_values(field);
        return p;
    }
    const std::string kind = probe.required("distribution").text();
    if (kind == "choice") {
        const MapReader r(field, {"distribution", "values"});
        p.values = list_values(r.required("values"));
        return p;
    }
    SweepDistribution d;
    if (kind == "uniform") {
        const MapReader r(field, {"distribution", "low", "high", "unit"});
        d.kind = SweepDistribution::Kind::Uniform;
        d.a = r.required("low").number();
        d.b = r.required("high").number();
        if (d.b <= d.a) r.required("high").fail("must be greater than 'low' (" + number_text(d.a) + ")");
        if (r.get("unit")) d.unit = r.get("unit")->text();
    } else if (kind == "normal" || kind == "lognormal") {
        const MapReader r(field, {"distribution", "mean", "sd", "unit"});
        d.kind = kind == "normal" ? SweepDistribution::Kind::Normal : SweepDistribution::Kind::Lognormal;
        d.a = r.required("mean").number();
        d.b = r.required("sd").positive_number();
        if (r.get("unit")) d.unit = r.get("unit")->text();
    } else {
        probe.required("distribution").fail("expected uniform, normal, lognormal or choice, got '" + kind + "'");
    }
    if (design == SweepDesign::Grid)
        probe.required("distribution").fail("a distribution needs design: random or latin (a grid takes lists and ranges)");
    p.distribution = d;
    return p;
}

SweepVariant read_variant(const std::string& name, const Field& field, const fs::path& folder,
                          const std::string& sweep_base, const std::string& sweep_base_as_written) {
    SweepVariant v;
    v.name = name;
    v.scenario = sweep_base;
    v.scenario_as_written = sweep_base_as_written;
    if (name.empty() || name.find_first_of(",\n\t/") != std::string::npos)
        field.fail_at_key("a variant name must be non-empty without ',', '/', tabs or line breaks");
    if (field.is_null()) return v;  // `baseline:` with nothing changed
    const MapReader r(field, {"base", "set"});
    if (auto b = r.get("base")) {
        v.scenario_as_written = b->text();
        v.scenario = relative_to(folder, v.scenario_as_written);
    }
    if (auto s = r.get("set")) {
        const MapReader sets(*s);  // named: entries() must not outlive it
        for (const auto& [key, value] : sets.entries()) {
            refuse_seed_key(key, value);
            if (value.is_null()) value.fail("an empty value; give the value the variant sets");
            v.sets.emplace_back(key, yaml_flow_text(value.node()));
        }
    }
    return v;
}

// Replication seeds derived from the sweep seed and the replication number only, so every
// variant and combination runs the same seeds (common random numbers for compare).
std::uint64_t derived_seed(std::uint64_t sweep_seed, std::size_t replication) {
    const kernels::Philox4x32 r = kernels::random4(sweep_seed, static_cast<std::uint32_t>(replication), 0, 0x53575045u);
    return ((static_cast<std::uint64_t>(r.v[0]) << 32) | r.v[1]) >> 1;  // below 2^63: any reader's integer
}

std::size_t checked_product(std::size_t a, std::size_t b) {
    return (a != 0 && b > kMaxSweepMembers / a + 1) ? kMaxSweepMembers + 1 : a * b;
}

SweepFile read_sweep(const Field& root, const std::string& path) {
    if (root.is_null()) root.fail("the sweep file is empty; it needs citytwin_sweep: 1 and base");
    const MapReader top(root, {"citytwin_sweep", "base", "parameters", "design", "samples", "seed", "variants",
                               "replications", "seeds", "outputs"});
    const Field version = top.required("citytwin_sweep");
    if (version.integer(LLONG_MIN, LLONG_MAX) != 1)
        version.fail("sweep format version " + version.text() + " is not supported; this citytwin reads version 1");
    const fs::path folder = fs::path(path).parent_path();
    SweepFile s;
    s.file = path;
    s.scenario_as_written = top.required("base").text();
    s.scenario = relative_to(folder, s.scenario_as_written);
    if (auto d = top.get("design")) {
        const std::string t = d->text();
        if (t == "grid") s.design = SweepDesign::Grid;
        else if (t == "random") s.design = SweepDesign::Random;
        else if (t == "latin") s.design = SweepDesign::Latin;
        else d->fail("expected grid, random or latin, got '" + t + "'");
    }
    if (auto f = top.get("seed")) s.seed = f->unsigned_integer();
    const auto samples = top.get("samples");
    if (s.design == SweepDesign::Grid) {
        if (samples) samples->fail("samples is for design: random or latin; a grid runs every combination");
    } else {
        if (!samples) root.fail("design: random and latin need samples: N");
        s.samples = static_cast<std::size_t>(samples->integer(1, kMaxSweepSamples));
    }
    if (auto p = top.get("parameters")) {
        const MapReader parameters(*p);
        for (const auto& [key, value] : parameters.entries()) s.parameters.push_back(read_parameter(key, value, s.design));
    }
    if (auto v = top.get("variants")) {
        const MapReader variants(*v);
        for (const auto& [name, value] : variants.entries())
            s.variants.push_back(read_variant(name, value, folder, s.scenario, s.scenario_as_written));
    }
    if (s.variants.empty()) s.variants.push_back(SweepVariant{"base", s.scenario, s.scenario_as_written, {}});

    const auto reps = top.get("replications");
    const auto seeds = top.get("seeds");
    if (reps && seeds) seeds->fail_at_key("give replications: N or seeds: [...], not both");
    if (seeds) {
        for (const Field& item : seeds->items()) s.seeds.push_back(item.unsigned_integer());
        if (s.seeds.empty() || s.seeds.size() > kMaxReplications)
            seeds->fail("expected 1 to " + std::to_string(kMaxReplications) + " seeds");
    } else {
        const auto n = reps ? static_cast<std::size_t>(reps->integer(1, kMaxReplications)) : 1;
        for (std::size_t r = 0; r < n; ++r) s.seeds.push_back(derived_seed(s.seed, r));
    }
    s.outputs_dir = "out/" + fs::path(path).filename().string();
    if (const auto cut = s.outputs_dir.find(".sweep.yaml"); cut != std::string::npos) s.outputs_dir.resize(cut);
    if (auto o = top.get("outputs")) {
        const MapReader r(*o, {"dir"});
        if (auto d = r.get("dir")) s.outputs_dir = d->text();
    }
    const std::size_t members = sweep_member_count(s);
    if (members > kMaxSweepMembers)
        root.fail("the sweep has more than " + std::to_string(kMaxSweepMembers) +
                  " members (variants x combinations x replications); split it into several sweep files");
    return s;
}

}  // namespace

std::size_t sweep_combinations(const SweepFile& s) {
    if (s.design != SweepDesign::Grid) return s.samples;
    std::size_t n = 1;
    for (const SweepParameter& p : s.parameters) n = checked_product(n, p.values.size());
    return n;
}

std::size_t sweep_member_count(const SweepFile& s) {
    return checked_product(checked_product(s.variants.size(), sweep_combinations(s)), s.seeds.size());
}

SweepFile load_sweep_file(const std::string& path) {
    std::string why;
    const auto text = read_text_file(path, why, kMaxScenarioBytes);
    if (!text) throw sim::ScenarioError(sim::SourceMark{path, 0, 0}, "", "cannot read the sweep file: " + why);
    YAML::Node root;
    try {
        root = load_single_document(*text);
        if (!root.IsDefined()) root = YAML::Node(YAML::NodeType::Null);
    } catch (const YamlTextError& e) {
        const int line = e.mark.line < 0 ? 0 : e.mark.line + 1, column = e.mark.line < 0 ? 0 : e.mark.column + 1;
        throw sim::ScenarioError(sim::SourceMark{path, line, column}, "",
                                 e.syntax ? std::string("not valid YAML: ") + e.what() : std::string(e.what()) + "; a sweep file is one document");
    }
    const SourceMap sources(path);
    return read_sweep(Field(sources, root, ""), path);
}

}  // namespace citytwin::io
