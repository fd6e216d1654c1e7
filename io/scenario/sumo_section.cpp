// network.sumo and demand.sumo: a scenario that runs SUMO's own files. The files are read
// where they are (paths relative to the scenario file); nothing is copied.
#include <filesystem>

#include "io/scenario/sections.hpp"
#include "io/sumo/sumo_demand_reader.hpp"
#include "io/sumo/sumo_net_reader.hpp"

namespace citytwin::io {

namespace {

std::string resolve(const Field& f, const std::string& base_dir) {
    std::filesystem::path p(f.text());
    if (p.is_relative()) p = std::filesystem::path(base_dir.empty() ? "." : base_dir) / p;
    const std::string path = p.lexically_normal().string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) f.fail("no such file: '" + path + "'");
    return path;
}

std::vector<std::string> file_list(const Field& f, const std::string& base_dir) {
    std::vector<std::string> out;
    if (f.is_scalar()) {
        out.push_back(resolve(f, base_dir));
        return out;
    }
    for (const Field& item : f.items()) out.push_back(resolve(item, base_dir));
    return out;
}

void add_warning(const SumoNotes& notes, const std::string& what, std::vector<std::string>& warnings) {
    if (!notes.empty()) warnings.push_back(what + " not represented: " + notes.summary());
}

}  // namespace

void read_sumo_network(const Field& field, const std::string& base_dir, sim::NetworkSpec& net,
                       std::vector<std::string>& warnings) {
    const MapReader m(field, {"net", "additional"});
    const std::string file = resolve(m.required("net"), base_dir);
    std::vector<std::string> additional;
    if (auto f = m.get("additional")) additional = file_list(*f, base_dir);
    SumoNotes notes;
    net.lanes = read_sumo_net(file, additional, notes);
    net.sumo_net_file = file;
    net.sumo_additional = additional;
    net.sumo_not_represented = notes.counts;
    add_warning(notes, "SUMO files:", warnings);
}

std::vector<sim::TripSpec> read_sumo_demand_section(const Field& field, const DemandContext& ctx,
                                                    std::vector<sim::VehicleTypeSpec>& types,
                                                    std::vector<std::string>& warnings,
                                                    std::vector<std::string>& route_files) {
    const MapReader m(field, {"routes", "begin"});
    if (!ctx.network || !ctx.network->lanes)
        field.fail_at_key("a SUMO demand needs a SUMO network (network.sumo), whose edges its routes name");
    const std::vector<std::string> routes = file_list(m.required("routes"), ctx.base_dir);
    route_files = routes;
    SumoDemandOptions o;
    if (auto f = m.get("begin")) o.begin_s = f->non_negative_quantity(Dimension::Time);
    o.end_s = o.begin_s + ctx.duration_s;
    o.step_s = ctx.step_s;
    o.seed = ctx.seed;
    SumoNotes notes;
    SumoDemand d = read_sumo_demand(routes, ctx.network->sumo_additional, *ctx.network->lanes, o, notes);
    // One warning for everything the SUMO files hold that is not simulated.
    if (!notes.empty()) {
        std::erase_if(warnings, [](const std::string& w) { return w.rfind("SUMO files:", 0) == 0; });
        for (const auto& [what, n] : ctx.network->sumo_not_represented) notes.add(what, n);
        add_warning(notes, "SUMO files:", warnings);
    }
    if (ctx.implicit_types) types.clear();
    for (const sim::VehicleTypeSpec& extra : types)
        for (const sim::VehicleTypeSpec& t : d.types)
            if (t.id == extra.id)
                throw sim::ScenarioError(extra.mark, "vehicle_types",
                                         "vehicle type '" + extra.id + "' is also defined by the SUMO files (" + t.mark.str() + ")");
    types.insert(types.begin(), d.types.begin(), d.types.end());
    return std::move(d.trips);
}

}  // namespace citytwin::io
