#include "sim/cli/run_signals.hpp"

#include <unistd.h>

namespace citytwin::cli {
namespace {

volatile std::sig_atomic_t g_signal = 0;
constexpr int kSignals[3] = {SIGTERM, SIGINT, SIGUSR1};

extern "C" void on_signal(int sig) {
    if (g_signal != 0) _exit(128 + sig);   // the second one: now
    g_signal = sig;
    static const char note[] = "\ncitytwin: signal received: finishing the step, writing a checkpoint\n";
    const ssize_t ignored = write(STDERR_FILENO, note, sizeof note - 1);
    (void)ignored;
}

}  // namespace

RunSignals::RunSignals() {
    g_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &sa, &old_[i]);
}

RunSignals::~RunSignals() {
    for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &old_[i], nullptr);
}

const volatile std::sig_atomic_t* RunSignals::flag() { return &g_signal; }

}  // namespace citytwin::cli
