// Sizes, counts, durations and physical parameters beyond their documented ranges
// (docs/scenario-format.md): each is a located error naming the key, given within a second and
// before anything of the size it names is allocated. One table row per bad value.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/scenario/scenario_loader.hpp"

namespace citytwin::io {
namespace {

const std::string kBase = R"(citytwin: 1
name: b
duration: 1 h
network:
  grid: {rows: 3, cols: 3, spacing: 100 m}
demand:
  generate: {trips: 10}
)";

struct Row {
    std::vector<std::string> overrides;
    std::string expected;  // the whole message
};

std::string error_of(const std::vector<std::string>& overrides) {
    try {
        load_scenario_text(kBase, "b.yaml", overrides, ".");
    } catch (const sim::ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

const Row kRows[] = {
    // Sizes and counts that would allocate without end.
    {{"network.grid.rows=10000", "network.grid.cols=10000"},
     "--set network.grid.cols=10000: network.grid.cols: a grid of 10000 x 10000 = 100000000 junctions is too large; "
     "rows x cols may be at most 250000"},
    {{"demand.generate.trips=1e12"}, "--set demand.generate.trips=1e12: demand.generate.trips: must be at most 20000000, got '1e12'"},
    {{"duration=1e15 s"}, "--set duration=1e15 s: duration: must be at most 31 d, got '1e15 s'"},
    {{"duration=32 d"}, "--set duration=32 d: duration: must be at most 31 d, got '32 d'"},
    {{"zones.generate={blocks: 1x1, population: 1e12}"},
     "--set zones.generate={blocks: 1x1, population: 1e12}: zones.generate.population: must be at most 100000000, got '1e12'"},
    {{"demand.generate={trips_per_person: 1000}"},
     "--set demand.generate={trips_per_person: 1000}: demand.generate.trips_per_person: must be at most 50, got '1000'"},
    {{"name=" + std::string(201, 'n')},
     "--set name=" + std::string(201, 'n') + ": name: is 201 characters long; a name may have at most 200"},
    {{"zones.list=[{id: z, rect: [0, 0, 1e300, 100], population: 10}]"},
     "--set zones.list=[{id: z, rect: [0, 0, 1e300, 100], population: 10}]: zones.list[0].rect[2]: must be at most "
     "10000000 m, got '1e300'"},
    // Vehicles.
    {{"vehicle_types.car.share=1e308"}, "--set vehicle_types.car.share=1e308: vehicle_types.car.share: must be at most 1000000, got '1e308'"},
    {{"vehicle_types.car.accel=1e6"}, "--set vehicle_types.car.accel=1e6: vehicle_types.car.accel: must be at most 10 m/s^2, got '1e6'"},
    {{"vehicle_types.car.decel=100"}, "--set vehicle_types.car.decel=100: vehicle_types.car.decel: must be at most 15 m/s^2, got '100'"},
    {{"vehicle_types.car.emergency_decel=1e9"},
     "--set vehicle_types.car.emergency_decel=1e9: vehicle_types.car.emergency_decel: must be at most 15 m/s^2, got '1e9'"},
    {{"vehicle_types.car.length=1 km"}, "--set vehicle_types.car.length=1 km: vehicle_types.car.length: must be at most 100 m, got '1 km'"},
    {{"vehicle_types.car.length=1 mm"}, "--set vehicle_types.car.length=1 mm: vehicle_types.car.length: must be at least 0.5 m, got '1 mm'"},
    {{"vehicle_types.car.min_gap=1e5"}, "--set vehicle_types.car.min_gap=1e5: vehicle_types.car.min_gap: must be at most 50 m, got '1e5'"},
    {{"vehicle_types.car.headway=1 h"}, "--set vehicle_types.car.headway=1 h: vehicle_types.car.headway: must be at most 10 s, got '1 h'"},
    {{"vehicle_types.car.max_speed=1e4 km/h"},
     "--set vehicle_types.car.max_speed=1e4 km/h: vehicle_types.car.max_speed: must be at most 100 m/s, got '1e4 km/h'"},
    {{"vehicle_types.car.delta=1e3"}, "--set vehicle_types.car.delta=1e3: vehicle_types.car.delta: must be at most 10, got '1e3'"},
    {{"vehicle_types.car.speed_factor=40"},
     "--set vehicle_types.car.speed_factor=40: vehicle_types.car.speed_factor: must be at most 5, got '40'"},
    {{"vehicle_types.ev={ev: true, battery: 1e9 kWh, consumption: 0.2}"},
     "--set vehicle_types.ev={ev: true, battery: 1e9 kWh, consumption: 0.2}: vehicle_types.ev.battery: must be at most 2000 kWh, "
     "got '1e9 kWh'"},
    // Roads and traffic.
    {{"network.grid.spacing=1 mm"}, "--set network.grid.spacing=1 mm: network.grid.spacing: must be at least 10 m, got '1 mm'"},
    {{"network.grid.spacing=1e9"}, "--set network.grid.spacing=1e9: network.grid.spacing: must be at most 100000 m, got '1e9'"},
    {{"network.grid.speed=1e30"}, "--set network.grid.speed=1e30: network.grid.speed: must be at most 100 m/s, got '1e30'"},
    {{"network.grid.green=1 d"}, "--set network.grid.green=1 d: network.grid.green: must be at most 3600 s, got '1 d'"},
    {{"traffic.step=1e-9 s"}, "--set traffic.step=1e-9 s: traffic.step: must be at least 0.01 s, got '1e-9 s'"},
    {{"traffic.turn_lateral_accel=1e6"},
     "--set traffic.turn_lateral_accel=1e6: traffic.turn_lateral_accel: must be at most 20 m/s^2, got '1e6'"},
    {{"traffic.gap_acceptance=1 h"}, "--set traffic.gap_acceptance=1 h: traffic.gap_acceptance: must be at most 60 s, got '1 h'"},
    {{"traffic.teleport_after=2 d"}, "--set traffic.teleport_after=2 d: traffic.teleport_after: must be at most 86400 s, got '2 d'"},
    // Weather and air.
    {{"weather.wind.speed=1e30"}, "--set weather.wind.speed=1e30: weather.wind.speed: must be at most 60 m/s, got '1e30'"},
    {{"air.diffusivity=1e9"}, "--set air.diffusivity=1e9: air.diffusivity: must be at most 10000, got '1e9'"},
    {{"air.cell=1 mm"}, "--set air.cell=1 mm: air.cell: must be at least 1 m, got '1 mm'"},
    {{"air.margin=1e9"}, "--set air.margin=1e9: air.margin: must be at most 100000 m, got '1e9'"},
    {{"air.decay={NOx: 50}"}, "--set air.decay={NOx: 50}: air.decay.NOx: must be at most 1, got '50'"},
    {{"air.stacks=[{x: 0, y: 0, rate_g_per_s: {NOx: 1e8}}]"},
     "--set air.stacks=[{x: 0, y: 0, rate_g_per_s: {NOx: 1e8}}]: air.stacks[0].rate_g_per_s.NOx: must be at most 1000000, got '1e8'"},
    {{"air.stacks=[{x: 0, y: 0, height: 1e5, rate_g_per_s: {NOx: 1}}]"},
     "--set air.stacks=[{x: 0, y: 0, height: 1e5, rate_g_per_s: {NOx: 1}}]: air.stacks[0].height: must be at most 1000 m, got '1e5'"},
    // Power.
    {{"power={generate: {base: 1e-300 kV}}"},
     "--set power={generate: {base: 1e-300 kV}}: power.generate.base: must be at least 100 V, got '1e-300 kV'"},
    {{"power={generate: {base: 1e9 kV}}"},
     "--set power={generate: {base: 1e9 kV}}: power.generate.base: must be at most 1000000 V, got '1e9 kV'"},
    {{"power={generate: {r_ohm_per_km: 1e6}}"},
     "--set power={generate: {r_ohm_per_km: 1e6}}: power.generate.r_ohm_per_km: must be at most 100, got '1e6'"},
    {{"power={feeders: [{base: 11 kV, branches: [{from: a, to: b, r_ohm: 1e7, x_ohm: 0}]}], supply: []}"},
     "--set power={feeders: [{base: 11 kV, branches: [{from: a, to: b, r_ohm: 1e7, x_ohm: 0}]}], supply: []}: "
     "power.feeders[0].branches[0].r_ohm: must lie between -1000 and 1000 ohm, got '1e7'"},
    {{"power={feeders: [{base: 11 kV, branches: [{from: a, to: b, r_ohm: 1, x_ohm: 0, p_kw: -1e12}]}], supply: []}"},
     "--set power={feeders: [{base: 11 kV, branches: [{from: a, to: b, r_ohm: 1, x_ohm: 0, p_kw: -1e12}]}], supply: []}: "
     "power.feeders[0].branches[0].p_kw: must lie between -1000000 and 1000000 kW, got '-1e12'"},
};

TEST(Bounds, EachOutOfRangeValueIsALocatedErrorWithinASecond) {
    for (const Row& row : kRows) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::string got = error_of(row.overrides);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        EXPECT_EQ(got, row.expected);
        EXPECT_LT(seconds, 1.0) << row.expected;
    }
}

TEST(Bounds, LimitsThemselvesAreAccepted) {
    const std::vector<std::string> at_the_limit = {"duration=31 d", "vehicle_types.car.accel=10", "weather.wind.speed=60",
                                                   "network.grid.rows=500", "network.grid.cols=500",
                                                   "demand.generate.trips=20000000"};
    EXPECT_NO_THROW(load_scenario_text(kBase, "b.yaml", at_the_limit, "."));
}

// The default output is out/<name>.h5 whatever the name holds: it never leaves out/.
TEST(Bounds, DefaultOutputStaysInTheOutputFolder) {
    struct NameRow {
        std::string name, file;
    };
    const NameRow names[] = {
        {"demo-town", "out/demo-town.h5"},
        {"../../etc/passwd", "out/_.._.._etc_passwd.h5"},
        {"/tmp/x", "out/_tmp_x.h5"},
        {"..", "out/_...h5"},
        {"A 1", "out/A_1.h5"},
    };
    for (const NameRow& n : names) {
        const sim::Scenario sc = load_scenario_text(kBase, "b.yaml", {"name=\"" + n.name + "\""}, ".");
        EXPECT_EQ(sc.outputs.file, n.file) << n.name;
    }
}

TEST(Bounds, OutputsThatCannotBeFilesAreLocatedErrors) {
    const Row rows[] = {
        {{"outputs.file=/dev/null"},
         "--set outputs.file=/dev/null: outputs.file: '/dev/null' is not a regular file (a device, pipe or socket); an output "
         "must be a file"},
        {{"outputs.file=/tmp"}, "--set outputs.file=/tmp: outputs.file: '/tmp' is a folder; give a file name"},
        {{"outputs.file=out/"}, "--set outputs.file=out/: outputs.file: 'out/' is a folder; give a file name"},
        {{"outputs.checkpoint.file=/dev/zero"},
         "--set outputs.checkpoint.file=/dev/zero: outputs.checkpoint.file: '/dev/zero' is not a regular file (a device, pipe or "
         "socket); an output must be a file"},
    };
    for (const Row& row : rows) EXPECT_EQ(error_of(row.overrides), row.expected);
}

}  // namespace
}  // namespace citytwin::io
