#pragma once
// RAII ownership of HDF5 identifiers, error checking that turns HDF5's error stack into an
// OutputError, and the process-wide lock every HDF5 call in io/output is made under.
#include <hdf5.h>

#include <mutex>
#include <string>
#include <utility>

#include "io/output/output_error.hpp"

namespace citytwin::io::h5 {

// HDF5 may be built without thread-safety; the run writer's thread, readers and the compare
// helper can run at the same time in one process, so all of them serialise on this lock.
std::recursive_mutex& library_mutex();

// Turns off HDF5's automatic printing of error stacks for the calling thread (the default
// stack is per-thread in thread-safe builds); we report errors through exceptions instead.
void silence_error_printing();

// The current thread's HDF5 error stack as one line (most specific reason first), then clears it.
std::string take_error_text();

[[noreturn]] void throw_error(const std::string& what);

inline hid_t check(hid_t id, const std::string& what) {
    if (id < 0) throw_error(what);
    return id;
}
inline herr_t check_status(herr_t status, const std::string& what) {
    if (status < 0) throw_error(what);
    return status;
}

// Owns one hid_t and closes it with the matching H5?close. Move-only.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& other) noexcept
        : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
            closer_ = other.closer_;
        }
        return *this;
    }
    ~Handle() { reset(); }

    hid_t get() const { return id_; }
    operator hid_t() const { return id_; }  // NOLINT: handles are passed straight to the C API
    bool valid() const { return id_ >= 0; }
    void reset() {
        if (id_ >= 0 && closer_ != nullptr) closer_(id_);
        id_ = H5I_INVALID_HID;
    }
    // Closes now and reports failure (a file close is where buffered writes can fail).
    void close(const std::string& what) {
        if (id_ < 0) return;
        const herr_t status = closer_(std::exchange(id_, H5I_INVALID_HID));
        check_status(status, what);
    }

private:
    hid_t id_ = H5I_INVALID_HID;
    Closer closer_ = nullptr;
};

// One constructor per kind of identifier; each checks the id and throws on failure.
inline Handle file(hid_t id, const std::string& what) { return {check(id, what), H5Fclose}; }
inline Handle group(hid_t id, const std::string& what) { return {check(id, what), H5Gclose}; }
inline Handle dataset(hid_t id, const std::string& what) { return {check(id, what), H5Dclose}; }
inline Handle space(hid_t id, const std::string& what) { return {check(id, what), H5Sclose}; }
inline Handle type(hid_t id, const std::string& what) { return {check(id, what), H5Tclose}; }
inline Handle attribute(hid_t id, const std::string& what) { return {check(id, what), H5Aclose}; }
inline Handle plist(hid_t id, const std::string& what) { return {check(id, what), H5Pclose}; }
inline Handle object(hid_t id, const std::string& what) { return {check(id, what), H5Oclose}; }

// Opens an existing file read-only without taking HDF5's file lock, so a file that a running
// simulation holds open can still be inspected (its last flushed state); a run file marked
// open for SWMR writing (being written, or killed while written) is opened as a SWMR reader.
// Its structure is first walked in a child process (h5_structure_check.hpp), so that a damaged
// file on which libhdf5 would crash is an OutputError instead.
Handle open_file_read_only(const std::string& path);

// The same open without that walk: for the walk itself, and for a reader whose rehearsal
// (rehearse_in_child) already opened the file the checked way.
Handle open_file_unchecked(const std::string& path);

// Called in a child process forked to rehearse a read (h5_structure_check.hpp): it has one
// thread, and the library lock it inherited belongs to a thread of its parent, so from now on
// LibraryLock takes no lock in it.
void enter_single_threaded_child();
bool in_single_threaded_child();

// A guard that takes the library lock and silences error printing for this thread.
class LibraryLock {
public:
    LibraryLock() {
        if (!in_single_threaded_child()) lock_ = std::unique_lock<std::recursive_mutex>(library_mutex());
        silence_error_printing();
    }

private:
    std::unique_lock<std::recursive_mutex> lock_;
};

}  // namespace citytwin::io::h5
