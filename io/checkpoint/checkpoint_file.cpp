#include "io/checkpoint/checkpoint_file.hpp"

#include <optional>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/checkpoint/checkpoint_view.hpp"
#include "io/output/h5_attributes.hpp"
#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "io/output/h5_types.hpp"
#include "io/output/output_error.hpp"
#include "sim/core/content_hash.hpp"

namespace citytwin::io {
namespace {

constexpr const char* kFormat = "citytwin-checkpoint";

hid_t file_type_of(sim::StateType t) {
    switch (t) {
        case sim::StateType::u8: return H5T_STD_U8LE;
        case sim::StateType::i8: return H5T_STD_I8LE;
        case sim::StateType::i32: return H5T_STD_I32LE;
        case sim::StateType::u32: return H5T_STD_U32LE;
        case sim::StateType::i64: return H5T_STD_I64LE;
        case sim::StateType::u64: return H5T_STD_U64LE;
        case sim::StateType::f32: return H5T_IEEE_F32LE;
        case sim::StateType::f64: return H5T_IEEE_F64LE;
    }
    return H5T_STD_U8LE;
}

hid_t memory_type_of(sim::StateType t) {
    switch (t) {
        case sim::StateType::u8: return H5T_NATIVE_UINT8;
        case sim::StateType::i8: return H5T_NATIVE_INT8;
        case sim::StateType::i32: return H5T_NATIVE_INT32;
        case sim::StateType::u32: return H5T_NATIVE_UINT32;
        case sim::StateType::i64: return H5T_NATIVE_INT64;
        case sim::StateType::u64: return H5T_NATIVE_UINT64;
        case sim::StateType::f32: return H5T_NATIVE_FLOAT;
        case sim::StateType::f64: return H5T_NATIVE_DOUBLE;
    }
    return H5T_NATIVE_UINT8;
}

// The type a stored dataset was written as (the file types above, compared by class/size/sign).
bool state_type_of_file(hid_t stored, sim::StateType& out) {
    for (auto t : {sim::StateType::u8, sim::StateType::i8, sim::StateType::i32, sim::StateType::u32, sim::StateType::i64,
                   sim::StateType::u64, sim::StateType::f32, sim::StateType::f64})
        if (H5Tequal(stored, file_type_of(t)) > 0) {
            out = t;
            return true;
        }
    return false;
}

std::string array_hash(const std::string& name, sim::StateType type, const void* data, std::size_t bytes) {
    sim::ContentHash h;
    h.add(name);
    const auto t = static_cast<std::uint8_t>(type);
    h.add(&t, 1);
    h.add_size(bytes);
    h.add(data, bytes);
    return h.hex();
}

std::string checksum_of(const std::map<std::string, std::string>& hashes) {
    sim::ContentHash h;
    for (const auto& [name, hash] : hashes) {
        h.add(name);
        h.add(hash);
    }
    return h.hex();
}

// Exactly, so the times read back are the times written.
std::string sim_number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::string line;
    for (char c : text) {
        if (c == '\n') {
            out.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    if (!line.empty()) out.push_back(line);
    return out;
}

h5::Handle dataset_creation_with_parents() {
    h5::Handle lcpl = h5::plist(H5Pcreate(H5P_LINK_CREATE), "creating link creation list");
    h5::check_status(H5Pset_create_intermediate_group(lcpl, 1), "configuring intermediate groups");
    return lcpl;
}

void sync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw OutputError("checkpoint '" + path + "': cannot reopen to sync: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw OutputError("checkpoint '" + path + "': fsync failed: " + std::strerror(errno));
}

}  // namespace

InputFileHash hash_input_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CheckpointError("cannot read input file '" + path + "': " + std::strerror(errno));
    sim::ContentHash h;
    std::vector<char> buffer(1 << 20);
    std::uint64_t bytes = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        h.add(buffer.data(), n);
        bytes += n;
    }
    if (in.bad()) throw CheckpointError("error reading input file '" + path + "'");
    return {path, bytes, h.hex()};
}

