#include "io/output/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/run_layout.hpp"

namespace citytwin::io {
namespace {

struct flock whole_file(short type) {
    struct flock l {};
    l.l_type = type;
    l.l_whence = SEEK_SET;
    l.l_start = 0;
    l.l_len = 0;  // to the end, however far the file grows
    return l;
}

std::string attribute_or_empty(hid_t object, const char* name) {
    return h5::has_attribute(object, name) ? h5::read_string_attribute(object, name) : "";
}

std::string seconds_text(double s) {
    return std::to_string(static_cast<long long>(std::llround(s))) + " s";
}

}  // namespace

ExistingOutput existing_output(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || st.st_size == 0) return {};
    h5::LibraryLock lock;
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return {ExistingOutput::Kind::other, "a file that is not a citytwin run (" + std::to_string(st.st_size) + " bytes)"};
    }
    try {
        h5::Handle file = h5::open_file_read_only(path);
        h5::Handle root = h5::group(H5Gopen2(file, "/", H5P_DEFAULT), "opening root group");
        const std::string format = attribute_or_empty(root, "format");
        if (format.rfind("citytwin-run", 0) != 0)
            return {ExistingOutput::Kind::other, "an HDF5 file that is not a citytwin run (" + std::to_string(st.st_size) + " bytes)"};
        const std::string status = attribute_or_empty(root, "status");
        const std::string created = attribute_or_empty(root, "created_utc");
        const double stopped = h5::has_attribute(root, "stopped_at_s") ? h5::read_double_attribute(root, "stopped_at_s") : 0.0;
        if (h5::path_exists(file, layout::kKpi) || status == "complete")
            return {ExistingOutput::Kind::complete_run, "a complete run (created " + created + ")"};
        if (status == "stopped" || status == "interrupted")
            return {ExistingOutput::Kind::resumable_run,
                    "a run " + status + " at " + seconds_text(stopped) + " with a checkpoint to resume (created " + created + ")"};
        return {ExistingOutput::Kind::killed_run, "a run that ended without finishing (created " + created + ")"};
    } catch (const OutputError&) {
        H5Eclear2(H5E_DEFAULT);
        return {ExistingOutput::Kind::other, "an HDF5 file that cannot be read as a citytwin run"};
    }
}

bool claimed_by_another_process(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct flock l = whole_file(F_WRLCK);
    const bool held = ::fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

OutputLock OutputLock::claim(const std::string& path, bool overwrite, bool resuming_own, const std::string& role) {
    OutputLock lock;
    lock.path_ = path;
    // The writer creates missing folders (out/ of the default name); the claim comes first.
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec)
            throw std::invalid_argument(role + " '" + path + "': cannot create the folder '" + parent.string() +
                                        "': " + ec.message());
    }
    lock.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    const bool created = lock.fd_ >= 0;
    if (!created && errno == EEXIST) lock.fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (lock.fd_ < 0)
        throw std::invalid_argument(role + " '" + path + "': cannot open it for writing: " + std::strerror(errno));
    struct flock l = whole_file(F_WRLCK);
    if (::fcntl(lock.fd_, F_OFD_SETLK, &l) != 0) {
        const int err = errno;
        if (err == EAGAIN || err == EACCES)
            throw std::invalid_argument(role + " '" + path +
                                        "' is being written by another citytwin run (it holds the file's lock); "
                                        "nothing was changed");
        throw std::invalid_argument(role + " '" + path + "': cannot lock it: " + std::strerror(err));
    }
    lock.created_ = created;  // only now: a file another run claimed first is never removed
    // HDF5 truncates a file before it takes its own lock: test that lock first, so a file that
    // h5py or another HDF5 program holds open is never cut short under it.
    if (!created) {
        if (::flock(lock.fd_, LOCK_EX | LOCK_NB) != 0)
            throw std::invalid_argument(role + " '" + path +
                                        "' is open in another program (it holds HDF5's file lock); close it first. "
                                        "Nothing was changed");
        ::flock(lock.fd_, LOCK_UN);
        const ExistingOutput existing = existing_output(path);
        const bool replaceable = existing.kind == ExistingOutput::Kind::none ||
                                 existing.kind == ExistingOutput::Kind::killed_run ||
                                 (resuming_own && existing.kind == ExistingOutput::Kind::resumable_run);
        if (!replaceable && !overwrite)
            throw std::invalid_argument(role + " '" + path + "' already holds " + existing.what +
                                        "; pass --overwrite (or set outputs.overwrite: true) to replace it. "
                                        "Nothing was changed");
        if (existing.kind != ExistingOutput::Kind::none) lock.replaced_ = existing.what;
    }
    return lock;
}

OutputLock OutputLock::claim_new(const std::string& path) {
    OutputLock lock;
    lock.path_ = path;
    lock.fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (lock.fd_ < 0) throw std::invalid_argument("'" + path + "': cannot open it: " + std::strerror(errno));
    struct flock l = whole_file(F_WRLCK);
    if (::fcntl(lock.fd_, F_OFD_SETLK, &l) != 0)
        throw std::invalid_argument("'" + path + "' is being written by another citytwin run; nothing was changed");
    return lock;
}

OutputLock::~OutputLock() { release(); }

OutputLock::OutputLock(OutputLock&& other) noexcept { *this = std::move(other); }

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
    if (this != &other) {
        release();
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
        created_ = other.created_;
        replaced_ = std::move(other.replaced_);
    }
    return *this;
}

void OutputLock::release() noexcept {
    if (fd_ < 0) return;
    // A claim that created the file, for a run that failed before writing anything, leaves
    // no empty file behind.
    struct stat st {}, at_path {};
    if (created_ && ::fstat(fd_, &st) == 0 && st.st_size == 0 && ::stat(path_.c_str(), &at_path) == 0 &&
        at_path.st_ino == st.st_ino && at_path.st_dev == st.st_dev)  // not a file renamed over it since
        ::unlink(path_.c_str());
    ::close(fd_);
    fd_ = -1;
}

}  // namespace citytwin::io
