#pragma once
// A checkpoint: one HDF5 file holding the complete state of a run at a step (every domain's
// arrays and accumulators under /state, the trip table under /state/setup), what it needs to
// rebuild the run (the scenario as read, its overrides, the input files' hashes) and what it
// was writing (the output file, its run id and how far each growing dataset had got).
// Written to a temporary name, synced and renamed, so a crash mid-write leaves the previous
// checkpoint in place; a checksum over every array is verified on reading.
// Layout: docs/checkpoints.md.
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include "io/output/run_prefix.hpp"
#include "sim/core/state_archive.hpp"
#include "sim/core/state_view.hpp"

namespace citytwin::io {

inline constexpr int kCheckpointFormatVersion = 1;

// A checkpoint that cannot be read or does not fit: the message says what differs.
class CheckpointError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct InputFileHash {
    std::string path;
    std::uint64_t bytes = 0;
    std::string hash;   // FNV-1a 64 of the content, hex
};

struct CheckpointInfo {
    int format_version = kCheckpointFormatVersion;
    std::string citytwin_version;
    std::string created_utc;
    std::string scenario_name, scenario_file, scenario_text, base_dir;
    std::vector<std::string> overrides;
    std::uint64_t seed = 0;
    std::string start;
    double step_s = 0.0, time_s = 0.0, duration_s = 0.0;
    std::int64_t step = 0, total_steps = 0;
    std::string backend, device;
    int threads = 0;
    std::vector<std::string> domains;
    std::vector<InputFileHash> inputs;
    std::string network_hash, trips_hash;
    std::int64_t links = 0, lanes = 0, trips = 0;
    std::string output_file, output_run_id;
    std::vector<DatasetExtent> output_extents;
    std::vector<double> plan_at_s;  // the run's checkpoint times and cadence, for its resumption
    double plan_every_s = 0.0;
    std::string checksum;          // over every state array, in name order
    std::uint64_t state_bytes = 0; // sum of the arrays' sizes
    std::uint64_t file_bytes = 0;  // on reading: the file's size
};

// Hashes a file's content (streamed). Throws CheckpointError when it cannot be read.
InputFileHash hash_input_file(const std::string& path);

// Collects the arrays (StateWriter) and writes the file in commit().
class CheckpointWriter final : public sim::StateWriter {
public:
    // `path`: where the checkpoint ends up; a temporary file beside it is written first.
    explicit CheckpointWriter(std::string path);
    ~CheckpointWriter() override;   // removes the temporary file unless committed
    CheckpointWriter(const CheckpointWriter&) = delete;
    CheckpointWriter& operator=(const CheckpointWriter&) = delete;

    void put(const std::string& name, sim::StateType type, const void* data, std::size_t count) override;
    // A picture of the state under /view (checkpoint_view.hpp), outside the checksum.
    void put_view(const sim::StateView& view);
    // Writes the metadata and checksum, syncs, closes and renames over `path`. Throws OutputError.
    void commit(CheckpointInfo info);

private:
    std::string path_, temp_;
    long long file_ = -1;   // hid_t
    std::map<std::string, std::string> array_hash_;
    std::uint64_t bytes_ = 0;
    bool committed_ = false;
};

// Opens, verifies (format, version, checksum) and holds every array in memory.
class CheckpointReader final : public sim::StateReader {
public:
    // Throws CheckpointError naming the file and what is wrong.
    explicit CheckpointReader(const std::string& path);
    const CheckpointInfo& info() const { return info_; }
    const std::string& path() const { return path_; }

    bool has(const std::string& name) const override;
    std::size_t count(const std::string& name, sim::StateType type) const override;
    void get(const std::string& name, sim::StateType type, void* data, std::size_t count) const override;
    // Names and sizes of the arrays, for `citytwin info`; an array's stored bytes.
    std::map<std::string, std::uint64_t> array_bytes() const;
    const std::vector<unsigned char>& raw(const std::string& name) const { return arrays_.at(name).bytes; }

private:
    struct Array {
        sim::StateType type;
        std::size_t count;
        std::vector<unsigned char> bytes;
    };
    std::string path_;
    CheckpointInfo info_;
    std::map<std::string, Array> arrays_;
};

// True when the file is a citytwin checkpoint (its root says so); false for run files and
// anything else HDF5 can open. Throws nothing.
bool is_checkpoint_file(const std::string& path);
// The run id of the output a checkpoint belongs to, or nullopt when `path` is no checkpoint.
std::optional<std::string> checkpoint_output_run_id(const std::string& path);

}  // namespace citytwin::io
