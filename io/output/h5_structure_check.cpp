#include "io/output/h5_structure_check.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CITYTWIN_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CITYTWIN_ADDRESS_SANITIZER 1
#endif

// Set by a fuzzing engine to save the input when a sanitizer reports; the walking child, whose
// end is an answer rather than a finding, clears it.
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace citytwin::io::h5 {

namespace {

// Values the walk reads: attributes and small datasets (time axes, KPI scalars, units), as the
// readers do. Larger datasets have their type, shape and layout read, not their data.
constexpr std::size_t kValueBytesRead = std::size_t{1} << 20;
constexpr hssize_t kStringsRead = 4096;

// Reads every element of `object` (an attribute or a dataset) through `read`, when it is small.
template <class Read>
bool read_values(hid_t type, hid_t space, Read read) {
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) return false;
    if (H5Tis_variable_str(type) > 0) {
        if (n > kStringsRead) return true;
        Handle memory{H5Tcopy(H5T_C_S1), H5Tclose};
        if (!memory.valid() || H5Tset_size(memory, H5T_VARIABLE) < 0) return false;
        std::vector<char*> values(static_cast<std::size_t>(n), nullptr);
        if (read(memory.get(), values.data()) < 0) return false;
        H5Dvlen_reclaim(memory, space, H5P_DEFAULT, values.data());
        return true;
    }
    // Sequences need a reclaim of what HDF5 allocates; no run file holds them, so only their
    // type and shape are walked.
    if (H5Tdetect_class(type, H5T_VLEN) != 0 || H5Tdetect_class(type, H5T_REFERENCE) != 0) return true;
    const std::size_t size = H5Tget_size(type);
    if (size == 0) return false;
    if (static_cast<std::size_t>(n) > kValueBytesRead / size) return true;
    std::vector<unsigned char> buffer(static_cast<std::size_t>(n) * size + 1);
    return read(type, buffer.data()) >= 0;
}

herr_t read_attribute(hid_t location, const char* name, const H5A_info_t* /*info*/, void* ok_flag) {
    bool& ok = *static_cast<bool*>(ok_flag);
    Handle attribute{H5Aopen(location, name, H5P_DEFAULT), H5Aclose};
    if (!attribute.valid()) {
        ok = false;
        return 0;
    }
    Handle type{H5Aget_type(attribute), H5Tclose};
    Handle space{H5Aget_space(attribute), H5Sclose};
    if (!type.valid() || !space.valid() ||
        !read_values(type, space, [&](hid_t memory, void* buffer) { return H5Aread(attribute, memory, buffer); }))
        ok = false;
    return 0;
}

bool walk_group_links(hid_t group) {
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) return false;
    bool ok = true;
    // By index, as the readers list a group's members (a dense link table is read this way).
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        char name[256];
        if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT) < 0)
            ok = false;
        else if (H5Lexists(group, name, H5P_DEFAULT) < 0)
            ok = false;
    }
    return ok;
}

bool walk_dataset(hid_t dataset) {
    Handle type{H5Dget_type(dataset), H5Tclose};
    Handle space{H5Dget_space(dataset), H5Sclose};
    Handle create{H5Dget_create_plist(dataset), H5Pclose};
    if (!type.valid() || !space.valid() || !create.valid()) return false;
    if (H5Pget_layout(create) < 0) return false;
    return read_values(type, space, [&](hid_t memory, void* buffer) {
        return H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    });
}

herr_t visit_object(hid_t root, const char* name, const H5O_info_t* info, void* ok_flag) {
    bool& ok = *static_cast<bool*>(ok_flag);
    Handle object{H5Oopen(root, name, H5P_DEFAULT), H5Oclose};
    if (!object.valid()) {
        ok = false;
        return 0;
    }
    if (H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, nullptr, read_attribute, &ok) < 0) ok = false;
    if (info->type == H5O_TYPE_GROUP && !walk_group_links(object)) ok = false;
    if (info->type == H5O_TYPE_DATASET && !walk_dataset(object)) ok = false;
    return 0;
}

