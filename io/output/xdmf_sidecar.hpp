#pragma once
// The XDMF sidecar of a run file or difference file (RUN.h5 -> RUN.xmf beside it), so ParaView
// opens a run as time series: the network as polylines with the link series as cell data, the
// air fields as a 2-D structured grid, the feeder buses as points with their series, and the
// vehicle frames as points. It holds no values: every array is a path into the HDF5 file (as
// written when the sidecar is made), read by ParaView's XDMF reader.
#include <string>

namespace citytwin::io {

// "out/demo.h5" -> "out/demo.xmf".
std::string xdmf_path_for(const std::string& h5_path);

// Reads the file's layout and writes its sidecar; returns the sidecar's path. `root`: the group
// that holds the run file's layout ("" for run and difference files, "/view" for a
// checkpoint). Throws OutputError when the file cannot be read or the sidecar written.
std::string write_xdmf_sidecar(const std::string& h5_path, const std::string& root = "");

}  // namespace citytwin::io
