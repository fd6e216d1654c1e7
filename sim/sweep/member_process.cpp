#include "sim/sweep/member_process.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "sim/sweep/member_files.hpp"

namespace citytwin::sweep {

std::string own_program() {
    char buffer[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0) throw std::runtime_error(std::string("cannot find the citytwin program (/proc/self/exe): ") + std::strerror(errno));
    return std::string(buffer, static_cast<std::size_t>(n));
}

std::vector<std::string> member_arguments(const io::SweepMember& m, const LaunchSettings& s) {
    const MemberFiles f = member_files(m);
    std::vector<std::string> args;
    if (member_state(m) == MemberState::Interrupted) {
        // The checkpoint knows the scenario, the overrides and the partial output to go on with.
        args = {"resume", f.checkpoint};
    } else {
        args = {"run", m.scenario};
        for (const std::string& set : m.sets) {
            args.push_back("--set");
            args.push_back(set);
        }
        // The partial name is the sweep's own: whatever an earlier attempt left there is replaced.
        args.insert(args.end(), {"-o", f.partial, "--overwrite", "--checkpoint", f.checkpoint});
    }
    args.insert(args.end(), {"-q", "--device", s.device, "--threads", std::to_string(s.threads)});
    return args;
}

pid_t start_member(const io::SweepMember& m, const LaunchSettings& s) {
    const std::vector<std::string> args = member_arguments(m, s);
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(s.program.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e)
        if (s.visible_device.empty() || std::strncmp(*e, "CUDA_VISIBLE_DEVICES=", 21) != 0) env_text.push_back(*e);
    if (!s.visible_device.empty()) env_text.push_back("CUDA_VISIBLE_DEVICES=" + s.visible_device);
    std::vector<char*> envp;
    for (std::string& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string log = member_files(m).log;
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + log + ": " + std::strerror(errno));
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fd);
        throw std::runtime_error(std::string("cannot start a member process: ") + std::strerror(errno));
    }
    if (pid == 0) {
        // The member dies with the process that runs it (a runner or an MPI rank killed with
        // SIGKILL): no orphan goes on holding the lock of its partial output.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        ::execve(s.program.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(fd);
    return pid;
}

}  // namespace citytwin::sweep
