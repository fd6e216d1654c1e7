#pragma once
// Whether a path can take a run's output (or a checkpoint, or an imported scenario): checked
// before anything runs, so `-o ''` or `-o /dev/null` is an error naming the path at once, not
// a run of hours whose writer fails (or crashes in HDF5's shutdown) at the end. And the default
// output name a scenario's `name` becomes, which must stay inside the output folder.
#include <optional>
#include <string>

namespace citytwin::io {

// Why `path` cannot be written as an output file ("the path is empty", "it is a folder",
// "'/dev/null' is not a regular file (a device, pipe or socket)..."), or nullopt. A path that
// does not exist yet is fine: the writer creates it.
std::optional<std::string> output_path_problem(const std::string& path);

// `name` as a file name: every character but letters, digits, '-', '_' and '.' becomes '_', and
// a leading '.' too, so "../../etc/x" is "_.._.._etc_x" and the default output
// out/<name>.h5 never leaves out/.
std::string file_name_of(const std::string& name);

}  // namespace citytwin::io
