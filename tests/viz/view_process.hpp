#pragma once
// Starts `citytwin view` as a child process, reads the URL it prints, and stops it with a
// signal, as a user at a terminal would with Ctrl-C.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace citytwin::testing {

class ViewProcess {
public:
    // `args` after `citytwin view`. Waits up to 60 s for the "at http://..." line.
    explicit ViewProcess(const std::vector<std::string>& args) {
        int out[2];
        if (pipe(out) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            dup2(out[1], STDERR_FILENO);
            close(out[0]);
            close(out[1]);
            std::vector<std::string> all = {std::string(CITYTWIN_BINARY_DIR) + "/sim/cli/citytwin", "view"};
            all.insert(all.end(), args.begin(), args.end());
            std::vector<char*> argv;
            for (auto& a : all) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        fd_ = out[0];
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (url_.empty() && std::chrono::steady_clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 200) <= 0) continue;
            char buf[512];
            const ssize_t n = read(fd_, buf, sizeof buf);
            if (n <= 0) break;   // exited
            output_.append(buf, static_cast<std::size_t>(n));
            const auto at = output_.find("at http://");
            if (at != std::string::npos && output_.find('\n', at) != std::string::npos)
                url_ = output_.substr(at + 3, output_.find('\n', at) - at - 3);
        }
    }
    ~ViewProcess() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (fd_ >= 0) close(fd_);
    }
    const std::string& url() const { return url_; }          // "http://127.0.0.1:PORT/"
    const std::string& output() const { return output_; }
    int port() const { return url_.empty() ? -1 : std::stoi(url_.substr(url_.rfind(':') + 1)); }

    // Sends `sig`; the exit status, or -1 when it has not exited within `seconds`.
    int stop(int sig = SIGINT, int seconds = 10) {
        kill(pid_, sig);
        for (int i = 0; i < seconds * 20; ++i) {
            int st = 0;
            if (waitpid(pid_, &st, WNOHANG) == pid_) {
                exited_ = true;
                drain();
                return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return -1;
    }

private:
    void drain() {
        char buf[512];
        for (ssize_t n; (n = read(fd_, buf, sizeof buf)) > 0;) output_.append(buf, static_cast<std::size_t>(n));
    }
    pid_t pid_ = -1;
    int fd_ = -1;
    bool exited_ = false;
    std::string url_, output_;
};

}  // namespace citytwin::testing
