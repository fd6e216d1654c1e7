#include "io/output/h5_handles.hpp"

#include "io/output/h5_structure_check.hpp"

#include <cstring>
#include <fstream>
#include <vector>

namespace citytwin::io::h5 {

std::recursive_mutex& library_mutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

namespace {
bool single_threaded_child = false;
}  // namespace

void enter_single_threaded_child() { single_threaded_child = true; }
bool in_single_threaded_child() { return single_threaded_child; }

void silence_error_printing() {
    thread_local bool silenced = false;
    if (!silenced) {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        silenced = true;
    }
}

namespace {

struct StackEntry {
    std::string function;
    std::string description;
    std::string minor;
};

herr_t collect_entry(unsigned /*n*/, const H5E_error2_t* err, void* client) {
    auto* entries = static_cast<std::vector<StackEntry>*>(client);
    StackEntry entry;
    if (err->func_name != nullptr) entry.function = err->func_name;
    if (err->desc != nullptr) entry.description = err->desc;
    char minor[256] = {};
    if (H5Eget_msg(err->min_num, nullptr, minor, sizeof minor) > 0) entry.minor = minor;
    entries->push_back(std::move(entry));
    return 0;
}

std::string describe(const StackEntry& e) {
    std::string text = e.description.empty() ? e.minor : e.description;
    if (!e.minor.empty() && e.minor != e.description) text += " (" + e.minor + ")";
    return text;
}

}  // namespace

std::string take_error_text() {
    std::vector<StackEntry> entries;
    // Upward: the most specific error (often carrying errno text) first, the API call last.
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_entry, &entries);
    H5Eclear2(H5E_DEFAULT);
    if (entries.empty()) return "HDF5 reported no further detail";
    const StackEntry& api = entries.back();
    std::string text = api.function + ": " + describe(api);
    if (entries.size() > 1) text += ": " + describe(entries.front());
    return text;
}

namespace {

// A SWMR reader retries metadata whose checksum fails, since a writer may be in the middle of
// writing it. HDF5's default is 100 tries with a wait that doubles from 1 ns, hours in all, so
// that a file with a corrupt superblock kept `citytwin info` waiting without end (found by
// tests/fuzz/run_file_reader_fuzz). 28 tries wait about 0.3 s in all: far longer than a
// writer takes to write one piece of metadata.
constexpr unsigned kSwmrReadAttempts = 28;

// Whether the file's superblock says a writer has it open (or had, when it was killed): only
// then may a SWMR open succeed where a plain one failed, and only then is one tried, so that a
// file that is no such run fails at once. The superblock starts at 0, 512, 1024, 2048 ... (a
// user block before it); versions 2 and 3 keep the file consistency flags in byte 11 (bit 0:
// open for writing, bit 2: for SWMR writing; SWMR needs version 3).
bool marked_open_for_writing(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    constexpr char kSignature[] = "\x89HDF\r\n\x1a\n";
    char head[12];
    for (std::streamoff at = 0; at <= (std::streamoff{1} << 20); at = at == 0 ? 512 : at * 2) {
        in.clear();
        in.seekg(at);
        if (!in.read(head, sizeof head)) return false;
        if (std::memcmp(head, kSignature, 8) == 0) return head[8] >= 2 && (head[11] & 0x05) != 0;
    }
    return false;
}

}  // namespace

Handle open_file_unchecked(const std::string& path) {
    Handle fapl = plist(H5Pcreate(H5P_FILE_ACCESS), "creating file access list");
    check_status(H5Pset_file_locking(fapl, false, true), "configuring file locking");
    check_status(H5Pset_metadata_read_attempts(fapl, kSwmrReadAttempts), "configuring metadata reads");
    hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl);
    if (id >= 0) return {id, H5Fclose};
    H5Eclear2(H5E_DEFAULT);
    // A run file being written (or killed while writing) is marked open for SWMR writing, and
    // HDF5 then opens it only as a SWMR reader: the consistent state of its last write.
    const bool swmr = marked_open_for_writing(path);
    if (swmr) {
        id = H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, fapl);
        if (id >= 0) return {id, H5Fclose};
        H5Eclear2(H5E_DEFAULT);
    }
    // HDF5 shares one open file per process and refuses a second open whose locking setting
    // differs (e.g. this process is writing the file): open it as the first opener did.
    Handle default_locking = plist(H5Pcreate(H5P_FILE_ACCESS), "creating file access list");
    check_status(H5Pset_metadata_read_attempts(default_locking, kSwmrReadAttempts), "configuring metadata reads");
    if (!swmr) return file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, default_locking), "cannot open HDF5 file");
    id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, default_locking);
    if (id >= 0) return {id, H5Fclose};
    H5Eclear2(H5E_DEFAULT);
    return file(H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, default_locking), "cannot open HDF5 file");
}

Handle open_file_read_only(const std::string& path) {
    check_structure_in_child(path);
    return open_file_unchecked(path);
}

void throw_error(const std::string& what) { throw OutputError(what + ": " + take_error_text()); }

}  // namespace citytwin::io::h5