// ---- writing ---------------------------------------------------------------------------------

CheckpointWriter::CheckpointWriter(std::string path) : path_(std::move(path)) {
    const std::filesystem::path p(path_);
    if (p.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(p.parent_path(), ec);
        if (ec) throw OutputError("checkpoint '" + path_ + "': cannot create its folder: " + ec.message());
    }
    temp_ = path_ + ".writing-" + std::to_string(::getpid());
    h5::LibraryLock lock;
    h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "creating file access list");
    h5::check_status(H5Pset_file_locking(fapl, false, true), "configuring file locking");
    const hid_t f = H5Fcreate(temp_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    if (f < 0) h5::throw_error("checkpoint '" + path_ + "': cannot create '" + temp_ + "'");
    file_ = f;
}

CheckpointWriter::~CheckpointWriter() {
    if (committed_) return;
    h5::LibraryLock lock;
    if (file_ >= 0) H5Fclose(static_cast<hid_t>(file_));
    std::remove(temp_.c_str());
}

void CheckpointWriter::put(const std::string& name, sim::StateType type, const void* data, std::size_t count) {
    if (committed_) throw std::logic_error("CheckpointWriter: put after commit");
    if (array_hash_.count(name)) throw std::logic_error("CheckpointWriter: array '" + name + "' written twice");
    const std::size_t bytes = count * sim::state_type_size(type);
    h5::LibraryLock lock;
    // Arrays are contiguous; an empty one is chunked, since HDF5 cannot lay out an empty
    // contiguous dataset of fixed size.
    const hsize_t dims[1] = {count}, unlimited[1] = {H5S_UNLIMITED}, chunk[1] = {1};
    h5::Handle space = h5::space(H5Screate_simple(1, dims, count ? nullptr : unlimited), "creating dataspace");
    h5::Handle dcpl = h5::plist(H5Pcreate(H5P_DATASET_CREATE), "creating dataset creation list");
    if (count == 0) h5::check_status(H5Pset_chunk(dcpl, 1, chunk), "setting chunks");
    h5::Handle lcpl = dataset_creation_with_parents();
    h5::Handle ds = h5::dataset(H5Dcreate2(static_cast<hid_t>(file_), ("state/" + name).c_str(), file_type_of(type), space,
                                           lcpl, dcpl, H5P_DEFAULT),
                                "checkpoint: creating '" + name + "'");
    if (count > 0)
        h5::check_status(H5Dwrite(ds, memory_type_of(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
                         "checkpoint: writing '" + name + "'");
    array_hash_[name] = array_hash(name, type, data, bytes);
    bytes_ += bytes;
}

void CheckpointWriter::put_view(const sim::StateView& view) {
    if (committed_) throw std::logic_error("CheckpointWriter: put_view after commit");
    h5::LibraryLock lock;
    write_state_view(static_cast<hid_t>(file_), view);
}

void CheckpointWriter::commit(CheckpointInfo info) {
    info.checksum = checksum_of(array_hash_);
    info.state_bytes = bytes_;
    {
        h5::LibraryLock lock;
        const hid_t root = static_cast<hid_t>(file_);
        h5::write_string_attribute(root, "format", kFormat);
        h5::write_int32_attribute(root, "format_version", info.format_version);
        h5::write_string_attribute(root, "citytwin_version", info.citytwin_version);
        h5::write_string_attribute(root, "created_utc", info.created_utc);
        h5::write_string_attribute(root, "scenario_name", info.scenario_name);
        h5::write_string_attribute(root, "scenario_file", info.scenario_file);
        h5::write_string_attribute(root, "scenario_yaml", info.scenario_text);
        h5::write_string_attribute(root, "base_dir", info.base_dir);
        h5::write_string_attribute(root, "overrides", join(info.overrides));
        h5::write_uint64_attribute(root, "seed", info.seed);
        h5::write_string_attribute(root, "start", info.start);
        h5::write_double_attribute(root, "step_s", info.step_s);
        h5::write_double_attribute(root, "time_s", info.time_s);
        h5::write_double_attribute(root, "duration_s", info.duration_s);
        h5::write_string_attribute(root, "step", std::to_string(info.step));
        h5::write_string_attribute(root, "total_steps", std::to_string(info.total_steps));
        h5::write_string_attribute(root, "backend", info.backend);
        h5::write_string_attribute(root, "device", info.device);
        h5::write_int32_attribute(root, "threads", info.threads);
        h5::write_string_attribute(root, "domains", join(info.domains));
        std::vector<std::string> inputs;
        for (const InputFileHash& f : info.inputs) inputs.push_back(f.hash + " " + std::to_string(f.bytes) + " " + f.path);
        h5::write_string_attribute(root, "inputs", join(inputs));
        h5::write_string_attribute(root, "network_hash", info.network_hash);
        h5::write_string_attribute(root, "trips_hash", info.trips_hash);
        h5::write_string_attribute(root, "counts", std::to_string(info.links) + " " + std::to_string(info.lanes) + " " +
                                                       std::to_string(info.trips));
        h5::write_string_attribute(root, "output_file", info.output_file);
        h5::write_string_attribute(root, "output_run_id", info.output_run_id);
        std::vector<std::string> extents;
        for (const DatasetExtent& e : info.output_extents) extents.push_back(std::to_string(e.rows) + " " + e.path);
        h5::write_string_attribute(root, "output_extents", join(extents));
        std::string at;
        for (double t : info.plan_at_s) at += (at.empty() ? "" : " ") + sim_number(t);
        h5::write_string_attribute(root, "plan_at_s", at);
        h5::write_double_attribute(root, "plan_every_s", info.plan_every_s);
        h5::write_string_attribute(root, "checksum", info.checksum);
        h5::write_string_attribute(root, "state_bytes", std::to_string(info.state_bytes));
        const herr_t closed = H5Fclose(root);
        file_ = -1;
        if (closed < 0) h5::throw_error("checkpoint '" + path_ + "': closing '" + temp_ + "'");
    }
    sync_file(temp_);
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    if (ec) throw OutputError("checkpoint '" + path_ + "': cannot rename '" + temp_ + "' into place: " + ec.message());
    committed_ = true;
}

// ---- reading ---------------------------------------------------------------------------------

namespace {

struct CollectArrays {
    std::vector<std::string> names;
};

herr_t collect_array(hid_t, const char* name, const H5O_info_t* info, void* data) {
    if (info->type == H5O_TYPE_DATASET) static_cast<CollectArrays*>(data)->names.emplace_back(name);
    return 0;
}

std::string attr_text(hid_t root, const char* name, const std::string& path) {
    if (!h5::has_attribute(root, name)) throw CheckpointError("checkpoint '" + path + "': no '" + name + "' attribute; the file is incomplete");
    return h5::read_string_attribute(root, name);
}

std::int64_t to_int(const std::string& s, const std::string& what, const std::string& path) {
    try {
        std::size_t used = 0;
        const long long v = std::stoll(s, &used);
        if (used == s.size()) return v;
    } catch (const std::exception&) {
    }
    throw CheckpointError("checkpoint '" + path + "': attribute '" + what + "' is not a number: '" + s + "'");
}

}  // namespace

bool is_checkpoint_file(const std::string& path) {
    try {
        h5::LibraryLock lock;
        h5::Handle f = h5::open_file_read_only(path);
        return h5::has_attribute(f, "format") && h5::read_string_attribute(f, "format") == kFormat;
    } catch (const std::exception&) {
        return false;
    }
}

std::optional<std::string> checkpoint_output_run_id(const std::string& path) {
    try {
        h5::LibraryLock lock;
        h5::Handle f = h5::open_file_read_only(path);
        if (!h5::has_attribute(f, "format") || h5::read_string_attribute(f, "format") != kFormat) return std::nullopt;
        return h5::has_attribute(f, "output_run_id") ? h5::read_string_attribute(f, "output_run_id") : "";
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

CheckpointReader::CheckpointReader(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw CheckpointError("checkpoint '" + path + "': no such file");
    info_.file_bytes = std::filesystem::file_size(path, ec);
    h5::LibraryLock lock;
    h5::Handle f;
    try {
        f = h5::open_file_read_only(path);
    } catch (const OutputError& e) {
        throw CheckpointError("checkpoint '" + path + "': not a readable HDF5 file (truncated or damaged?): " + e.what());
    }
    if (!h5::has_attribute(f, "format") || h5::read_string_attribute(f, "format") != kFormat)
        throw CheckpointError("'" + path + "' is not a citytwin checkpoint (a run output? checkpoints are written by "
                              "citytwin run --checkpoint-at / --checkpoint-every)");
    info_.format_version = static_cast<int>(h5::read_int64_attribute(f, "format_version"));
    if (info_.format_version != kCheckpointFormatVersion)
        throw CheckpointError("checkpoint '" + path + "' has format version " + std::to_string(info_.format_version) +
                              "; this citytwin " + CITYTWIN_VERSION + " reads version " +
                              std::to_string(kCheckpointFormatVersion) + " (resume it with the citytwin that wrote it, " +
                              attr_text(f, "citytwin_version", path) + ")");
    info_.citytwin_version = attr_text(f, "citytwin_version", path);
    info_.created_utc = attr_text(f, "created_utc", path);
    info_.scenario_name = attr_text(f, "scenario_name", path);
    info_.scenario_file = attr_text(f, "scenario_file", path);
    info_.scenario_text = attr_text(f, "scenario_yaml", path);
    info_.base_dir = attr_text(f, "base_dir", path);
    info_.overrides = split_lines(attr_text(f, "overrides", path));
    info_.seed = h5::read_uint64_attribute(f, "seed");
    info_.start = attr_text(f, "start", path);
    info_.step_s = h5::read_double_attribute(f, "step_s");
    info_.time_s = h5::read_double_attribute(f, "time_s");
    info_.duration_s = h5::read_double_attribute(f, "duration_s");
    info_.step = to_int(attr_text(f, "step", path), "step", path);
    info_.total_steps = to_int(attr_text(f, "total_steps", path), "total_steps", path);
    info_.backend = attr_text(f, "backend", path);
    info_.device = attr_text(f, "device", path);
    info_.threads = static_cast<int>(h5::read_int64_attribute(f, "threads"));
    info_.domains = split_lines(attr_text(f, "domains", path));
    for (const std::string& line : split_lines(attr_text(f, "inputs", path))) {
        const auto a = line.find(' '), b = line.find(' ', a + 1);
        if (a == std::string::npos || b == std::string::npos)
            throw CheckpointError("checkpoint '" + path + "': malformed input record '" + line + "'");
        info_.inputs.push_back({line.substr(b + 1), static_cast<std::uint64_t>(to_int(line.substr(a + 1, b - a - 1), "inputs", path)),
                                line.substr(0, a)});
    }
    info_.network_hash = attr_text(f, "network_hash", path);
    info_.trips_hash = attr_text(f, "trips_hash", path);
    {
        const std::string counts = attr_text(f, "counts", path);
        const auto a = counts.find(' '), b = counts.rfind(' ');
        if (a == std::string::npos || a == b) throw CheckpointError("checkpoint '" + path + "': malformed counts");
        info_.links = to_int(counts.substr(0, a), "counts", path);
        info_.lanes = to_int(counts.substr(a + 1, b - a - 1), "counts", path);
        info_.trips = to_int(counts.substr(b + 1), "counts", path);
    }
    info_.output_file = attr_text(f, "output_file", path);
    info_.output_run_id = attr_text(f, "output_run_id", path);
    for (const std::string& line : split_lines(attr_text(f, "output_extents", path))) {
        const auto a = line.find(' ');
        if (a == std::string::npos) throw CheckpointError("checkpoint '" + path + "': malformed output record '" + line + "'");
        info_.output_extents.push_back({line.substr(a + 1), static_cast<std::uint64_t>(to_int(line.substr(0, a), "output_extents", path))});
    }
    {
        std::istringstream at(attr_text(f, "plan_at_s", path));
        double t = 0.0;
        while (at >> t) info_.plan_at_s.push_back(t);
        info_.plan_every_s = h5::read_double_attribute(f, "plan_every_s");
    }
    info_.checksum = attr_text(f, "checksum", path);
    info_.state_bytes = static_cast<std::uint64_t>(to_int(attr_text(f, "state_bytes", path), "state_bytes", path));

    if (!h5::path_exists(f, "state")) throw CheckpointError("checkpoint '" + path + "': no /state group");
    h5::Handle state = h5::group(H5Gopen2(f, "state", H5P_DEFAULT), "opening /state");
    CollectArrays found;
#if H5_VERSION_GE(1, 12, 0)
    h5::check_status(H5Ovisit3(state, H5_INDEX_NAME, H5_ITER_INC, collect_array, &found, H5O_INFO_BASIC), "listing /state");
#else
    h5::check_status(H5Ovisit2(state, H5_INDEX_NAME, H5_ITER_INC, collect_array, &found, H5O_INFO_BASIC), "listing /state");
#endif
    std::map<std::string, std::string> hashes;
    std::uint64_t total = 0;
    for (const std::string& name : found.names) {
        h5::Handle ds = h5::open_dataset(state, name);
        h5::Handle stored = h5::type(H5Dget_type(ds), "reading a datatype");
        Array a{};
        if (!state_type_of_file(stored, a.type))
            throw CheckpointError("checkpoint '" + path + "': array '" + name + "' has a type citytwin does not write");
        a.count = static_cast<std::size_t>(h5::length(ds));
        a.bytes.resize(a.count * sim::state_type_size(a.type));
        if (a.count > 0 && H5Dread(ds, memory_type_of(a.type), H5S_ALL, H5S_ALL, H5P_DEFAULT, a.bytes.data()) < 0)
            throw CheckpointError("checkpoint '" + path + "': cannot read array '" + name + "' (the file is damaged)");
        hashes[name] = array_hash(name, a.type, a.bytes.data(), a.bytes.size());
        total += a.bytes.size();
        arrays_.emplace(name, std::move(a));
    }
    if (checksum_of(hashes) != info_.checksum || total != info_.state_bytes)
        throw CheckpointError("checkpoint '" + path + "': checksum mismatch (stored " + info_.checksum + ", computed " +
                              checksum_of(hashes) + "): the file is corrupted or incomplete");
}

bool CheckpointReader::has(const std::string& name) const { return arrays_.count(name) > 0; }

std::size_t CheckpointReader::count(const std::string& name, sim::StateType type) const {
    const auto it = arrays_.find(name);
    if (it == arrays_.end())
        throw sim::StateMismatch("checkpoint '" + path_ + "' has no array '" + name +
                                 "' (written by another citytwin, or for a scenario with other domains)");
    if (it->second.type != type)
        throw sim::StateMismatch("checkpoint array '" + name + "' is " + sim::state_type_name(it->second.type) + ", expected " +
                                 sim::state_type_name(type));
    return it->second.count;
}

void CheckpointReader::get(const std::string& name, sim::StateType type, void* data, std::size_t n) const {
    const std::size_t have = count(name, type);
    if (n > have) throw sim::StateMismatch("checkpoint array '" + name + "' is shorter than requested");
    // An empty array's data() may be null, and memcpy's pointers must not be, even for 0 bytes
    // (found by the sanitized suite: a power model's empty array on resume).
    if (n == 0) return;
    std::memcpy(data, arrays_.at(name).bytes.data(), n * sim::state_type_size(type));
}

std::map<std::string, std::uint64_t> CheckpointReader::array_bytes() const {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [name, a] : arrays_) out[name] = a.bytes.size();
    return out;
}

}  // namespace citytwin::io
