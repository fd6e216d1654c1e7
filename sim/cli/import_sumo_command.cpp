// `citytwin import sumo`: writes a scenario that runs SUMO's own files (referred to, not
// copied), then loads it as `citytwin run` would and prints what it holds.
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "io/output/output_path.hpp"
#include "io/scenario/scenario_loader.hpp"
#include "io/sumo/sumo_config.hpp"
#include "io/sumo/sumo_demand_reader.hpp"
#include "io/sumo/sumo_net_reader.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/core/engine.hpp"

namespace citytwin::cli {

namespace {

namespace fs = std::filesystem;

// Text as a double-quoted YAML scalar: a name may hold quotes or backslashes.
std::string yaml_quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return q + "\"";
}

// A path as the scenario should hold it: relative to the scenario's folder.
std::string yaml_path(const std::string& file, const fs::path& scenario_dir) {
    const fs::path abs = fs::absolute(file).lexically_normal();
    const fs::path rel = abs.lexically_relative(fs::absolute(scenario_dir).lexically_normal());
    std::string s = rel.empty() ? abs.string() : rel.string();
    return yaml_quoted(s);
}

std::string list(const std::vector<std::string>& files, const fs::path& dir) {
    std::string s = "[";
    for (std::size_t i = 0; i < files.size(); ++i) s += (i ? ", " : "") + yaml_path(files[i], dir);
    return s + "]";
}

std::string number(double v) {
    std::ostringstream o;
    o.precision(15);
    o << v;
    return o.str();
}

// Loads the written scenario as a run would. Its values came from the configuration (or the
// command line), so an error in one is reported where the user wrote it: the .sumocfg line of
// the option, or --begin/--end; errors in SUMO's own files already name those.
sim::Scenario load_written(const std::string& yaml, const io::SumoConfig& cfg, const ImportSumoOptions& o) {
    try {
        return io::load_scenario(yaml);
    } catch (const sim::ScenarioError& e) {
        if (e.mark().file != yaml) throw;
        const std::string option = io::sumo_option_of(e.key_path());
        if (option.empty()) throw;
        const std::string written = " (written to " + yaml + " as " + e.key_path() + ")";
        if ((option == "begin" && o.begin_s) || (option == "end" && o.end_s))
            throw sim::ScenarioError({"--" + option, 0, 0}, "", e.message() + written);
        if (const auto it = cfg.marks.find(option); it != cfg.marks.end())
            throw sim::ScenarioError(it->second, "<" + option + " value>", e.message() + written);
        if (option == "end" && !cfg.file.empty())
            throw sim::ScenarioError({cfg.file, 0, 0}, "<end>",
                                     e.message() + written + "; the configuration has no end, so the duration is "
                                                             "the last departure + 1 h: give an end");
        throw;
    }
}

}  // namespace

