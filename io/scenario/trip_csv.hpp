#pragma once
// Trip lists: one trip per CSV row, "depart,from,to[,type]". Errors name the CSV file, line
// and column, since that is where the planner has to look.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sim/core/scenario.hpp"

namespace citytwin::io {

struct TripCsvRules {
    const std::unordered_set<std::string>* links = nullptr;  // null: link ids are not checked
    std::unordered_set<std::string> types;                   // vehicle type ids
    double duration_s = 0.0;                                 // departures must be before this
    std::string key_path = "demand.trips";                   // named in every error
    std::size_t max_trips = 20'000'000;                      // rows beyond are an error (sim::kMaxTrips)
};

// Parses `text` (the content of `file`). An optional header line "depart,from,to[,type]",
// blank lines and '#' comment lines are skipped; CRLF line ends are accepted. depart is seconds
// since the start or a time with a unit ("15 min"). Throws sim::ScenarioError, including for a
// list with no trips. Each TripSpec's mark is file:line of its row.
std::vector<sim::TripSpec> parse_trip_csv(std::string_view text, const std::string& file, const TripCsvRules& rules);

}  // namespace citytwin::io
