// The sweep summary as HDF5: the same table as the CSV, one dataset per column, so that
// h5py or xarray read a KPI over all members in one call.
#include <cstdint>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/sweep/sweep_summary.hpp"

namespace citytwin::io {
namespace {

void write_u64(hid_t loc, const std::string& name, const std::vector<std::uint64_t>& v, const std::string& long_name) {
    h5::write_array<std::uint64_t>(loc, name, v, {"1", long_name});
}

void write_parameters(hid_t loc, const SweepFile& sweep, const std::vector<std::vector<std::string>>& rows) {
    h5::Handle g = h5::make_group(loc, "parameters");
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
        std::vector<std::string> column;
        for (const auto& row : rows) column.push_back(row[p]);
        h5::write_string_array(g, sweep.parameters[p].key, column, {"", "value of --set " + sweep.parameters[p].key});
    }
}

}  // namespace

void write_sweep_table_h5(const std::string& path, const SweepFile& sweep, const SweepTable& t) {
    const h5::LibraryLock lock;
    h5::Handle file = h5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                               "cannot create the sweep summary '" + path + "'");
    h5::write_string_attribute(file, "kind", "sweep-summary");
    h5::write_string_attribute(file, "sweep", sweep.file);
    h5::write_double_attribute(file, "confidence", t.confidence);

    h5::Handle members = h5::make_group(file, "members");
    std::vector<std::uint64_t> index, combination, seed;
    std::vector<std::string> id, variant;
    std::vector<std::vector<std::string>> values;
    for (const SweepRun* r : t.members) {
        index.push_back(r->member.index);
        combination.push_back(r->member.combination);
        seed.push_back(r->member.seed);
        id.push_back(r->member.id);
        variant.push_back(sweep.variants[r->member.variant].name);
        values.push_back(r->member.values);
    }
    write_u64(members, "index", index, "member number in the sweep");
    write_u64(members, "combination", combination, "parameter combination");
    write_u64(members, "seed", seed, "random seed");
    h5::write_string_array(members, "id", id, {"", "member id"});
    h5::write_string_array(members, "variant", variant, {"", "variant"});
    write_parameters(members, sweep, values);
    h5::Handle member_kpis = h5::make_group(members, "kpi");
    for (std::size_t k = 0; k < t.kpis.size(); ++k) {
        std::vector<double> column;
        for (const auto& row : t.values) column.push_back(row[k]);
        h5::write_array<double>(member_kpis, t.kpis[k].name, column, {t.kpis[k].units, t.kpis[k].long_name});
    }

    h5::Handle combos = h5::make_group(file, "combinations");
    std::vector<std::uint64_t> combo, reps;
    std::vector<std::string> combo_variant;
    std::vector<std::vector<std::string>> combo_values;
    for (const auto& g : t.groups) {
        combo.push_back(g.combination);
        reps.push_back(g.replications);
        combo_variant.push_back(sweep.variants[g.variant].name);
        combo_values.push_back(g.values);
    }
    write_u64(combos, "combination", combo, "parameter combination");
    write_u64(combos, "replications", reps, "replications in the statistics");
    h5::write_string_array(combos, "variant", combo_variant, {"", "variant"});
    write_parameters(combos, sweep, combo_values);
    h5::Handle combo_kpis = h5::make_group(combos, "kpi");
    for (std::size_t k = 0; k < t.kpis.size(); ++k) {
        h5::Handle g = h5::make_group(combo_kpis, t.kpis[k].name.c_str());
        const std::pair<const char*, std::vector<double> SweepTable::Group::*> stats[] = {
            {"mean", &SweepTable::Group::mean}, {"sd", &SweepTable::Group::sd},
            {"ci_low", &SweepTable::Group::ci_low}, {"ci_high", &SweepTable::Group::ci_high}};
        for (const auto& [name, field] : stats) {
            std::vector<double> column;
            for (const auto& group : t.groups) column.push_back((group.*field)[k]);
            h5::write_array<double>(g, name, column, {t.kpis[k].units, std::string(name) + " of " + t.kpis[k].long_name});
        }
    }
    file.close("cannot write the sweep summary '" + path + "'");
}

}  // namespace citytwin::io
