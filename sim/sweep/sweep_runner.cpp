// The loop of `citytwin sweep run` on one machine. Members are separate processes; this loop
// only starts them, waits for them and files what they left.
#include "sim/sweep/sweep_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "io/output/xdmf_sidecar.hpp"
#include "sim/sweep/member_files.hpp"
#include "sim/sweep/sweep_progress.hpp"

namespace citytwin::sweep {
namespace {

namespace fs = std::filesystem;
constexpr int kExitCheckpointed = 75;  // a member's run stopped by a signal after its checkpoint

}  // namespace

int finish_member(const io::SweepMember& m, int exit_status) {
    const MemberFiles f = member_files(m);
    std::error_code ec;
    if (exit_status == 0) {
        fs::rename(f.partial, f.output, ec);
        if (ec) {
            record_failure(m, Failure{1, "the run succeeded but " + f.partial + " cannot be renamed to " + f.output + ": " +
                                             ec.message()});
            return 1;
        }
        fs::remove(f.checkpoint, ec);
        fs::remove(f.log, ec);  // quiet runs print nothing worth keeping when they succeed
        // The run's ParaView sidecar names the partial file: made again for the output's name.
        fs::remove(io::xdmf_path_for(f.partial), ec);
        try {
            io::write_xdmf_sidecar(f.output);
        } catch (const std::exception&) {
            // a member does not fail for want of its sidecar, as a run does not
        }
        clear_failure(m);
        return 0;
    }
    if (exit_status == kExitCheckpointed) return exit_status;  // the checkpoint stays: resumed next time
    std::string error = error_from_log(f.log);
    if (exit_status > 128) error = "killed by signal " + std::to_string(exit_status - 128) + (error.empty() ? "" : ": " + error);
    record_failure(m, Failure{exit_status, error.empty() ? "exited with status " + std::to_string(exit_status) : error});
    fs::remove(f.checkpoint, ec);  // a checkpoint of a failed attempt is not resumed
    return exit_status;
}

int run_member(const io::SweepMember& m, const LaunchSettings& launch, const volatile std::sig_atomic_t* stop,
               const std::function<void()>& every_poll) {
    clear_failure(m);
    std::error_code ec;
    fs::remove(member_files(m).log, ec);
    const pid_t pid = start_member(m, launch);
    bool forwarded = false;
    int status = 0;
    while (true) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) throw std::runtime_error("lost track of the member process");
        if (stop && *stop != 0 && !forwarded) {
            ::kill(pid, SIGUSR1);
            forwarded = true;
        }
        if (every_poll) every_poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return finish_member(m, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

RunnerOutcome run_members(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members,
                          const RunnerSettings& settings) {
    RunnerOutcome out;
    std::error_code ec;
    if (!sweep.outputs_dir.empty()) fs::create_directories(sweep.outputs_dir, ec);
    if (ec) throw std::runtime_error("cannot create the sweep's output folder " + sweep.outputs_dir + ": " + ec.message());

    std::vector<const io::SweepMember*> pending;
    for (const io::SweepMember& m : members) {
        if (member_state(m) == MemberState::Done) ++out.skipped;
        else pending.push_back(&m);
    }
    const int jobs = std::max(1, settings.jobs);
    const int cores = settings.threads > 0 ? settings.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    LaunchSettings launch;
    launch.program = settings.program.empty() ? own_program() : settings.program;
    launch.device = settings.device;
    launch.threads = std::max(1, cores / jobs);

    std::map<pid_t, std::pair<const io::SweepMember*, int>> running;  // pid -> member, job slot
    std::vector<bool> slot_busy(static_cast<std::size_t>(jobs), false);
    std::size_t next = 0;
    const auto started = std::chrono::steady_clock::now();
    bool forwarded = false;
    ProgressReport report = ProgressReport::for_stderr(settings.quiet);
    auto progress = [&] {
        Progress p;
        p.total = members.size();
        p.done = out.skipped + out.done;
        p.running = running.size();
        p.failed = out.failed;
        p.interrupted = out.interrupted;
        p.pending = pending.size() - next;
        const std::size_t finished = out.done + out.failed + out.interrupted;
        if (finished > 0 && finished < pending.size()) {
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            p.eta_s = static_cast<double>(pending.size() - finished) * elapsed / static_cast<double>(finished);
        }
        return p;
    };
    auto stopping = [&] { return settings.stop && *settings.stop != 0; };

    while (true) {
        while (!stopping() && next < pending.size() && static_cast<int>(running.size()) < jobs) {
            const io::SweepMember& m = *pending[next++];
            int slot = 0;
            while (slot_busy[static_cast<std::size_t>(slot)]) ++slot;
            if (!settings.devices.empty())
                launch.visible_device = settings.devices[static_cast<std::size_t>(slot) % settings.devices.size()];
            clear_failure(m);
            std::error_code rm;
            fs::remove(member_files(m).log, rm);
            running[start_member(m, launch)] = {&m, slot};
            slot_busy[static_cast<std::size_t>(slot)] = true;
        }
        if (running.empty()) break;
        if (stopping() && !forwarded) {
            // Pre-emption: every member checkpoints and exits 75; the next run resumes them.
            for (const auto& [pid, member] : running) ::kill(pid, SIGUSR1);
            forwarded = true;
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid == 0 || (pid < 0 && errno == EINTR)) {
            // Polled, so a signal to this process is seen within 0.1 s whatever waitpid does.
            report.tick(progress());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        if (pid < 0) throw std::runtime_error("lost track of the member processes");
        const auto it = running.find(pid);
        if (it == running.end()) continue;
        const auto [member, slot] = it->second;
        running.erase(it);
        slot_busy[static_cast<std::size_t>(slot)] = false;
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        const int result = finish_member(*member, code);
        if (result == 0) ++out.done;
        else if (result == kExitCheckpointed) ++out.interrupted;
        else {
            ++out.failed;
            report.message("citytwin: sweep: member " + std::to_string(member->index) + " (" + member->id +
                           ") failed, status " + std::to_string(result) + ": " + read_failure(*member).error);
        }
        report.finished(progress());
    }
    report.close();
    return out;
}

}  // namespace citytwin::sweep
