#pragma once
// Small, deterministic records for the io/output tests, and scratch paths under the build tree.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/run_records.hpp"

namespace citytwin::io::test {

// A fresh path (any old file removed) under <build>/test-tmp/io_output/pid-<pid>/; the
// directory is removed at the end of a run in which every test passed.
std::string scratch_path(const std::string& name);

sim::RunMetadata sample_metadata();
// A ring of `nodes` nodes with one link between neighbours, each with a two-point shape.
sim::NetworkGeometry sample_network(std::size_t nodes = 4);
// Values depend on the frame number k and the link, with a NaN speed on link 1.
sim::LinkSeriesFrame sample_link_frame(int k, std::size_t links);
sim::VehicleFrame sample_vehicle_frame(int k, std::size_t vehicles);
// `count` trips with ids from first_id; statuses cycle through Waiting, Running, Arrived.
std::vector<sim::TripRow> sample_trips(int first_id, int count);
std::vector<sim::Kpi> sample_kpis();

}  // namespace citytwin::io::test