int import_sumo_command(const ImportSumoOptions& o) {
    return exit_status_of([&] {
        if (o.name.size() > 200) {
            std::cerr << "citytwin: error: --name: a name may have at most 200 characters\n";
            return 2;
        }
        io::SumoConfig cfg;
        if (!o.config.empty()) {
            cfg = io::read_sumo_config(o.config);
        } else {
            if (o.net.empty() || o.routes.empty()) {
                std::cerr << "citytwin: error: give a SUMO configuration, or --net and --routes\n";
                return 2;
            }
            cfg.net = o.net;
            cfg.routes = o.routes;
            cfg.additional = o.additional;
        }
        if (o.begin_s && !(std::isfinite(*o.begin_s) && *o.begin_s >= 0.0)) {
            std::cerr << "citytwin: error: --begin: expected a SUMO time >= 0 s, got " << *o.begin_s << "\n";
            return 2;
        }
        if (o.end_s && !std::isfinite(*o.end_s)) {
            std::cerr << "citytwin: error: --end: expected a SUMO time in seconds, got " << *o.end_s << "\n";
            return 2;
        }
        if (o.begin_s) cfg.begin_s = *o.begin_s;
        if (o.end_s) cfg.end_s = *o.end_s;
        std::string duration_note;
        double duration = 0.0;
        if (cfg.end_s) {
            duration = *cfg.end_s - cfg.begin_s;
        } else {
            // SUMO without an end runs until the last vehicle has left: cover the last departure
            // and an hour after it.
            io::SumoNotes notes;
            const sim::LaneNetworkSpec net = io::read_sumo_net(cfg.net, cfg.additional, notes);
            io::SumoDemandOptions dopt;
            dopt.begin_s = cfg.begin_s;
            dopt.step_s = cfg.step_s;
            const io::SumoDemand d = io::read_sumo_demand(cfg.routes, cfg.additional, net, dopt, notes);
            duration = std::ceil(d.last_depart_s - cfg.begin_s) + 3600.0;
            duration_note = "  # the SUMO configuration has no end: last departure + 1 h";
        }
        const fs::path out(o.output);
        const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
        std::error_code ec;
        fs::create_directories(dir, ec);
        std::string name = o.name;
        if (name.empty()) name = fs::path(o.config.empty() ? cfg.net : o.config).stem().string();
        if (name.size() > 8 && name.substr(name.size() - 8) == ".net.xml") name.resize(name.size() - 8);

        std::ostringstream y;
        y << "# citytwin scenario that runs SUMO's files where they are (nothing is copied).\n"
          << "# Imported from " << (o.config.empty() ? cfg.net : o.config) << "\n";
        if (!cfg.ignored.empty()) {
            y << "# SUMO options not used here:";
            for (const auto& i : cfg.ignored) y << " " << i;
            y << "\n";
        }
        y << "citytwin: 1\n"
          << "name: " << yaml_quoted(name) << "\n"
          << "seed: " << (cfg.seed ? *cfg.seed : 42ull) << "\n"
          << "duration: " << number(duration) << " s" << duration_note << "\n"
          << "network:\n  sumo:\n    net: " << yaml_path(cfg.net, dir) << "\n";
        if (!cfg.additional.empty()) y << "    additional: " << list(cfg.additional, dir) << "\n";
        y << "demand:\n  sumo:\n    routes: " << list(cfg.routes, dir) << "\n"
          << "    begin: " << number(cfg.begin_s) << " s   # SUMO time of the scenario start\n"
          << "traffic:\n  step: " << number(cfg.step_s) << " s   # SUMO's step length\n"
          << "  model: krauss   # SUMO's car following for vehicle types that name none\n"
          << "outputs:\n  file: " << yaml_quoted("out/" + io::file_name_of(name) + ".h5") << "\n";
        {
            std::ofstream f(out, std::ios::binary);
            if (!f) {
                std::cerr << "citytwin: error: cannot write " << o.output << "\n";
                return 1;
            }
            f << y.str();
        }
        // Load it back as a run would: every reference checked, warnings shown.
        // A scenario that does not load is not left behind (as the OpenStreetMap import writes
        // nothing on error): the next `citytwin run` of it would only fail again.
        sim::Scenario sc;
        try {
            sc = load_written(o.output, cfg, o);
        } catch (...) {
            std::filesystem::remove(out, ec);
            throw;
        }
        const sim::TrafficSetup setup = sim::build_traffic_setup(sc);
        std::size_t stops = 0;
        if (!setup.trips.stop_begin.empty()) stops = static_cast<std::size_t>(setup.trips.stop_begin.back());
        std::cout << "citytwin: wrote " << o.output << ": " << setup.net.links() << " edges, " << setup.net.lanes()
                  << " lanes, " << setup.net.connections() << " connections, " << setup.net.plans() << " signal programs; "
                  << setup.trips.size() << " vehicles of " << setup.types.size() << " types, " << setup.fixed.routes
                  << " distinct fixed routes, " << stops << " stops; " << duration << " s from SUMO time " << cfg.begin_s
                  << "\n";
        for (const std::string& w : sc.warnings) std::cout << "citytwin: warning: " << w << "\n";
        // With per-vehicle routes (chosen when a route visits an edge twice) such routes are driven as given.
        const std::int32_t revisiting = setup.use_tables ? setup.fixed.revisiting : 0;
        if (revisiting + setup.fixed.disconnected > 0)
            std::cout << "citytwin: warning: " << revisiting << " routes visit an edge twice (traffic.routing: tables) and "
                      << setup.fixed.disconnected
                      << " take a step no connection makes; their vehicles drive the fastest path to the route's end\n";
        if (!setup.unroutable.empty())
            std::cout << "citytwin: warning: " << setup.unroutable.size()
                      << " vehicles have no path from origin to destination and will not be inserted\n";
        return 0;
    });
}

}  // namespace citytwin::cli
