#pragma once
// The cleaning pass between the raw OSM graph and a network that runs: junctions joined across
// very short links, self-loops and parallel links removed, everything outside the largest
// strongly connected part dropped, and pass-through nodes removed (docs/import.md, "Cleaning").
#include <cstddef>

#include "io/osm/road_graph.hpp"

namespace citytwin::io::osm {

struct CleanOptions {
    // Links shorter than this join their end junctions into one: netconvert's
    // junctions.join-dist default (10 m), about a car and a half.
    double short_link_m = 10.0;
    // ... unless the joined junction would then span more than this (diagonal of its members'
    // bounding box), so chains of short links do not collapse a whole street.
    double max_junction_extent_m = 20.0;
    // A link still shorter than this after joining is dropped (it joins points that coincide).
    double min_link_m = 0.5;
};

struct CleanCounts {
    std::size_t junctions_joined = 0;  // nodes merged into another across a short link
    std::size_t short_links = 0;       // links removed inside joined junctions
    std::size_t tiny_links = 0;        // shorter than min_link_m and not joined: dropped
    std::size_t self_loops = 0;        // a way closing on itself with no other junction
    std::size_t parallel_links = 0;    // a second link between the same two junctions: merged
    std::size_t unreachable_links = 0; // outside the largest strongly connected part
    std::size_t unreachable_nodes = 0;
    std::size_t pass_through_nodes = 0;  // nodes joining two links end to end: removed
};

void clean_road_graph(RoadGraph& g, CleanCounts& counts, const CleanOptions& options = {});

// The pieces, in the order clean_road_graph applies them (exposed for tests).
void join_short_links(RoadGraph& g, CleanCounts& counts, const CleanOptions& options);
void merge_parallel_links(RoadGraph& g, CleanCounts& counts);
void keep_largest_strong_component(RoadGraph& g, CleanCounts& counts);
void remove_pass_through_nodes(RoadGraph& g, CleanCounts& counts);

}  // namespace citytwin::io::osm
