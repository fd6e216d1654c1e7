#include "sim/sweep/mpi_sweep.hpp"

#include <mpi.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "sim/sweep/member_files.hpp"

namespace citytwin::sweep {
namespace {

constexpr int kTagReady = 1;   // worker -> root: {member index or -1, outcome}
constexpr int kTagMember = 2;  // root -> worker: member index, or -1: no more
constexpr int kExitCheckpointed = 75;

int env_int(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
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
    std::size_t next = 0;
    int workers = ranks - 1;
    while (workers > 0) {
        long report[2];
        MPI_Status status;
        MPI_Recv(report, 2, MPI_LONG, MPI_ANY_SOURCE, kTagReady, MPI_COMM_WORLD, &status);
        if (report[0] >= 0) {
            count(out, static_cast<int>(report[1]));
            if (!settings.quiet)
                std::cerr << "citytwin: sweep: " << out.skipped + out.done << "/" << members.size() << " done, "
                          << out.failed << " failed (rank " << status.MPI_SOURCE << ": member "
                          << members[static_cast<std::size_t>(report[0])].index << ")\n";
        }
        const bool stopping = settings.stop && *settings.stop != 0;
        const long give = (!stopping && next < pending.size()) ? pending[next++] : -1;
        MPI_Send(&give, 1, MPI_LONG, status.MPI_SOURCE, kTagMember, MPI_COMM_WORLD);
        if (give < 0) --workers;
    }
    return out;
}

void worker(const std::vector<io::SweepMember>& members, const RunnerSettings& settings) {
    // Ranks on one node share its cores and GPUs by local rank (OpenMPI's environment).
    const int local_rank = env_int("OMPI_COMM_WORLD_LOCAL_RANK", 0);
    const int local_size = std::max(1, env_int("OMPI_COMM_WORLD_LOCAL_SIZE", 1));
    const int cores = settings.threads > 0 ? settings.threads : static_cast<int>(std::thread::hardware_concurrency());
    LaunchSettings launch;
    launch.program = own_program();
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
        int result = 1;
        try {
            result = run_member(m, launch, settings.stop);
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
    int rank = 0, ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    is_root = rank == 0;
    RunnerOutcome out;
    if (ranks == 1) {
        out = run_members(sweep, members, settings);
    } else {
        if (rank == 0) {
            std::error_code ec;
            if (!sweep.outputs_dir.empty()) std::filesystem::create_directories(sweep.outputs_dir, ec);
        }
        MPI_Barrier(MPI_COMM_WORLD);  // the output folder exists before any member starts
        if (rank == 0) out = root(members, ranks, settings);
        else worker(members, settings);
    }
    MPI_Finalize();
    return out;
}

}  // namespace citytwin::sweep