// Every object visited; true when none gave an HDF5 error.
bool walk_structure(hid_t file) {
    bool ok = true;
    if (H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, visit_object, &ok, H5O_INFO_BASIC) < 0) ok = false;
    H5Eclear2(H5E_DEFAULT);
    return ok;
}

// One kind of read of one version of a file: rehearsed once, it is not rehearsed again.
using FileVersion = std::tuple<std::string, dev_t, ino_t, off_t, long long, long long>;

std::mutex& rehearsed_mutex() {
    static std::mutex mutex;
    return mutex;
}
std::set<FileVersion>& rehearsed() {
    static std::set<FileVersion> files;
    return files;
}

// The child may use this much more address space than the parent had when it forked: HDF5
// allocating what a damaged size field asks for then fails in the child instead of touching it.
// AddressSanitizer reserves its shadow memory as it goes and cannot run under such a limit.
void limit_child_memory() {
#ifndef CITYTWIN_ADDRESS_SANITIZER
    std::ifstream statm("/proc/self/statm");
    unsigned long long pages = 0;
    if (!(statm >> pages)) return;
    const rlim_t limit = static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + (rlim_t{2} << 30);
    const rlimit address_space{limit, limit};
    setrlimit(RLIMIT_AS, &address_space);
#endif
}

enum ChildExit : int { kRead = 0, kReadFailed = 3 };

// The locks the forking thread held belong here to a thread that does not exist: the library
// lock is not taken in the child.
[[noreturn]] void read_in_child(const std::function<void()>& read) {
    enter_single_threaded_child();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // A crash ends the child plainly, whatever handlers the parent installed.
    for (const int fatal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) signal(fatal, SIG_DFL);
    if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(nullptr);
    limit_child_memory();
    int code = kReadFailed;
    try {
        silence_error_printing();
        read();
        code = kRead;
    } catch (...) {
        code = kReadFailed;
    }
    // No exit handlers, no stdio flushes: the parent's buffers and open files are its own.
    _exit(code);
}

std::string describe_end(int status) {
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        return "crashed the HDF5 library (signal " + std::to_string(signal) + ", " + strsignal(signal) + ")";
    }
    return "ended its reader with exit status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

void rehearse_in_child(const std::string& path, const std::string& kind, const std::function<void()>& read) {
    // Already a rehearsal: a crash here is the answer its parent waits for.
    if (in_single_threaded_child()) {
        read();
        return;
    }
    struct stat st {};
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;  // the read says why
    const FileVersion version{kind, st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
    {
        std::lock_guard<std::mutex> guard(rehearsed_mutex());
        if (rehearsed().count(version) != 0) return;
    }
    pid_t child = -1;
    {
        // No thread of this process is inside HDF5 while it forks, so the child finds the
        // library's state whole.
        LibraryLock lock;
        child = fork();
        if (child == 0) read_in_child(read);
    }
    if (child < 0) return;  // no process to spare: read it here, as before
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(kRehearsalSeconds);
    int status = 0;
    auto wait = std::chrono::microseconds(200);
    while (true) {
        const pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) break;
        if (done < 0 && errno != EINTR) return;
        if (std::chrono::steady_clock::now() > deadline) {
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            throw OutputError(path + ": the file is damaged: reading its HDF5 " + kind + " did not finish within " +
                              std::to_string(static_cast<int>(kRehearsalSeconds)) +
                              " s; nothing was read from it (docs/reliability.md §4)");
        }
        std::this_thread::sleep_for(wait);
        wait = std::min(wait * 2, std::chrono::microseconds(20000));
    }
    if (WIFEXITED(status) && (WEXITSTATUS(status) == kRead || WEXITSTATUS(status) == kReadFailed)) {
        std::lock_guard<std::mutex> guard(rehearsed_mutex());
        rehearsed().insert(version);
        return;
    }
    throw OutputError(path + ": the file is damaged: reading its HDF5 " + kind + " " + describe_end(status) +
                      "; nothing was read from it (docs/reliability.md §4)");
}

void check_structure_in_child(const std::string& path) {
    rehearse_in_child(path, "structure", [&] {
        const Handle file = open_file_unchecked(path);
        walk_structure(file);
    });
}

}  // namespace citytwin::io::h5
