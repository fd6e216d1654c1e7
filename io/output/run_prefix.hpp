#pragma once
// The growing datasets of a run file and how far each has grown: what a checkpoint records of
// the output it was flushing, and what a resumed or forked run copies into its own new file
// before it appends (the rows up to the checkpoint, dataset by dataset).
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace citytwin::io {

struct DatasetExtent {
    std::string path;   // from the root, e.g. "traffic/link_series/entered"
    std::uint64_t rows = 0;
};

// Every dataset with an unlimited first dimension, sorted by path, with its current rows.
std::vector<DatasetExtent> growing_extents(hid_t file);

// Copies rows [0, rows) of each listed dataset of `from` into the same dataset of `to`, which
// must exist there with the same type and row shape and be empty. Throws OutputError naming
// the dataset when `from` is shorter than the record or the two layouts differ.
void copy_prefix(hid_t from, hid_t to, const std::vector<DatasetExtent>& extents);

}  // namespace citytwin::io
