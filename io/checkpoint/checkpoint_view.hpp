#pragma once
// A checkpoint's view of the state it holds (sim/core/state_view.hpp), under /view in the run
// file's layout and names (/view/network/links/shape_*, /view/traffic/vehicles/*, /view/air/*),
// so its XDMF sidecar is made as a run file's is. Outside /state: not in the checksum, never
// read by a restore.
#include <hdf5.h>

#include "sim/core/state_view.hpp"

namespace citytwin::io {

inline constexpr const char* kCheckpointView = "/view";

// Writes /view into the open checkpoint `file`. Throws OutputError.
void write_state_view(hid_t file, const sim::StateView& view);

}  // namespace citytwin::io
