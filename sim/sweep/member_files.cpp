#include "sim/sweep/member_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/sweep/sweep_value_text.hpp"

namespace citytwin::sweep {
namespace {

namespace fs = std::filesystem;

std::string stem_of(const io::SweepMember& m) {
    const std::string& out = m.output;
    return out.size() > 3 && out.compare(out.size() - 3, 3, ".h5") == 0 ? out.substr(0, out.size() - 3) : out;
}

}  // namespace

MemberFiles member_files(const io::SweepMember& m) {
    const std::string stem = stem_of(m);
    return MemberFiles{m.output, stem + ".partial.h5", stem + ".ckpt.h5", stem + ".failed", stem + ".log"};
}

MemberState member_state(const io::SweepMember& m) {
    const MemberFiles f = member_files(m);
    std::error_code ec;
    if (fs::is_regular_file(f.output, ec)) return MemberState::Done;
    if (fs::is_regular_file(f.checkpoint, ec)) return MemberState::Interrupted;
    if (fs::is_regular_file(f.failed, ec)) return MemberState::Failed;
    return MemberState::Pending;
}

const char* state_name(MemberState s) {
    switch (s) {
        case MemberState::Pending: return "pending";
        case MemberState::Interrupted: return "interrupted";
        case MemberState::Failed: return "failed";
        case MemberState::Done: return "done";
    }
    return "?";
}

void record_failure(const io::SweepMember& m, const Failure& f) {
    std::ofstream out(member_files(m).failed, std::ios::trunc);
    out << f.exit_status << "\n" << f.error << "\n";
}

Failure read_failure(const io::SweepMember& m) {
    Failure f;
    std::ifstream in(member_files(m).failed);
    std::string status;
    if (!std::getline(in, status)) return Failure{-1, "the failure record is unreadable"};
    try {
        f.exit_status = std::stoi(status);
    } catch (const std::exception&) {
        f.exit_status = -1;
    }
    std::getline(in, f.error);
    return f;
}

void clear_failure(const io::SweepMember& m) {
    std::error_code ec;
    fs::remove(member_files(m).failed, ec);
}

std::string error_from_log(const std::string& log_file) {
    std::ifstream in(log_file);
    std::string line, last, error;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        last = line;
        if (line.rfind("citytwin: error: ", 0) == 0) error = line.substr(17);
    }
    return error.empty() ? last : error;
}

std::string write_failures_file(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members) {
    const std::string path = (sweep.outputs_dir.empty() ? std::string() : sweep.outputs_dir + "/") + "failures.csv";
    std::ostringstream text;
    std::size_t n = 0;
    for (const io::SweepMember& m : members) {
        if (member_state(m) != MemberState::Failed) continue;
        const Failure f = read_failure(m);
        text << m.index << ',' << m.id << ',' << io::csv_field(sweep.variants[m.variant].name) << ',' << f.exit_status << ','
             << io::csv_field(f.error) << '\n';
        ++n;
    }
    std::error_code ec;
    if (n == 0) {
        fs::remove(path, ec);
        return path;
    }
    std::ofstream out(path, std::ios::trunc);
    out << "index,id,variant,exit_status,error\n" << text.str();
    return path;
}

}  // namespace citytwin::sweep
