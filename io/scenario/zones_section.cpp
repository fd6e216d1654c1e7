// zones: generated blocks over the network's bounding box, or an explicit list of rectangles.
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"
#include "sim/core/scenario_limits.hpp"

namespace citytwin::io {

namespace {

constexpr int kMaxBlocks = 1000;
constexpr double kDefaultPopulation = 10000.0;
constexpr double kDefaultJobs = 10000.0;

}  // namespace

// "4x4", "4 x 3", "4X4".
std::pair<int, int> read_grid_count(const Field& f, int max_each) {
    const std::string s = f.text();
    const auto x = s.find_first_of("xX");
    const auto whole = [](const std::string& part) -> int {
        const auto b = part.find_first_not_of(" \t");
        if (b == std::string::npos) return -1;
        const std::string t = part.substr(b, part.find_last_not_of(" \t") - b + 1);
        if (t.empty() || t.size() > 4) return -1;
        for (char c : t)
            if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
        return std::stoi(t);
    };
    const int bx = x == std::string::npos ? -1 : whole(s.substr(0, x));
    const int by = x == std::string::npos ? -1 : whole(s.substr(x + 1));
    if (bx < 0 || by < 0) f.fail("expected blocks as 'AxB' (for example 4x4), got " + f.describe());
    if (bx < 1 || by < 1 || bx > max_each || by > max_each)
        f.fail("each count must be between 1 and " + std::to_string(max_each) + ", got " + f.describe());
    return {bx, by};
}

namespace {

sim::ZoneGenerateSpec read_generate(const Field& field) {
    const MapReader m(field, {"blocks", "population", "jobs"});
    sim::ZoneGenerateSpec g;
    g.mark = field.mark();
    std::tie(g.blocks_x, g.blocks_y) = read_grid_count(m.required("blocks"), kMaxBlocks);
    if (auto f = m.get("population")) g.population = f->non_negative_number(sim::kMaxPeople);
    if (auto f = m.get("jobs")) g.jobs = f->non_negative_number(sim::kMaxPeople);
    if (g.population + g.jobs <= 0.0)
        field.fail("population and jobs are both 0; zones need residents or jobs to produce trips");
    return g;
}

// `earlier`/`index`: the zones read so far, to reject a repeated id at the repeat.
sim::ZoneSpec read_zone(const Field& item, const NetworkIds& ids, const std::vector<std::string>& link_ids,
                        const std::vector<sim::ZoneSpec>& earlier,
                        std::unordered_map<std::string, std::size_t>& index) {
    const MapReader m(item, {"id", "rect", "population", "jobs", "links"});
    sim::ZoneSpec z;
    z.mark = item.mark();
    const Field id = m.required("id");
    z.id = id.text();
    if (auto [it, fresh] = index.emplace(z.id, earlier.size()); !fresh)
        id.fail("duplicate zone id '" + z.id + "' (" + first_place(earlier[it->second].mark) + ")");
    const Field rect = m.required("rect");
    const std::vector<Field> corners = rect.items();
    if (corners.size() != 4)
        rect.fail("expected [xmin, ymin, xmax, ymax] (4 lengths), got " + std::to_string(corners.size()) + " values");
    constexpr double far = ranges::kCoordinateMaxM;
    z.x_min_m = corners[0].quantity_in(Dimension::Length, -far, far);
    z.y_min_m = corners[1].quantity_in(Dimension::Length, -far, far);
    z.x_max_m = corners[2].quantity_in(Dimension::Length, -far, far);
    z.y_max_m = corners[3].quantity_in(Dimension::Length, -far, far);
    if (!(z.x_min_m < z.x_max_m)) corners[2].fail("xmax must be greater than xmin (" + corners[0].describe() + ")");
    if (!(z.y_min_m < z.y_max_m)) corners[3].fail("ymax must be greater than ymin (" + corners[1].describe() + ")");
    if (auto f = m.get("population")) z.population = f->non_negative_number(sim::kMaxPeople);
    if (auto f = m.get("jobs")) z.jobs = f->non_negative_number(sim::kMaxPeople);
    if (auto f = m.get("links")) {
        for (const Field& lf : f->items()) {
            std::string id = lf.text();
            if (ids.checkable && !ids.links.contains(id)) {
                const std::string guess = closest_key(id, link_ids);
                lf.fail("no link '" + id + "' in network.links" +
                        (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
            }
            z.links.push_back(std::move(id));
        }
    }
    return z;
}

}  // namespace

double total_population(const sim::ZonesSpec& zones) {
    if (zones.generate) return zones.generate->population;
    double sum = 0.0;
    for (const sim::ZoneSpec& z : zones.list) sum += z.population;
    return sum;
}

sim::ZonesSpec read_zones(const std::optional<Field>& field, const NetworkIds& ids,
                          const sim::SourceMark& absent) {
    sim::ZonesSpec zones;
    if (!field || field->is_null()) {
        // Documented default: the whole network is one zone.
        zones.mark = absent;
        zones.generate = sim::ZoneGenerateSpec{1, 1, kDefaultPopulation, kDefaultJobs, absent};
        return zones;
    }
    const MapReader m(*field, {"generate", "list"});
    zones.mark = field->mark();
    const auto generate = m.get("generate");
    const auto list = m.get("list");
    if (generate && list) list->fail_at_key("give either 'generate' or 'list', not both");
    if (generate) {
        zones.generate = read_generate(*generate);
        return zones;
    }
    if (!list) field->fail("zones need either 'generate' or 'list'");

    std::vector<std::string> link_ids(ids.links.begin(), ids.links.end());
    std::sort(link_ids.begin(), link_ids.end());  // suggestions must not depend on hash order
    std::unordered_map<std::string, std::size_t> index;
    double people_and_jobs = 0.0;
    for (const Field& item : list->items()) {
        sim::ZoneSpec z = read_zone(item, ids, link_ids, zones.list, index);
        people_and_jobs += z.population + z.jobs;
        zones.list.push_back(std::move(z));
    }
    if (zones.list.empty()) list->fail("the zone list is empty; give at least one zone");
    if (people_and_jobs <= 0.0)
        list->fail("every zone has population 0 and jobs 0; zones need residents or jobs to produce trips");
    return zones;
}

}  // namespace citytwin::io
