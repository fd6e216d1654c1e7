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
// Trips of one run, from any source: a metropolitan region's day. Each costs about 400 bytes
// of host memory while the run is built (measured: 1 million generated trips, 390 MB peak), so
// 20 million need about 8 GB before the device state, which the engine checks separately.
constexpr std::int64_t kMaxTrips = 20'000'000;
// Junctions of a generated grid (rows x cols): 500 x 500 is a million links, whose network,
// lanes and routing take about 2.5 GB of host memory to build (measured: 2.4 kB per link); a
// metropolitan region, and four times the largest benchmark grid (125 x 125).
constexpr std::int64_t kMaxGridJunctions = 250'000;
// Residents or jobs of one zone, and of all zones together: more than any city has.
constexpr double kMaxPeople = 1.0e8;

}  // namespace citytwin::sim
