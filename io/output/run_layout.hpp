#pragma once
// Names shared by the writer, the reader and the comparer: one place that spells the layout
// documented in docs/output-format.md.
#include <cstdint>
#include <string_view>

namespace citytwin::io::layout {

// Root attribute `format`; the number after the name is bumped on incompatible changes.
inline constexpr std::string_view kFormatName = "citytwin-run";
inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kFormat = "citytwin-run 1";

inline constexpr const char* kNetwork = "/network";
inline constexpr const char* kNodes = "/network/nodes";
inline constexpr const char* kLinks = "/network/links";
inline constexpr const char* kTraffic = "/traffic";
inline constexpr const char* kTime = "/traffic/time";
inline constexpr const char* kLinkIndex = "/traffic/link_index";
inline constexpr const char* kLinkSeries = "/traffic/links";
inline constexpr const char* kVehicles = "/traffic/vehicles";
inline constexpr const char* kVehicleTime = "/traffic/vehicles/time";
inline constexpr const char* kTrips = "/traffic/trips";
inline constexpr const char* kTripIds = "/traffic/trips/id";
inline constexpr const char* kTypes = "/traffic/types";
inline constexpr const char* kTypeNames = "/traffic/types/name";
inline constexpr const char* kTripNames = "/traffic/trip_names";
inline constexpr const char* kKpi = "/kpi";
inline constexpr const char* kAir = "/air";
inline constexpr const char* kGrid = "/grid";
inline constexpr const char* kGridFeeders = "/grid/feeders";
inline constexpr const char* kGridBuses = "/grid/buses";
inline constexpr const char* kGridBranches = "/grid/branches";
inline constexpr const char* kPower = "/power";
inline constexpr const char* kPowerTime = "/power/time";
inline constexpr const char* kPowerBuses = "/power/buses";
inline constexpr const char* kPowerBranches = "/power/branches";
inline constexpr const char* kPowerFeeders = "/power/feeders";

// KPIs that depend on the machine or its load rather than on the simulation; determinism
// comparisons skip them.
inline constexpr std::string_view kTimingKpis[] = {"wall_time_s", "vehicle_updates_per_s", "real_time_factor",
                                                   "step_loop_time_s"};

}  // namespace citytwin::io::layout
