#pragma once
// libhdf5 1.10 can itself crash or hang on a damaged file (found by tests/fuzz/
// run_file_reader_fuzz; docs/reliability.md §4): it follows offsets read from the file without
// checking them. So a read is first rehearsed in a child process, a copy of this one at that
// moment, which makes the same calls on the same memory: if the child dies or does not finish,
// the file is reported damaged, and this process never makes the call that would have crashed
// it. Every open walks the file's whole structure that way (every group's links, every object's
// attributes and their values, every dataset's type, shape and layout); a reader whose own
// calls matter (the summary behind `citytwin info`) rehearses those as well.
#include <functional>
#include <string>

#include "io/output/h5_handles.hpp"

namespace citytwin::io::h5 {

// How long a rehearsal may take before the file counts as damaged: a run file's structure is a
// few hundred objects, walked in milliseconds, and its summary is read in seconds.
inline constexpr double kRehearsalSeconds = 60.0;

// Runs `read` in a child process. Throws OutputError naming `path` when the child crashes or
// does not finish within kRehearsalSeconds; returns normally when it completes, also with an
// exception (the caller's own read then reports it in its words). Each `kind` of read is
// rehearsed once per process for each version of a file (device, inode, size, modification time).
void rehearse_in_child(const std::string& path, const std::string& kind, const std::function<void()>& read);

// The structure walk of every open (open_file_read_only), rehearsed.
void check_structure_in_child(const std::string& path);

}  // namespace citytwin::io::h5
