#pragma once
// The sizes a scenario may reach, whatever it comes from (the YAML, a --set, a trip file, SUMO
// or OpenStreetMap files). The loader checks each against the key that drives it, and the
// builders that derive a size (generated trips from trips_per_person) check theirs, so a run
// that could never fit memory is a located error before anything is allocated, never a
// std::bad_alloc. The limits are documented in docs/scenario-format.md §3.
#include <cstdint>

namespace citytwin::sim {

// A month: every hour-of-day and day-of-year quantity (profiles, clear sky) is defined over
// it, and 31 d of 0.5 s steps is 5.4 million steps, already days of run time.
constexpr double kMaxDurationS = 31.0 * 86400.0;
// Trips of one run, from any source: each costs about 150 bytes of host memory before the
// device state, so 20 million is 3 GB, a metropolitan region's day.
constexpr std::int64_t kMaxTrips = 20'000'000;
// Junctions of a generated grid (rows x cols): a million junctions is four million links.
constexpr std::int64_t kMaxGridJunctions = 1'000'000;
// Residents or jobs of one zone, and of all zones together: more than any city has.
constexpr double kMaxPeople = 1.0e8;

}  // namespace citytwin::sim
