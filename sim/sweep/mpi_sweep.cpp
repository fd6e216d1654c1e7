#include "sim/sweep/mpi_sweep.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "sim/sweep/member_files.hpp"
#include "sim/sweep/sweep_progress.hpp"

namespace citytwin::sweep {
namespace {

constexpr int kTagReady = 1;   // worker -> root: {member index or -1, outcome}
constexpr int kTagMember = 2;  // root -> worker: member index, or -1: no more
constexpr int kTagAlive = 3;   // worker -> root, each second while its member runs: {member index}
constexpr int kTagEnd = 4;     // root -> worker, at the end: 0 finalize, 1 leave without (a rank was lost)
constexpr int kExitCheckpointed = 75;
constexpr double kHeartbeatS = 1.0;

// What end_mpi needs: set by run_members_mpi.
struct MpiState {
    int rank = 0, ranks = 1;
    std::vector<int> finished_workers;  // root: the ranks that got "no more" and wait for the end
    bool lost = false;                  // root: some rank was lost
};
MpiState state;

int env_int(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
}

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void count(RunnerOutcome& out, int result) {
    if (result == 0) ++out.done;
    else if (result == kExitCheckpointed) ++out.interrupted;
    else ++out.failed;
}

RunnerOutcome root(const std::vector<io::SweepMember>& members, int ranks, const RunnerSettings& settings) {
    RunnerOutcome out;
    std::vector<long> pending;
    for (std::size_t i = 0; i < members.size(); ++i)
        if (member_state(members[i]) == MemberState::Done) ++out.skipped;
        else pending.push_back(static_cast<long>(i));
    struct Worker {
        double last_word_s = 0.0;
        long member = -1;           // running now, or -1
        bool finished = false, lost = false;
    };
    std::vector<Worker> workers(static_cast<std::size_t>(ranks));
    const double started = now_s();
    for (Worker& w : workers) w.last_word_s = started;
    std::size_t next = 0, ended = 0;
    int active = ranks - 1;
    ProgressReport report = ProgressReport::for_stderr(settings.quiet);
    auto progress = [&] {
        Progress p;
        p.total = members.size();
        p.done = out.skipped + out.done;
        p.failed = out.failed;
        p.interrupted = out.interrupted;
        for (const Worker& w : workers) p.running += w.member >= 0 ? 1 : 0;
        p.pending = pending.size() - next;
        if (ended > 0 && ended < pending.size())
            p.eta_s = static_cast<double>(pending.size() - ended) * (now_s() - started) / static_cast<double>(ended);
        return p;
    };
    while (active > 0) {
        int flag = 0;
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
        if (!flag) {
            // Polled rather than a blocking receive, so that a rank gone silent is noticed.
            for (std::size_t r = 1; r < workers.size(); ++r) {
                Worker& w = workers[r];
                if (w.finished || w.lost || now_s() - w.last_word_s < settings.rank_timeout_s) continue;
                w.lost = true;
                state.lost = true;
                ++out.lost_ranks;
                --active;
                const std::string why = "MPI rank " + std::to_string(r) + " stopped answering (no word for " +
                                        std::to_string(static_cast<int>(settings.rank_timeout_s)) + " s): the rank died or hangs";
                if (w.member >= 0) {
                    const io::SweepMember& m = members[static_cast<std::size_t>(w.member)];
                    record_failure(m, Failure{-1, why + " while it ran this member"});
                    ++out.failed;
                    ++ended;
                    w.member = -1;
                    report.message("citytwin: sweep: member " + std::to_string(m.index) + " (" + m.id + ") failed: " + why);
                } else {
                    report.message("citytwin: sweep: " + why);
                }
                report.finished(progress());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        const int source = status.MPI_SOURCE;
        Worker& w = workers[static_cast<std::size_t>(source)];
        long message[2] = {-1, 0};
        MPI_Recv(message, 2, MPI_LONG, source, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (w.lost) continue;  // taken as lost already: its member is recorded, its word comes too late
        w.last_word_s = now_s();
        if (status.MPI_TAG != kTagReady) continue;  // a heartbeat
        if (message[0] >= 0) {
            const io::SweepMember& m = members[static_cast<std::size_t>(message[0])];
            const int result = static_cast<int>(message[1]);
            count(out, result);
            ++ended;
            w.member = -1;
            if (result != 0 && result != kExitCheckpointed)
                report.message("citytwin: sweep: member " + std::to_string(m.index) + " (" + m.id + ") failed, status " +
                               std::to_string(result) + " (rank " + std::to_string(source) + "): " + read_failure(m).error);
        }
        const bool stopping = settings.stop && *settings.stop != 0;
        const long give = (!stopping && next < pending.size()) ? pending[next++] : -1;
        MPI_Send(&give, 1, MPI_LONG, source, kTagMember, MPI_COMM_WORLD);
        if (give >= 0) {
            w.member = give;
        } else {
            w.finished = true;
            state.finished_workers.push_back(source);
            --active;
        }
        if (message[0] >= 0) report.finished(progress());  // with the rank's next member running
    }
    report.close();
    return out;
}

void worker(const std::vector<io::SweepMember>& members, const RunnerSettings& settings) {
    // Ranks on one node share its cores and GPUs by local rank (OpenMPI's environment).
    const int local_rank = env_int("OMPI_COMM_WORLD_LOCAL_RANK", 0);
    const int local_size = std::max(1, env_int("OMPI_COMM_WORLD_LOCAL_SIZE", 1));
    const int cores = settings.threads > 0 ? settings.threads : static_cast<int>(std::thread::hardware_concurrency());
    LaunchSettings launch;
    launch.program = settings.program.empty() ? own_program() : settings.program;
    launch.device = settings.device;
    launch.threads = std::max(1, cores / local_size);
    if (!settings.devices.empty())
        launch.visible_device = settings.devices[static_cast<std::size_t>(local_rank) % settings.devices.size()];
    long report[2] = {-1, 0};
    while (true) {
        MPI_Send(report, 2, MPI_LONG, 0, kTagReady, MPI_COMM_WORLD);
        long index = -1;
        MPI_Recv(&index, 1, MPI_LONG, 0, kTagMember, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (index < 0) return;
        const io::SweepMember& m = members[static_cast<std::size_t>(index)];
        double last_beat = now_s();
        const auto heartbeat = [&] {
            if (now_s() - last_beat < kHeartbeatS) return;
            long alive[2] = {index, 0};
            MPI_Send(alive, 2, MPI_LONG, 0, kTagAlive, MPI_COMM_WORLD);
            last_beat = now_s();
        };
        int result = 1;
        try {
            result = run_member(m, launch, settings.stop, heartbeat);
        } catch (const std::exception& e) {
            record_failure(m, Failure{1, e.what()});  // this member is lost, not the sweep
        }
        report[0] = index;
        report[1] = result;
    }
}

}  // namespace

bool mpi_built() { return true; }

RunnerOutcome run_members_mpi(const io::SweepFile& sweep, const std::vector<io::SweepMember>& members,
                              const RunnerSettings& settings, bool& is_root) {
    MPI_Init(nullptr, nullptr);
    // Errors of a call to a rank that died come back as codes instead of ending this rank.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &state.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &state.ranks);
    is_root = state.rank == 0;
    RunnerOutcome out;
    if (state.ranks == 1) return run_members(sweep, members, settings);
    if (state.rank == 0) {
        std::error_code ec;
        if (!sweep.outputs_dir.empty()) std::filesystem::create_directories(sweep.outputs_dir, ec);
    }
    MPI_Barrier(MPI_COMM_WORLD);  // the output folder exists before any member starts
    if (state.rank == 0) out = root(members, state.ranks, settings);
    else worker(members, settings);
    return out;
}

void end_mpi(int exit_status) {
    if (state.ranks == 1) {
        MPI_Finalize();
        return;
    }
    if (state.rank != 0) {
        int leave = 0;
        MPI_Recv(&leave, 1, MPI_INT, 0, kTagEnd, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (leave == 0) MPI_Finalize();
        return;  // a rank was lost: MPI_Finalize would wait for it for ever
    }
    const int leave = state.lost ? 1 : 0;
    for (int r : state.finished_workers) MPI_Send(&leave, 1, MPI_INT, r, kTagEnd, MPI_COMM_WORLD);
    if (!state.lost) {
        MPI_Finalize();
        return;
    }
    // The others leave without MPI_Finalize; give them a moment, then end the job with the status.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::cerr << std::flush;
    MPI_Abort(MPI_COMM_WORLD, exit_status != 0 ? exit_status : 1);
}

}  // namespace citytwin::sweep
