#pragma once
// A run's claim on the file it writes. A run takes it before it builds any state and holds it
// until the process ends (the kernel drops it however the process ends, SIGKILL included), so
// a second run on the same output fails at once with the file untouched, and an existing good
// output is replaced only when asked for (docs/reliability.md).
//
// The claim is an open-file-description lock (fcntl F_OFD_SETLK) on the output itself. It is
// independent of HDF5's own flock() lock, which HDF5 drops while it writes in SWMR mode.
#include <string>

namespace citytwin::io {

// What an existing file at an output path holds, as far as replacing it goes.
struct ExistingOutput {
    enum class Kind { none, killed_run, resumable_run, complete_run, other } kind = Kind::none;
    std::string what;  // in words, for the error: "a complete run (written 2026-06-01T10:00Z)"
};
ExistingOutput existing_output(const std::string& path);

// True when another process holds the claim on `path` (a run is writing it now).
bool claimed_by_another_process(const std::string& path);

class OutputLock {
public:
    OutputLock() = default;
    // Claims `path` for this process, creating it empty if it does not exist. Throws
    // std::invalid_argument (exit status 2), changing nothing, when another run holds it, when
    // another program holds HDF5's lock on it, or when it holds a complete or resumable run (or
    // anything but a killed run) and `overwrite` is false. `resuming_own`: a resume continuing
    // its own output in place, which may replace a stopped or interrupted run too.
    static OutputLock claim(const std::string& path, bool overwrite, bool resuming_own = false,
                            const std::string& role = "output");
    // Claims a file this process has just created (a resumed run's new output, before it is
    // renamed into place: the claim moves with the file).
    static OutputLock claim_new(const std::string& path);
    ~OutputLock();
    OutputLock(OutputLock&& other) noexcept;
    OutputLock& operator=(OutputLock&& other) noexcept;
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;

    // What a run that replaces an existing file says about it ("" when the path was free).
    const std::string& replaced() const { return replaced_; }

private:
    void release() noexcept;
    int fd_ = -1;
    std::string path_;
    bool created_ = false;  // this claim created the file: removed again if the run never wrote it
    std::string replaced_;
};

}  // namespace citytwin::io
