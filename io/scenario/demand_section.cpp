// demand: generated trips with a time-of-day profile, or a trip list from a CSV file.
#include <filesystem>

#include "io/scenario/sections.hpp"
#include "io/scenario/text_file.hpp"
#include "io/scenario/trip_csv.hpp"
#include "sim/core/scenario_limits.hpp"

namespace citytwin::io {

namespace {

constexpr std::string_view kProfiles[] = {"weekday", "morning_peak", "evening_peak", "flat"};
constexpr std::size_t kHoursPerDay = 24;
constexpr double kMaxTripsPerPerson = 50.0;  // daily; ten times what travel surveys find

sim::DemandProfile read_profile(const Field& f) {
    sim::DemandProfile p;
    if (f.is_scalar()) {
        // Named profiles: the simulator owns their hourly weights.
        p.name = f.text();
        for (std::string_view known : kProfiles)
            if (p.name == known) return p;
        const std::vector<std::string> names(std::begin(kProfiles), std::end(kProfiles));
        const std::string guess = closest_key(p.name, names);
        f.fail("unknown profile " + f.describe() + (guess.empty() ? "" : "; did you mean '" + guess + "'?") +
               " (profiles: weekday, morning_peak, evening_peak, flat, or {hourly: [24 weights]})");
    }
    const MapReader m(f, {"hourly"});
    const Field hourly = m.required("hourly");
    const std::vector<Field> hours = hourly.items();
    if (hours.size() != kHoursPerDay)
        hourly.fail("expected 24 weights (hours 0..23), got " + std::to_string(hours.size()));
    double sum = 0.0;
    for (const Field& h : hours) {
        p.hourly.push_back(h.non_negative_number(1.0e9));
        sum += p.hourly.back();
    }
    if (sum <= 0.0) hourly.fail("all 24 weights are 0; at least one hour needs trips");
    p.name = "custom";
    return p;
}

sim::DemandGenerateSpec read_generate(const Field& field, const DemandContext& ctx) {
    const MapReader m(field, {"trips", "trips_per_person", "profile"});
    sim::DemandGenerateSpec g;
    g.mark = field.mark();
    const auto trips = m.get("trips");
    const auto per_person = m.get("trips_per_person");
    if (trips && per_person) per_person->fail_at_key("give either 'trips' or 'trips_per_person', not both");
    if (!trips && !per_person) field.fail("give the amount of demand as 'trips' (total) or 'trips_per_person' (daily)");
    if (trips) {
        g.trips = trips->positive_number();
        trips->require_at_most(g.trips, static_cast<double>(sim::kMaxTrips), std::to_string(sim::kMaxTrips));
    }
    if (per_person) {
        g.trips_per_person = per_person->positive_number(kMaxTripsPerPerson);
        if (ctx.population <= 0.0)
            per_person->fail("trips_per_person needs residents, but the zones' population is 0; "
                             "give zones a population or use 'trips'");
    }
    if (auto f = m.get("profile")) {
        g.profile = read_profile(*f);
    } else {
        g.profile.name = "weekday";
    }
    return g;
}

}  // namespace

sim::DemandSpec read_demand(const Field& field, const DemandContext& ctx, std::vector<sim::VehicleTypeSpec>& types,
                            std::vector<std::string>& warnings) {
    const MapReader m(field, {"generate", "trips", "sumo"},
                      {{"od", "demand source 'od' is not supported by this version of citytwin"}});
    sim::DemandSpec d;
    d.mark = field.mark();
    const auto generate = m.get("generate");
    const auto trips = m.get("trips");
    const auto sumo = m.get("sumo");
    if (generate && trips) trips->fail_at_key("give either 'generate' or 'trips', not both");
    if (sumo && (generate || trips)) sumo->fail_at_key("give only one of 'generate', 'trips' and 'sumo'");
    if (sumo) {
        d.trips = read_sumo_demand_section(*sumo, ctx, types, warnings, d.sumo_route_files);
        return d;
    }
    if (generate) {
        d.generate = read_generate(*generate, ctx);
        return d;
    }
    if (!trips) field.fail("demand needs 'generate', 'trips' (a CSV trip list) or 'sumo' (SUMO route files)");

    const std::string name = trips->text();
    std::filesystem::path path(name);
    if (path.is_relative()) path = std::filesystem::path(ctx.base_dir.empty() ? "." : ctx.base_dir) / path;
    d.trips_file = path.lexically_normal().string();
    std::string why;
    const std::optional<std::string> text = read_text_file(d.trips_file, why, kMaxTripCsvBytes);
    if (!text) trips->fail("cannot read trip file '" + d.trips_file + "': " + why);

    TripCsvRules rules;
    rules.links = ctx.ids.checkable ? &ctx.ids.links : nullptr;
    for (const sim::VehicleTypeSpec& t : ctx.types) rules.types.insert(t.id);
    rules.duration_s = ctx.duration_s;
    rules.key_path = trips->path();
    rules.max_trips = static_cast<std::size_t>(sim::kMaxTrips);
    d.trips = parse_trip_csv(*text, d.trips_file, rules);
    return d;
}

}  // namespace citytwin::io
